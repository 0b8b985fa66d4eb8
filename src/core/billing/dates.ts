/**
 * Calendar arithmetic on 'YYYY-MM-DD' UTC days. Pure: Date is used only as a calendar
 * (Date.UTC and getUTC*), never to read the clock.
 */
import { daysFromCivil, daysInMonth, MS_PER_DAY } from '../calendar';
import { BillingError } from './errors';
import type { BillingCycle, IsoDate } from './types';

interface CivilDate {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number;
}

/** The number written in date[from, to), or -1 if anything there is not a digit. */
function digitsAt(date: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = date.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

// Hand-parsed rather than by regular expression: dates are read on every line of every invoice.
function parse(date: IsoDate): CivilDate {
  if (typeof date === 'string' && date.length === 10 && date[4] === '-' && date[7] === '-') {
    const year = digitsAt(date, 0, 4);
    const month = digitsAt(date, 5, 7);
    const day = digitsAt(date, 8, 10);
    // Years before 1900 would hit Date.UTC's two-digit-year mapping; nobody is billed then.
    if (year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      return { year, month, day };
    }
  }
  throw new BillingError('invalid-date', `not a YYYY-MM-DD date: ${String(date)}`, { date: String(date) });
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function assertIsoDate(date: IsoDate): IsoDate {
  parse(date);
  return date;
}

export function isIsoDate(date: unknown): date is IsoDate {
  try {
    parse(date as IsoDate);
    return true;
  } catch {
    return false;
  }
}

/** Days since 1970-01-01. */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = parse(date);
  return daysFromCivil(year, month, day);
}

export function fromDayNumber(days: number): IsoDate {
  const d = new Date(days * MS_PER_DAY);
  return format(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parse(date);
  const target = day + days;
  // Most steps stay inside the month; only crossing a month needs the calendar.
  if (target >= 1 && target <= daysInMonth(year, month)) return format(year, month, target);
  return fromDayNumber(dayNumber(date) + days);
}

/** Days from `from` to `to`, both included (1 when they are the same day). */
export function daysInclusive(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from) + 1;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function isWithin(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return date >= from && date <= to;
}

// ---------------------------------------------------------------- cycles

/** The cycle of a calendar month: monthCycle(2026, 3) is 1–31 March 2026. */
export function monthCycle(year: number, month: number): BillingCycle {
  const start = format(year, month, 1);
  parse(start);
  return { start, end: format(year, month, daysInMonth(year, month)) };
}

/** cycleOf('2026-03') is the March 2026 cycle. */
export function cycleOf(yearMonth: string): BillingCycle {
  const match = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  if (!match) throw new BillingError('invalid-cycle', `not a YYYY-MM month: ${yearMonth}`, { month: yearMonth });
  return monthCycle(Number(match[1]), Number(match[2]));
}

export function cycleContaining(date: IsoDate): BillingCycle {
  const { year, month } = parse(date);
  return monthCycle(year, month);
}

export function nextCycle(cycle: BillingCycle): BillingCycle {
  return cycleContaining(addDays(cycle.end, 1));
}

export function previousCycle(cycle: BillingCycle): BillingCycle {
  return cycleContaining(addDays(cycle.start, -1));
}

/** The cycles from `first` to `last`, both included. */
export function cyclesBetween(first: BillingCycle, last: BillingCycle): BillingCycle[] {
  const cycles: BillingCycle[] = [];
  for (let c = first; c.start <= last.start; c = nextCycle(c)) cycles.push(c);
  return cycles;
}

/** Refuses anything but a whole calendar month: proration is "days used / days in the month". */
export function assertCycle(cycle: BillingCycle): BillingCycle {
  const expected = cycleContaining(cycle.start);
  if (expected.start !== cycle.start || expected.end !== cycle.end) {
    throw new BillingError('invalid-cycle', `a billing cycle is a calendar month, got ${cycle.start}..${cycle.end}`, {
      start: cycle.start,
      end: cycle.end,
    });
  }
  return cycle;
}

export function daysInCycle(cycle: BillingCycle): number {
  return daysInclusive(cycle.start, cycle.end);
}

/**
 * Last day of something that runs `months` months from `start`: the day before the same date
 * `months` later (4 Sept + 6 months → 3 March). When that date does not exist (31 Jan + 1 month),
 * it runs to the end of the shorter month (28 or 29 Feb).
 */
export function lastDayAfterMonths(start: IsoDate, months: number): IsoDate {
  const { year, month, day } = parse(start);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastOfTarget = daysInMonth(targetYear, targetMonth);
  if (day > lastOfTarget) return format(targetYear, targetMonth, lastOfTarget);
  return addDays(format(targetYear, targetMonth, day), -1);
}

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthIndex(yearMonth: string): number {
  const m = YEAR_MONTH.exec(yearMonth);
  if (!m) throw new BillingError('invalid-cycle', `not a YYYY-MM month: ${yearMonth}`, { month: yearMonth });
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function yearMonthOf(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The 'YYYY-MM' `months` after `yearMonth` (negative: before). */
export function addMonths(yearMonth: string, months: number): string {
  return yearMonthOf(monthIndex(yearMonth) + months);
}
