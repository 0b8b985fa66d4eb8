/**
 * The shortest phone number a lookup answers before it is complete.
 *
 * RULE: a phone prefix is searched only once it has PHONE_PREFIX_MIN_DIGITS digits of the
 * national number (the digits after the country code — after the leading 0 of a French number
 * typed the French way). Below that, the lookup answers no callers and says why (tooShort).
 *
 * Why 6. Before verification a result shows the phone masked: the first digit of the national
 * number and the last two ("+33 6 •• •• •• 78", src/core/identity/mask.ts). A French number has
 * 9 national digits, so 6 stay unknown (7 for a UK mobile). Someone who wants a masked number
 * in full can type prefixes and watch whether that customer appears among the results: with
 * every prefix answered that is digit by digit, at most 10 searches a digit — the security
 * review recovered a whole number in 25.
 *
 * With a minimum of N national digits, the first prefix that can show the customer at all
 * already fixes N − 1 unknown digits (the first digit is the one the mask shows), and every
 * shorter prefix answers nothing, so they must be guessed together: 10^(N−1) prefixes,
 * half of that on average, before the first hit. After it, each further digit costs at most 10
 * searches again — so the minimum is the whole defence, and it is sized on those N − 1 digits.
 * N = 6 leaves 5 digits to guess together: 100,000 searches, 50,000 on average. Under the lookup
 * rate limit (a burst of 120, then one search every 2 seconds per agent, whatever the number of
 * windows: src/main/services/lookup-rate-limit.ts) that is about 28 hours of uninterrupted
 * searching on average and 55 at worst, for one number, with every search in the audit trail
 * under the agent's name. Typing complete numbers outright (10^6 candidates) is the floor no
 * prefix rule can go below; N = 7 would only reach it at the price of prefix search itself.
 *
 * What it costs the agent: results appear from the 6th digit after the 0 ("06 12 34 5"), three
 * digits before the number is complete.
 *
 * What it does not cover: whoever a prefix lists, the agent now knows the digits they typed,
 * and the mask adds the last two — after 6 digits one digit of a listed customer's number stays
 * unknown (10 exact searches), after 7 none. That collects the numbers of whoever happens to be
 * listed, not a chosen customer's, at the rate limit and in the audit trail. Hiding the last two
 * digits in phone results would not close it: the same customer's row shows them in a name search.
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js/min';

export const PHONE_PREFIX_MIN_DIGITS = 6;

export interface PhonePrefixTooShort {
  /** Digits of the national number a phone search needs (after the 0 or the country code). */
  readonly minDigits: number;
}

let callingCodes: ReadonlySet<string> | undefined;

/**
 * Digits of the national number in an E.164 prefix ("+336123" → 4). Country calling codes are
 * 1 to 3 digits and none is the start of another; a prefix whose code is not known yet counts
 * 3 digits for it, which can only make the rule stricter.
 */
export function nationalDigitsOfPrefix(e164Prefix: string): number {
  const digits = e164Prefix.replace(/\D/g, '');
  callingCodes ??= new Set(getCountries().map((c) => getCountryCallingCode(c)));
  for (let len = 1; len <= 3; len++) {
    if (callingCodes.has(digits.slice(0, len))) return Math.max(0, digits.length - len);
  }
  return Math.max(0, digits.length - 3);
}

/** Null when the prefix may be searched; otherwise what the screen tells the agent. */
export function phonePrefixTooShort(e164Prefix: string): PhonePrefixTooShort | null {
  return nationalDigitsOfPrefix(e164Prefix) < PHONE_PREFIX_MIN_DIGITS ? { minDigits: PHONE_PREFIX_MIN_DIGITS } : null;
}
