/**
 * The clock of main and of the hub: the only source of "now" for services (core has none, the
 * renderer asks main).
 *
 * A demo or an end-to-end run can pin the calendar to a day (ARDOISE_DEMO_TODAY): the clock
 * then starts at 09:00 UTC on that day and runs at real speed from there, so lockouts expire,
 * call timers tick and ids stay ordered, while every "today", "next bill" and "this month" is
 * the same whatever day and time zone the machine is in. 09:00 UTC is the same calendar day
 * from UTC−09 to UTC+14, so the pinned day is the local day too in every inhabited zone but
 * the far west of the Pacific.
 */
export type Clock = () => Date;

export const realClock: Clock = () => new Date();

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' that names a real calendar day, else null. */
export function parseDay(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 9);
  const d = new Date(ms);
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? ms : null;
}

/** A clock that starts on `day` at 09:00 UTC and runs forward with the real one. */
export function pinnedDayClock(day: string, real: () => number = Date.now): Clock {
  const start = parseDay(day);
  if (start === null) throw new Error(`not a calendar day (YYYY-MM-DD): ${day}`);
  const t0 = real();
  return () => new Date(start + (real() - t0));
}
