import type { ScreenPop } from '../../../../core/api';
import { displayPhone } from '../../../../core/identity';

/**
 * The caller's number as an agent reads it aloud: a national number in the national format
 * ("06 12 34 56 78"), a foreign one in the international format ("+44 7911 123456"). Falls back
 * to what the telephony sent when main could not read it as a phone number.
 */
export function displayCallerNumber(pop: Pick<ScreenPop, 'from' | 'e164'>): string {
  if (pop.e164) return displayPhone(pop.e164) ?? pop.e164;
  return pop.from.trim();
}
