/**
 * Staff tokens: what lets a desk show the hub that a person signed in there, for the routes a
 * role gates (the insights across desks). The hub gives one at each sign-in it checked; it names
 * the device and the person and expires after a shift, sealed with the hub's own key
 * (staff-session, outside the database and never sent anywhere), so any hub process in front of
 * the same database and keys can check it without keeping sessions. What the person may do is
 * read from the hub's users row when the token is used — a role changed or an account disabled
 * since the sign-in counts at once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { StaffRole } from '../../core/api/roles';
import type { Sql } from '../db/open';

/** A shift: after this, the person signs in again (at the desk, through the hub) to get a new one. */
export const STAFF_TOKEN_TTL_MS = 12 * 60 * 60_000;

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(`ardoise staff token v1.${body}`).digest('base64url');

export function issueStaffToken(key: Buffer, deviceId: string, userId: string, now: Date): { token: string; expiresAt: string } {
  const expiresAt = new Date(now.getTime() + STAFF_TOKEN_TTL_MS).toISOString();
  const body = Buffer.from(JSON.stringify({ d: deviceId, u: userId, e: expiresAt })).toString('base64url');
  return { token: `v1.${body}.${mac(key, body)}`, expiresAt };
}

export interface StaffOnDevice {
  readonly userId: string;
  readonly role: StaffRole;
}

/** The active staff member a token proves on this device now, or null (forged, another device's, expired, unknown or disabled). */
export async function staffOfToken(sql: Sql, key: Buffer, deviceId: string, token: string, now: Date): Promise<StaffOnDevice | null> {
  const m = /^v1\.([A-Za-z0-9_-]{1,800})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const presented = Buffer.from(m[2]!);
  const expected = Buffer.from(mac(key, m[1]!));
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  let claims: { d?: unknown; u?: unknown; e?: unknown };
  try {
    claims = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return null;
  }
  if (claims.d !== deviceId || typeof claims.u !== 'string' || typeof claims.e !== 'string' || !(Date.parse(claims.e) > now.getTime())) return null;
  const [user] = await sql.query<{ id: string; role: StaffRole; active: number }>(`SELECT id, role, active FROM users WHERE id = $1`, [claims.u]);
  return user && user.active === 1 ? { userId: user.id, role: user.role } : null;
}
