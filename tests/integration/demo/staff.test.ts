import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../src/main/demo/passwords';
import { DEMO_STAFF, seedStaff } from '../../../src/main/demo/staff';
import { tempStore } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('staff passwords', () => {
  it('stores scrypt$N$r$p$salt$hash and verifies only the right password', () => {
    const stored = hashPassword('ardoise-agent');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(stored).not.toContain('ardoise-agent');
    expect(verifyPassword('ardoise-agent', stored)).toBe(true);
    expect(verifyPassword('ardoise-Agent', stored)).toBe(false);
    expect(verifyPassword('', stored)).toBe(false);
    expect(verifyPassword('ardoise-agent ', stored)).toBe(false);
  });

  it('salts every hash', () => {
    expect(hashPassword('same')).not.toBe(hashPassword('same'));
  });

  it.each(['', 'plain', 'scrypt$16384$8$1$$', 'bcrypt$x$y$z$a$b', 'scrypt$0$8$1$c2FsdA==$aGFzaA==', 'scrypt$99999999$8$1$c2FsdA==$aGFzaA=='])(
    'treats a malformed stored value %j as a wrong password',
    (stored) => {
      expect(verifyPassword('anything', stored)).toBe(false);
    },
  );
});

describe('demo staff', () => {
  it('seeds one user per role whose demo password verifies', () => {
    const { db, cleanup } = tempStore();
    cleanups.push(cleanup);
    const ids = seedStaff(db, { seed: 42, createdAt: '2025-09-01T08:00:00.000Z', idEpochMs: Date.UTC(2025, 8, 1) });
    const users = db.$client
      .prepare('SELECT u.id, u.username, u.display_name, u.role, u.locale, u.password_hash, r.rank FROM users u JOIN roles r ON r.name = u.role ORDER BY r.rank, u.username')
      .all() as Array<{ id: string; username: string; display_name: string; role: string; locale: string; password_hash: string; rank: number }>;
    expect(users.map((u) => [u.username, u.display_name, u.role, u.rank, u.locale])).toEqual([
      ['agent', 'Camille Martin', 'agent', 0, 'fr'],
      ['agent2', 'Sam Taylor', 'agent', 0, 'en'],
      ['senior', 'Inès Moreau', 'senior_agent', 1, 'fr'],
      ['supervisor', 'Nadia Haddad', 'supervisor', 2, 'fr'],
    ]);
    for (const staff of DEMO_STAFF) {
      const user = users.find((u) => u.username === staff.username)!;
      expect(ids[staff.username]).toBe(user.id);
      expect(verifyPassword(staff.password, user.password_hash)).toBe(true);
      expect(verifyPassword('wrong-password', user.password_hash)).toBe(false);
    }

    // Idempotent: a second run adds nothing and returns the same ids.
    expect(seedStaff(db, { seed: 42, createdAt: '2025-09-01T08:00:00.000Z', idEpochMs: Date.UTC(2025, 8, 1) })).toEqual(ids);
    expect(db.$client.prepare('SELECT count(*) FROM users').pluck().get()).toBe(4);
    expect(db.$client.prepare('SELECT count(*) FROM roles').pluck().get()).toBe(3);
  });
});
