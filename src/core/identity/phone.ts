/**
 * Callers give their number in every way people write numbers: "06 12 34 56 78",
 * "+33 6 12 34 56 78", "0033612345678", "(0)6.12.34.56.78". The store keeps E.164 only, so
 * every lookup first turns what was typed into E.164 — or into an E.164 prefix while the agent
 * is still typing.
 */
import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

export const DEFAULT_REGION: CountryCode = 'FR';

/** Characters that may appear in a phone number as people write it. */
const PHONE_CHARS = /^[\d\s+().\-/\u00a0]+$/;

export function looksLikePhone(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && PHONE_CHARS.test(t) && digitsOf(t).length >= 3;
}

export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

/** The full E.164 form, or null if the text is not a complete, valid number. */
export function toE164(text: string, region: CountryCode = DEFAULT_REGION): string | null {
  if (!looksLikePhone(text)) return null;
  const cleaned = text.replace(/\(0\)/g, '').trim().replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, region);
  return parsed && parsed.isValid() ? parsed.number : null;
}

/**
 * What a partly typed number must start with in E.164, so results narrow as the agent types:
 * "06 12" → "+33612", "+44 77" → "+4477", "0044 77" → "+4477". Null when too short to be useful.
 */
export function toE164Prefix(text: string, region: CountryCode = DEFAULT_REGION): string | null {
  if (!looksLikePhone(text)) return null;
  const t = text.replace(/\(0\)/g, '').trim();
  const digits = digitsOf(t);
  let prefix: string;
  if (t.startsWith('+')) prefix = '+' + digits;
  else if (digits.startsWith('00')) prefix = '+' + digits.slice(2);
  else if (digits.startsWith('0') && region === 'FR') prefix = '+33' + digits.slice(1);
  else return null;
  return prefix.length >= 5 ? prefix : null;
}

/**
 * A number as an agent reads it aloud on this desk: a number of the desk's own country in the
 * national format ("06 12 34 56 78"), any other in the international one ("+44 7911 123456").
 * Null when the text is not an E.164 number.
 */
export function displayPhone(e164: string, home: CountryCode = DEFAULT_REGION): string | null {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return null;
  // The calling code, not the country: countries that share a numbering plan (+44: GB, Jersey…) dial each other nationally.
  return parsed.countryCallingCode === getCountryCallingCode(home) ? parsed.formatNational() : parsed.formatInternational();
}
