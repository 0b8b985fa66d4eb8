import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCardNumbers, screenNote } from '../../../src/core/notes';

const FIXTURES = join(__dirname, '../../fixtures/notes');

/** Decodes one corpus line: \n \r \t \\ \uXXXX \u{XXXXX}. */
export function decodeLine(line: string): string {
  return line.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|[nrt\\])/g, (_, e: string) => {
    if (e === 'n') return '\n';
    if (e === 'r') return '\r';
    if (e === 't') return '\t';
    if (e === '\\') return '\\';
    return String.fromCodePoint(parseInt(e.startsWith('u{') ? e.slice(2, -1) : e.slice(1), 16));
  });
}

/** The texts of a corpus file with their line numbers ('#' comments and blank lines skipped). */
function corpus(name: string): { line: number; raw: string; text: string }[] {
  return readFileSync(join(FIXTURES, name), 'utf8')
    .split('\n')
    .map((raw, i) => ({ line: i + 1, raw, text: decodeLine(raw) }))
    .filter(({ raw }) => raw.trim() !== '' && !raw.startsWith('#'));
}

describe('corpus line decoding', () => {
  it('decodes the escapes the generator writes', () => {
    expect(decodeLine('a\\nb\\tc\\r\\\\d\\u200b\\u{1d7ce}\\u00a0')).toBe('a\nb\tc\r\\d\u200b𝟎\u00a0');
    expect(decodeLine('\\\\n')).toBe('\\n'); // an escaped backslash before an n
  });
});

describe('card-forms.txt: every line holds a card number and is refused', () => {
  const lines = corpus('card-forms.txt');

  it('has at least 200 forms', () => expect(lines.length).toBeGreaterThanOrEqual(200));

  it('refuses every line, and highlights digits only from the first to the last of a card', () => {
    const failing: string[] = [];
    for (const { line, raw, text } of lines) {
      const result = screenNote(text);
      if (result.ok || result.reason !== 'card_number') {
        failing.push(`card-forms.txt:${line} not refused (${result.ok ? 'accepted' : result.reason}): ${raw}`);
        continue;
      }
      for (const { start, end } of result.ranges) {
        const found = text.slice(start, end);
        if (!/^\p{N}/u.test(found) || !/\p{N}$/u.test(found)) failing.push(`card-forms.txt:${line} range ${start}–${end} is ${JSON.stringify(found)}: ${raw}`);
      }
    }
    expect(failing).toEqual([]);
  });
});

describe('not-cards.txt: no line holds a card number, every line is accepted', () => {
  const lines = corpus('not-cards.txt');

  it('has at least 200 numbers', () => expect(lines.length).toBeGreaterThanOrEqual(200));

  it('accepts every line', () => {
    const failing: string[] = [];
    for (const { line, raw, text } of lines) {
      const result = screenNote(text);
      if (!result.ok) {
        const where = findCardNumbers(text).map((r) => JSON.stringify(text.slice(r.start, r.end)));
        failing.push(`not-cards.txt:${line} refused (${result.reason}${where.length ? `: ${where.join(', ')}` : ''}): ${raw}`);
      }
    }
    expect(failing).toEqual([]);
  });
});
