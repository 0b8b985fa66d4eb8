/**
 * Constant-time comparison of two normalised answers.
 *
 * `a === b` stops at the first differing character, so the time it takes tells an attacker who
 * can time many checks how many leading characters of a guess were right. This comparison
 * always walks max(a.length, b.length) UTF-16 code units, folds every difference into one
 * accumulator with XOR/OR, and folds the length difference in the same way — no early exit and
 * no short-circuit on length.
 *
 * JavaScript cannot promise cycle-exact timing (the JIT decides), but removing the
 * data-dependent early exit removes the signal that matters. The loop length depends only on
 * the longer input, which the agent typed, so it does not reveal the stored answer's length
 * either when the typed one is longer.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  // Lengths differ → non-zero; also covers "a" vs "a\0", which padding alone would confuse.
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) {
    // Past the end, charCodeAt gives NaN, which `| 0` turns into 0: no branch on the index.
    diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  }
  return diff === 0;
}
