import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISPOSITIONS } from '../../../src/core/api';
import { DEFAULT_VERIFICATION_POLICY, parseVerificationPolicy } from '../../../src/core/verification';
import { ensureInteractionSetup } from '../../../src/main/handlers/interaction';
import type { AppDeps } from '../../../src/main/handlers/types';
import { demoPinFor } from '../../../src/main/services/verification';
import { storeFingerprint, testNow } from '../../fixtures/app-host';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(() => {
  h = startHarness(300);
});
afterAll(() => h.dispose());

const deps = (): AppDeps => ({ db: h.t.host.db, now: () => testNow(), log: () => {} }) as unknown as AppDeps;

describe('first-start set-up', () => {
  it('seeds the verification policy (valid, the default) and the dispositions', () => {
    const policy = JSON.parse(h.db.prepare(`SELECT value FROM settings WHERE key = 'verification_policy'`).pluck().get() as string) as unknown;
    expect(parseVerificationPolicy(policy)).toEqual({ ok: true, policy: DEFAULT_VERIFICATION_POLICY });
    expect(JSON.parse(h.db.prepare(`SELECT value FROM settings WHERE key = 'dispositions'`).pluck().get() as string)).toEqual([...DEFAULT_DISPOSITIONS]);
  });

  it('gives every demo customer a secrets row, about 70 % with a 4-digit PIN derived from their id', () => {
    const rows = h.db.prepare(`SELECT c.id, s.account_pin AS pin FROM customers c LEFT JOIN customer_secrets s ON s.customer_id = c.id`).all() as { id: string; pin: string | null | undefined }[];
    expect(rows.every((r) => r.pin !== undefined)).toBe(true);
    const withPin = rows.filter((r) => r.pin !== null);
    expect(withPin.length / rows.length).toBeGreaterThan(0.6);
    expect(withPin.length / rows.length).toBeLessThan(0.8);
    for (const r of rows) expect(r.pin).toBe(demoPinFor(r.id));
    expect(withPin.every((r) => /^\d{4}$/.test(r.pin!))).toBe(true);
    // Not all the same PIN.
    expect(new Set(withPin.map((r) => r.pin)).size).toBeGreaterThan(withPin.length / 2);
  });

  it('is idempotent and never overwrites what is configured', () => {
    h.db.prepare(`UPDATE settings SET value = ? WHERE key = 'dispositions'`).run(JSON.stringify(['resolved']));
    const id = h.db.prepare(`SELECT customer_id FROM customer_secrets WHERE account_pin IS NOT NULL LIMIT 1`).pluck().get() as string;
    h.db.prepare(`UPDATE customer_secrets SET account_pin = '9999' WHERE customer_id = ?`).run(id);
    const before = storeFingerprint(h.db);
    ensureInteractionSetup(deps());
    ensureInteractionSetup(deps());
    expect(storeFingerprint(h.db)).toEqual(before);
    expect(h.db.prepare(`SELECT value FROM settings WHERE key = 'dispositions'`).pluck().get()).toBe('["resolved"]');
    expect(h.db.prepare(`SELECT account_pin FROM customer_secrets WHERE customer_id = ?`).pluck().get(id)).toBe('9999');
  });

  it('fills in a customer who arrived without secrets (demo store)', () => {
    const id = h.db.prepare(`SELECT customer_id FROM customer_secrets LIMIT 1`).pluck().get() as string;
    h.db.prepare(`DELETE FROM customer_secrets WHERE customer_id = ?`).run(id);
    ensureInteractionSetup(deps());
    expect(h.db.prepare(`SELECT account_pin FROM customer_secrets WHERE customer_id = ?`).pluck().get(id)).toBe(demoPinFor(id));
  });
});
