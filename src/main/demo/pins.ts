/**
 * Demo customers' verification secrets. A demo PIN is derived from the customer's id, so the
 * same demo set always has the same PINs (tests and a trainer can read a caller's PIN out);
 * about 30 % of customers never set one and are verified with their last invoice amount.
 * The store keeps only the PIN's keyed digest, made by the host (security/pins.ts).
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

/** Share of demo customers given a PIN; the others are verified with the last invoice amount. */
const DEMO_PIN_SHARE_PERCENT = 70;

/** A demo customer's PIN, or null for the ~30 % who never set one. */
export function demoPinFor(customerId: string): string | null {
  const digest = createHash('sha256').update(`ardoise-demo-pin:${customerId}`, 'utf8').digest();
  if (digest.readUInt16BE(0) % 100 >= DEMO_PIN_SHARE_PERCENT) return null;
  return String(digest.readUInt32BE(2) % 10_000).padStart(4, '0');
}

/**
 * Gives every demo customer without a customer_secrets row one (a PIN's digest, or an explicit
 * "none"), in one transaction with one prepared statement: idempotent and fast on every start.
 */
export function ensureDemoPins(client: Database.Database, digestOf: (pin: string) => string): number {
  const missing = client
    .prepare(`SELECT c.id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM customer_secrets s WHERE s.customer_id = c.id)`)
    .pluck()
    .all() as string[];
  if (missing.length === 0) return 0;
  const insert = client.prepare(`INSERT INTO customer_secrets (customer_id, account_pin_digest) VALUES (?, ?) ON CONFLICT (customer_id) DO NOTHING`);
  client.transaction(() => {
    for (const id of missing) {
      const pin = demoPinFor(id);
      insert.run(id, pin === null ? null : digestOf(pin));
    }
  })();
  return missing.length;
}
