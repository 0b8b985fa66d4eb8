/**
 * The Luhn check digit (ISO/IEC 7812), which every payment card number carries: doubling every
 * second digit from the right catches any single mistyped digit and most swaps.
 */

/** True when `digits` is only ASCII digits (at least two) and its Luhn sum is a multiple of 10. */
export function luhnValid(digits: string): boolean {
  if (typeof digits !== 'string' || digits.length < 2 || !/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The check digit that makes `payload` + digit Luhn-valid (for building test cards and fixtures). */
export function luhnCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(payload + String(d))) return String(d);
  /* c8 ignore next */
  throw new Error('unreachable: one of ten digits always completes a Luhn sum');
}
