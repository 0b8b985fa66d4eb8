/**
 * The environment variables both hosts (Electron and `npm run web`) read, in one place:
 *   ARDOISE_DEMO_CUSTOMERS  size of the demo set loaded into an empty store on first start
 *   ARDOISE_DEMO_TODAY      YYYY-MM-DD: the demo history ends on that day AND main's clock runs
 *                           from that day (demos, end-to-end tests); unset, the real clock
 * A malformed value is refused at start with a sentence, never half-used.
 */
import { parseDay, pinnedDayClock, type Clock } from '../platform/clock';

export interface HostEnvOptions {
  readonly demoCustomers?: number;
  readonly demoToday?: string;
  readonly clock?: Clock;
}

export function hostOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): HostEnvOptions {
  const out: { demoCustomers?: number; demoToday?: string; clock?: Clock } = {};
  const customers = env['ARDOISE_DEMO_CUSTOMERS'];
  if (customers !== undefined && customers !== '') {
    const n = Number(customers);
    if (!Number.isInteger(n) || n < 1 || n > 2_000_000) throw new Error(`ARDOISE_DEMO_CUSTOMERS must be a whole number from 1 to 2000000, not "${customers}"`);
    out.demoCustomers = n;
  }
  const today = env['ARDOISE_DEMO_TODAY'];
  if (today !== undefined && today !== '') {
    if (parseDay(today) === null) throw new Error(`ARDOISE_DEMO_TODAY must be a calendar day written YYYY-MM-DD, not "${today}"`);
    out.demoToday = today;
    out.clock = pinnedDayClock(today);
  }
  return out;
}
