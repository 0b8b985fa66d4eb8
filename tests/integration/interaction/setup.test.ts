import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISPOSITIONS } from '../../../src/core/api';
import { DEFAULT_VERIFICATION_POLICY, parseVerificationPolicy } from '../../../src/core/verification';
import { ensureInteractionSetup } from '../../../src/main/handlers/interaction';
import type { AppDeps } from '../../../src/main/handlers/types';
import { demoPinFor } from '../../../src/main/demo/pins';
import { pinDigest } from '../../../src/main/security/pins';
import { storeFingerprint, testNow } from '../../fixtures/app-host';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(() => {
  h = startHarness(300);
});
afterAll(() => h.dispose());

const deps = (): AppDeps => ({ db: h.t.host.db, now: () => testNow(), log: () => {}, keys: h.t.host.keys }) as unknown as AppDeps;
const digest = (pin: string) => pinDigest(h.t.host.keys.key('pin-pepper'), pin);

describe('first-start set-up', () => {
  it('seeds the verification policy (valid, the default) and the dispositions', () => {
    const policy = JSON.parse(h.db.prepare(`SELECT value FROM settings WHERE key = 'verification_policy'`).pluck().get() as string) as unknown;
    expect(parseVerificationPolicy(policy)).toEqual({ ok: true, policy: DEFAULT_VERIFICATION_POLICY });
    expect(JSON.parse(h.db.prepare(`SELECT value FROM settings WHERE key = 'dispositions'`).pluck().get() as string)).toEqual([...DEFAULT_DISPOSITIONS]);
  });

  it('gives every demo customer a secrets row, about 70 % with a 4-digit PIN derived from their id, stored only as its keyed digest', () => {
    const rows = h.db
      .prepare(`SELECT c.id, s.account_pin AS plain, s.account_pin_digest AS digest FROM customers c LEFT JOIN customer_secrets s ON s.customer_id = c.id`)
      .all() as { id: string; plain: string | null | undefined; digest: string | null | undefined }[];
    expect(rows.every((r) => r.digest !== undefined && r.plain === null)).toBe(true);
    const withPin = rows.filter((r) => r.digest !== null);
    expect(withPin.length / rows.length).toBeGreaterThan(0.6);
    expect(withPin.length / rows.length).toBeLessThan(0.8);
    for (const r of rows) {
      const pin = demoPinFor(r.id);
      expect(r.digest).toBe(pin === null ? null : digest(pin));
      if (pin !== null) expect(pin).toMatch(/^\d{4}$/);
    }
    // Not all the same PIN, and the digest is not a bare hash of it (the pepper is outside the store).
    expect(new Set(withPin.map((r) => r.digest)).size).toBeGreaterThan(withPin.length / 2);
    for (const r of withPin) {
      expect(r.digest).toHaveLength(64);
      expect(r.digest).not.toBe(createHash('sha256').update(demoPinFor(r.id)!).digest('hex'));
    }
  });

  it('is idempotent and never overwrites what is configured', () => {
    h.db.prepare(`UPDATE settings SET value = ? WHERE key = 'dispositions'`).run(JSON.stringify(['resolved']));
    const id = h.db.prepare(`SELECT customer_id FROM customer_secrets WHERE account_pin_digest IS NOT NULL LIMIT 1`).pluck().get() as string;
    // A PIN left in plain text (a store from before PINs were keyed) is sealed, not replaced.
    h.db.prepare(`UPDATE customer_secrets SET account_pin = '9999' WHERE customer_id = ?`).run(id);
    const before = storeFingerprint(h.db);
    ensureInteractionSetup(deps());
    ensureInteractionSetup(deps());
    expect(storeFingerprint(h.db)).toEqual(before);
    expect(h.db.prepare(`SELECT value FROM settings WHERE key = 'dispositions'`).pluck().get()).toBe('["resolved"]');
    expect(h.db.prepare(`SELECT account_pin AS plain, account_pin_digest AS digest FROM customer_secrets WHERE customer_id = ?`).get(id)).toEqual({
      plain: null,
      digest: digest('9999'),
    });
  });

  it('fills in a customer who arrived without secrets (demo store), at the next start', () => {
    const id = h.db.prepare(`SELECT customer_id FROM customer_secrets LIMIT 1`).pluck().get() as string;
    h.db.prepare(`DELETE FROM customer_secrets WHERE customer_id = ?`).run(id);
    h.reopen();
    const pin = demoPinFor(id);
    expect(h.db.prepare(`SELECT account_pin_digest FROM customer_secrets WHERE customer_id = ?`).pluck().get(id)).toBe(pin === null ? null : digest(pin));
  });
});
