import { describe, expect, it } from 'vitest';
import { parseDay, pinnedDayClock } from '../../../src/platform/clock';
import { hostOptionsFromEnv } from '../../../src/main/host-env';

describe("main's clock pinned to a demo day", () => {
  it('starts at 09:00 UTC on that day and runs at real speed', () => {
    let real = 1_000_000;
    const clock = pinnedDayClock('2026-11-15', () => real);
    expect(clock().toISOString()).toBe('2026-11-15T09:00:00.000Z');
    real += 90_000;
    expect(clock().toISOString()).toBe('2026-11-15T09:01:30.000Z');
  });

  it('is the same calendar day in Auckland and Los Angeles', () => {
    const at = pinnedDayClock('2026-11-15', () => 0)();
    for (const timeZone of ['Pacific/Auckland', 'America/Los_Angeles', 'UTC', 'Asia/Tokyo']) {
      expect(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)).toBe('2026-11-15');
    }
  });

  it.each(['2026-02-30', '2026-13-01', '15/11/2026', '2026-1-5', ''])('refuses %j as a day', (day) => {
    expect(parseDay(day)).toBeNull();
  });

  it('reads ARDOISE_DEMO_TODAY and ARDOISE_DEMO_CUSTOMERS, refusing malformed values with a sentence', () => {
    const o = hostOptionsFromEnv({ ARDOISE_DEMO_TODAY: '2027-03-15', ARDOISE_DEMO_CUSTOMERS: '500' });
    expect(o.demoToday).toBe('2027-03-15');
    expect(o.demoCustomers).toBe(500);
    expect(o.clock!().toISOString().slice(0, 10)).toBe('2027-03-15');
    expect(hostOptionsFromEnv({})).toEqual({});
    expect(() => hostOptionsFromEnv({ ARDOISE_DEMO_TODAY: '15/03/2027' })).toThrow(/ARDOISE_DEMO_TODAY must be a calendar day written YYYY-MM-DD/);
    expect(() => hostOptionsFromEnv({ ARDOISE_DEMO_CUSTOMERS: 'lots' })).toThrow(/ARDOISE_DEMO_CUSTOMERS must be a whole number/);
  });
});
