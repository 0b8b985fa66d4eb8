/**
 * Desks and their credentials. An administrator issues a one-time enrolment code for a named
 * desk (`npm run hub -- enrol "Desk 12"`); the desk exchanges it once for a device id and a
 * secret it keeps outside its database (the OS keychain on the desktop, a 0600 file in the
 * browser host). The hub keeps hashes only — of codes and of secrets — and compares in constant
 * time. A code expires after a day and cannot be used twice.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { uuidv7 } from '../../platform/ids';
import type { Sql } from '../db/open';

export const CODE_TTL_MS = 24 * 60 * 60_000;
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** 'ABCD-EFGH-JKMN-PQRS': 80 bits, no letters that read as digits. */
export function newEnrolmentCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

export async function issueEnrolmentCode(sql: Sql, deskName: string, now: Date): Promise<{ code: string; expiresAt: string }> {
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
  await sql.query(`INSERT INTO enrolment_codes (code_hash, desk_name, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [
    sha256(normaliseCode(code)),
    deskName,
    now.toISOString(),
    expiresAt,
  ]);
  return { code, expiresAt };
}

const normaliseCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export class EnrolmentError extends Error {}

/** Exchanges a code for a device credential; the code is spent in the same transaction. */
export async function enrolDevice(sql: Sql, code: string, deskName: string, now: Date): Promise<{ deviceId: string; deviceSecret: string }> {
  const at = now.toISOString();
  const [spent] = await sql.query<{ desk_name: string }>(
    `UPDATE enrolment_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING desk_name`,
    [sha256(normaliseCode(code)), at],
  );
  if (!spent) throw new EnrolmentError('this enrolment code is unknown, already used or expired');
  const deviceId = uuidv7(now.getTime());
  const secret = randomBytes(32);
  const name = deskName.trim() || spent.desk_name;
  // A desk enrolled again under the same name replaces the old one's name (the old id stays for history).
  await sql.query(`UPDATE devices SET name = name || ' (replaced ' || $2 || ')', revoked_at = coalesce(revoked_at, $2) WHERE name = $1`, [name, at]);
  await sql.query(`INSERT INTO devices (id, name, secret_hash, enrolled_at) VALUES ($1, $2, $3, $4)`, [
    deviceId,
    name,
    sha256(secret.toString('base64url')),
    at,
  ]);
  await sql.query(`UPDATE enrolment_codes SET device_id = $2 WHERE code_hash = $1`, [sha256(normaliseCode(code)), deviceId]);
  return { deviceId, deviceSecret: secret.toString('base64url') };
}

export interface DeviceRow {
  id: string;
  name: string;
  next_seq: number;
}

/** The device an `Authorization: Device <id>.<secret>` header proves, or null. */
export async function authenticateDevice(sql: Sql, header: string | undefined): Promise<DeviceRow | null> {
  const m = /^Device ([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(header ?? '');
  if (!m) return null;
  const [row] = await sql.query<DeviceRow & { secret_hash: string; revoked_at: string | null }>(
    `SELECT id, name, next_seq, secret_hash, revoked_at FROM devices WHERE id = $1`,
    [m[1]],
  );
  const presented = Buffer.from(sha256(m[2]!));
  const expected = Buffer.from(row?.secret_hash ?? '0'.repeat(64));
  const same = presented.length === expected.length && timingSafeEqual(presented, expected);
  return row && same && row.revoked_at === null ? { id: row.id, name: row.name, next_seq: row.next_seq } : null;
}
