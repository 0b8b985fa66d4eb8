/**
 * Account PINs are kept as keyed digests: HMAC-SHA256 under the PIN pepper, a key kept outside
 * the store (security/keys.ts). A copy of the database alone cannot be brute-forced for PINs
 * (10,000 candidates would take no time against a plain hash), and the PIN never leaves main.
 * The digest is of the canonical PIN (core/verification/normalise.ts), so "0427" and "04 27"
 * typed by the agent digest alike. Digests are compared in constant time by core's check.
 */
import type Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { normalisePin } from '../../core/verification';
import { customerQueries } from '../store/customers';

/** The digest of a canonical PIN under `pepper` (hex). */
export function pinDigest(pepper: Buffer, canonicalPin: string): string {
  return createHmac('sha256', pepper).update(`account_pin\n${canonicalPin}`, 'utf8').digest('hex');
}

/** The digest of a PIN as typed, or null when it is not a PIN. */
export function digestTypedPin(pepper: Buffer, typed: string): string | null {
  const canonical = normalisePin(typed);
  return canonical === null ? null : pinDigest(pepper, canonical);
}

/**
 * Stores written before PINs were keyed keep them in plain text: each is replaced by its digest
 * (and the plain column emptied) in one transaction at start. Idempotent; returns how many.
 */
export function sealPlainPins(client: Database.Database, pepper: Buffer): number {
  const customers = customerQueries(client);
  const rows = customers.plainPins();
  if (rows.length === 0) return 0;
  client.transaction(() => {
    for (const r of rows) customers.sealPin(r.customerId, digestTypedPin(pepper, r.pin));
  })();
  return rows.length;
}
