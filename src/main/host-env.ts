/**
 * The environment variables both hosts (Electron and `npm run web`) read, in one place:
 *   ARDOISE_DEMO_CUSTOMERS  size of the demo set loaded into an empty store on first start
 *   ARDOISE_DEMO_TODAY      YYYY-MM-DD: the demo history ends on that day AND main's clock runs
 *                           from that day (demos, end-to-end tests); unset, the real clock
 *   ARDOISE_HUB_URL         the hub this desk syncs with (http://…); unset, the desk is standalone
 *   ARDOISE_ENROL_CODE      a one-time enrolment code from the hub (first start of a desk only)
 *   ARDOISE_DESK_NAME       how the hub names this desk (default: the machine's host name)
 * A malformed value is refused at start with a sentence, never half-used.
 */
import { hostname } from 'node:os';
import { parseDay, pinnedDayClock, type Clock } from '../platform/clock';
import type { HubLinkOptions } from './sync/desk-link';

export interface HostEnvOptions {
  readonly demoCustomers?: number;
  readonly demoToday?: string;
  readonly clock?: Clock;
  readonly hub?: HubLinkOptions;
}

export function hostOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): HostEnvOptions {
  const out: { demoCustomers?: number; demoToday?: string; clock?: Clock; hub?: HubLinkOptions } = {};
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
  const hub = env['ARDOISE_HUB_URL'];
  if (hub !== undefined && hub !== '') {
    let url: URL;
    try {
      url = new URL(hub);
    } catch {
      throw new Error(`ARDOISE_HUB_URL must be the hub's address, e.g. http://hub.example:8787, not "${hub}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`ARDOISE_HUB_URL must start with http:// or https://, not "${hub}"`);
    const code = env['ARDOISE_ENROL_CODE'];
    out.hub = { url: url.toString(), ...(code ? { enrolCode: code.trim() } : {}), deskName: (env['ARDOISE_DESK_NAME'] || hostname()).slice(0, 80) };
  }
  return out;
}
