import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_STAFF, DEMO_STAFF_HASHES, demoSalt, seedStaff } from '../../../src/main/demo/staff';
import { hashPassword, hashPasswordSync, OWASP_SCRYPT, parseHash, verifyPassword, weakerThan } from '../../../src/main/security/passwords';
import { TEST_PASSWORD_COST } from '../../fixtures/app-host';
import { tempStore } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('staff passwords', () => {
  it('hashes at OWASP’s minimum for scrypt by default (N=2^17, r=8, p=1), the cost stored with the hash', async () => {
    const stored = await hashPassword('ardoise-agent');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(parseHash(stored)?.cost).toEqual(OWASP_SCRYPT);
    expect(stored).not.toContain('ardoise-agent');
    expect(await verifyPassword('ardoise-agent', stored)).toBe(true);
    expect(await verifyPassword('ardoise-Agent', stored)).toBe(false);
  });

  it('verifies only the right password, at whatever cost the hash was made', async () => {
    const stored = await hashPassword('ardoise-agent', { cost: TEST_PASSWORD_COST });
    expect(await verifyPassword('ardoise-agent', stored)).toBe(true);
    for (const wrong of ['ardoise-Agent', '', 'ardoise-agent ', 'ardoise-agen']) expect(await verifyPassword(wrong, stored)).toBe(false);
    // NFC and NFD spellings of the same password are the same password.
    const accented = await hashPassword('mot-de-passe-é', { cost: TEST_PASSWORD_COST });
    expect(await verifyPassword('mot-de-passe-e\u0301', accented)).toBe(true);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same', { cost: TEST_PASSWORD_COST })).not.toBe(await hashPassword('same', { cost: TEST_PASSWORD_COST }));
  });

  it('knows a hash made with less than the current cost (it is re-made at the next sign-in)', () => {
    const cheap = hashPasswordSync('x', { cost: { N: 2 ** 14, r: 8, p: 1 }, salt: Buffer.alloc(16, 1) });
    expect(weakerThan(cheap, OWASP_SCRYPT)).toBe(true);
    expect(weakerThan(DEMO_STAFF_HASHES.agent, OWASP_SCRYPT)).toBe(false);
    expect(weakerThan('not a hash', OWASP_SCRYPT)).toBe(true);
  });

  it.each([
    '',
    'plain',
    'scrypt$16384$8$1$$',
    'bcrypt$x$y$z$a$b',
    'scrypt$0$8$1$c2FsdA==$aGFzaA==',
    'scrypt$99999999$8$1$c2FsdA==$aGFzaA==',
    'scrypt$1000$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==',
  ])('treats a malformed stored value %j as a wrong password (and never asks for unbounded memory)', async (stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });
});

describe('demo staff', () => {
  it('the precomputed demo hashes are the demo passwords at OWASP’s cost', () => {
    for (const staff of DEMO_STAFF) {
      expect(hashPasswordSync(staff.password, { cost: OWASP_SCRYPT, salt: demoSalt(staff.username) })).toBe(DEMO_STAFF_HASHES[staff.username]);
    }
  });

  it('seeds one user per role whose demo password verifies', async () => {
    const { db, cleanup } = tempStore();
    cleanups.push(cleanup);
    const ids = seedStaff(db, { seed: 42, createdAt: '2025-09-01T08:00:00.000Z', idEpochMs: Date.UTC(2025, 8, 1), passwordCost: TEST_PASSWORD_COST });
    const users = db.$client
      .prepare(
        'SELECT u.id, u.username, u.display_name, u.role, u.locale, u.password_hash, r.rank FROM users u JOIN roles r ON r.name = u.role ORDER BY r.rank, u.username',
      )
      .all() as Array<{ id: string; username: string; display_name: string; role: string; locale: string; password_hash: string; rank: number }>;
    expect(users.map((u) => [u.username, u.display_name, u.role, u.rank, u.locale])).toEqual([
      ['agent', 'Camille Martin', 'agent', 0, 'fr'],
      ['agent2', 'Sam Taylor', 'agent', 0, 'en'],
      ['senior', 'Inès Moreau', 'senior_agent', 1, 'fr'],
      ['supervisor', 'Nadia Haddad', 'supervisor', 2, 'fr'],
      ['manager', 'Hélène Girard', 'manager', 3, 'fr'],
    ]);
    for (const staff of DEMO_STAFF) {
      const user = users.find((u) => u.username === staff.username)!;
      expect(ids[staff.username]).toBe(user.id);
      expect(await verifyPassword(staff.password, user.password_hash)).toBe(true);
      expect(await verifyPassword('wrong-password', user.password_hash)).toBe(false);
    }

    // Idempotent: a second run adds nothing and returns the same ids.
    expect(seedStaff(db, { seed: 42, createdAt: '2025-09-01T08:00:00.000Z', idEpochMs: Date.UTC(2025, 8, 1) })).toEqual(ids);
    expect(db.$client.prepare('SELECT count(*) FROM users').pluck().get()).toBe(5);
    expect(db.$client.prepare('SELECT count(*) FROM roles').pluck().get()).toBe(4);
  });

  it('uses the precomputed OWASP-cost hashes by default', () => {
    const { db, cleanup } = tempStore();
    cleanups.push(cleanup);
    seedStaff(db, { seed: 7, createdAt: '2025-09-01T08:00:00.000Z', idEpochMs: Date.UTC(2025, 8, 1) });
    const hashes = db.$client.prepare('SELECT username, password_hash AS h FROM users').all() as { username: keyof typeof DEMO_STAFF_HASHES; h: string }[];
    for (const { username, h } of hashes) expect(h).toBe(DEMO_STAFF_HASHES[username]);
  });
});
