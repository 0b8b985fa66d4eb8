import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ScreenPop } from '../../../../core/api';

/**
 * The caller's number as an agent reads it aloud: "+33 6 12 34 56 78". Falls back to what the
 * telephony sent when main could not read it as a phone number.
 */
export function displayCallerNumber(pop: Pick<ScreenPop, 'from' | 'e164'>): string {
  if (pop.e164) {
    const parsed = parsePhoneNumberFromString(pop.e164);
    if (parsed) return parsed.formatInternational();
    return pop.e164;
  }
  return pop.from.trim();
}
