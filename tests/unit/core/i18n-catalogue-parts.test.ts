/**
 * The catalogue of each language is its own keys and then the parts (call, bills, receivables…)
 * spread one after the other: a key written in two places is silently the last one's. That is
 * how the best-plans tab came to be titled "Payment plan". Every key is written once.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(__dirname, '../../../src/core/i18n/messages');

/** The keys a catalogue file writes itself: `  'a.b': …` at the object's top level. */
function keysWritten(file: string): string[] {
  return [...readFileSync(join(DIR, file), 'utf8').matchAll(/^ {2}'([^']+)':/gm)].map((m) => m[1]!);
}

describe.each(['en', 'fr'])('the %s catalogue', (locale) => {
  const files = [`${locale}.ts`, ...readdirSync(DIR).filter((f) => f.endsWith(`.${locale}.ts`))];

  it('reads keys from every part', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(keysWritten(f).length, f).toBeGreaterThan(0);
  });

  it('writes every key once, across its own keys and all its parts', () => {
    const where = new Map<string, string[]>();
    for (const f of files) for (const k of keysWritten(f)) where.set(k, [...(where.get(k) ?? []), f]);
    const twice = [...where].filter(([, fs]) => fs.length > 1).map(([k, fs]) => `${k}: ${fs.join(', ')}`);
    expect(twice).toEqual([]);
  });
});
