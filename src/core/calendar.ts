/**
 * The calendar: whole UTC days written 'YYYY-MM-DD', counted from 1970-01-01. One module for
 * billing, policy, verification and the demo history. Pure: no Date objects, no clock.
 */

export const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1..12) of `year`; 0 for a month that does not exist. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  if (month < 1 || month > 12) return 0;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Howard Hinnant's days_from_civil: days since 1970-01-01, exact for every Gregorian date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The digit at `s[i]`, or NaN. */
export function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/**
 * Days since 1970-01-01 of the 'YYYY-MM-DD' at the start of `s` (an instant's day too); NaN if it
 * is not a calendar day. Reads characters, not a regular expression: it runs on every history row.
 */
export function dayNumber(s: string): number {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const y = digitAt(s, 0) * 1000 + digitAt(s, 1) * 100 + digitAt(s, 2) * 10 + digitAt(s, 3);
  const m = digitAt(s, 5) * 10 + digitAt(s, 6);
  const d = digitAt(s, 8) * 10 + digitAt(s, 9);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) return Number.NaN;
  return daysFromCivil(y, m, d);
}

/**
 * Where a day number stands for no day (a first call's previous call, a customer not cancelled, a
 * stored day that is not a calendar day) in an Int32Array column: before every real day.
 */
export const NO_DAY = -2147483648;

/** Exactly a calendar day 'YYYY-MM-DD': 2026-02-30 is refused, not rolled over to March. */
export function isCalendarDay(s: string): boolean {
  return s.length === 10 && !Number.isNaN(dayNumber(s));
}
