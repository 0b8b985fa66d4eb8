/**
 * The folded copy of a text that the card screen reads: each code point is put in Unicode NFKC
 * (full-width, circled and superscript digits become ASCII, odd spaces become a space), every
 * decimal digit of any script (General Category Nd) becomes its ASCII digit, and invisible
 * characters (format characters \p{Cf} such as zero-width spaces, word joiner, BOM, soft hyphen,
 * direction marks; and other default-ignorable code points) are dropped. Everything else is kept
 * as it is: letters, punctuation and spaces still matter to the rules that read the copy.
 *
 * Each UTF-16 unit of the copy remembers the UTF-16 range of the original code point it came
 * from, so what is found in the copy can be highlighted in the original.
 */

const ND = /\p{Nd}/u;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const ASCII_ONLY = /^[\0-\x7f]*$/;

/**
 * The value of a decimal digit of any script, from where it sits in its block: Unicode assigns
 * decimal digits (Nd) only in contiguous runs of ten, 0 to 9 in order (a stability policy), so
 * the number of Nd code points just before it, modulo 10, is its value. Mathematical digits
 * (U+1D7CE–1D7FF) are five such runs back to back, which the modulo handles. -1 if not Nd.
 */
export function decimalDigitValue(codePoint: number): number {
  if (!ND.test(String.fromCodePoint(codePoint))) return -1;
  let below = 0;
  while (below < 100 && codePoint - below > 0 && ND.test(String.fromCodePoint(codePoint - below - 1))) below++;
  return below % 10;
}

/** What one code point folds to (NFKC, digits to ASCII, invisibles dropped). */
function foldCodePoint(codePoint: number): string {
  let out = '';
  for (const ch of String.fromCodePoint(codePoint).normalize('NFKC')) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out += ch;
    else if (ND.test(ch)) out += String.fromCharCode(48 + decimalDigitValue(cp));
    else if (!INVISIBLE.test(ch)) out += ch;
  }
  return out;
}

/** Code point → folded form; notes reuse few distinct non-ASCII characters, so this stays small. */
const cache = new Map<number, string>();
const CACHE_LIMIT = 4096;

function folded(codePoint: number): string {
  let f = cache.get(codePoint);
  if (f === undefined) {
    f = foldCodePoint(codePoint);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(codePoint, f);
  }
  return f;
}

export interface FoldedText {
  /** The folded copy. */
  readonly text: string;
  /** For each UTF-16 unit of the copy, the original code point's start and end (UTF-16); null when the copy is the original (ASCII text). */
  readonly from: readonly number[] | null;
  readonly to: readonly number[] | null;
}

export function foldText(text: string): FoldedText {
  // ASCII folds to itself (NFKC leaves it alone, its digits are ASCII, none of it is invisible).
  if (ASCII_ONLY.test(text)) return { text, from: null, to: null };
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out += text[i];
      from.push(i);
      to.push(i + 1);
      i++;
      continue;
    }
    const cp = text.codePointAt(i) as number;
    const units = cp > 0xffff ? 2 : 1;
    const f = folded(cp);
    for (let k = 0; k < f.length; k++) {
      from.push(i);
      to.push(i + units);
    }
    out += f;
    i += units;
  }
  return { text: out, from, to };
}
