/**
 * Calendar arithmetic for the demo history, on whole UTC days. The history is always relative
 * to an explicit `today`, never the wall clock: same options, same database.
 *
 * A billing cycle is a calendar month; its invoice is issued on the 1st of the next month.
 */

import { dayNumber as calendarDay, isCalendarDay, MS_PER_DAY } from '../../core/calendar';

/** 'YYYY-MM-DD' → days since 1970-01-01. */
export function dayNumber(isoDate: string): number {
  if (!isCalendarDay(isoDate)) throw new RangeError(`not a calendar date: ${isoDate}`);
  return calendarDay(isoDate);
}

/** days since 1970-01-01 → 'YYYY-MM-DD'. */
export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function dayToMs(day: number): number {
  return day * MS_PER_DAY;
}

/** First day of the month `delta` months away from the month holding `day`. */
export function monthStart(day: number, delta = 0): number {
  const d = new Date(day * MS_PER_DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1) / MS_PER_DAY;
}

export interface Cycle {
  /** 'YYYY-MM', as in usage_records.cycle. */
  readonly label: string;
  /** First and last day (both included). */
  readonly start: number;
  readonly end: number;
  readonly days: number;
  readonly startIso: string;
  readonly endIso: string;
  /** Invoice date: the 1st of the next month. */
  readonly issued: number;
  readonly issuedIso: string;
  /** 'YYYYMM', for invoice numbers. */
  readonly compact: string;
}

export function cycleOf(start: number): Cycle {
  const next = monthStart(start, 1);
  const startIso = isoDate(start);
  return {
    label: startIso.slice(0, 7),
    start,
    end: next - 1,
    days: next - start,
    startIso,
    endIso: isoDate(next - 1),
    issued: next,
    issuedIso: isoDate(next),
    compact: startIso.slice(0, 4) + startIso.slice(5, 7),
  };
}

/**
 * The `months` complete cycles before the month holding `today`, oldest first, then the
 * current cycle (in progress: usage so far, no invoice yet).
 */
export function historyCycles(today: number, months: number): { billed: Cycle[]; current: Cycle } {
  const billed: Cycle[] = [];
  for (let k = months; k >= 1; k--) billed.push(cycleOf(monthStart(today, -k)));
  return { billed, current: cycleOf(monthStart(today, 0)) };
}

/**
 * ISO strings for every day of the history window, computed once: the generator formats
 * dates millions of times and Date#toISOString is the slowest thing it would do.
 */
export class DayNames {
  private readonly names: string[] = [];
  constructor(
    private readonly first: number,
    last: number,
  ) {
    for (let d = first; d <= last; d++) this.names.push(isoDate(d));
  }
  iso(day: number): string {
    return this.names[day - this.first] ?? isoDate(day);
  }
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** An instant on `day` at hh:mm:ss UTC, in the store's single representation. */
export function instant(dayIso: string, hour: number, minute: number, second = 0): string {
  return `${dayIso}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.000Z`;
}
