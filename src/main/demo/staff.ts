/**
 * The people who sign in to a fresh Ardoise: one account per role, so a new user can try the
 * agent screen, the senior agent's higher limits and the supervisor's approvals at once.
 * Demo passwords are public (README); a real deployment gets its users from the hub.
 */
import { createHash } from 'node:crypto';
import { hashPasswordSync, OWASP_SCRYPT, type ScryptCost } from '../security/passwords';
import type { Store } from '../store/db';
import { seededUuidv7 } from '../store/ids';
import { Rng } from './random';

export const DEMO_ROLES = [
  { name: 'agent', rank: 0, description: 'Takes calls; grants credits within the agent limit' },
  { name: 'senior_agent', rank: 1, description: 'Higher credit limit; handles escalated calls' },
  { name: 'supervisor', rank: 2, description: 'Approves requests over the limit; sees retention insights' },
  // Beside the ladder (core/api/roles.ts): no credit authority; listed last, not "above" anyone.
  { name: 'manager', rank: 3, description: 'Reads the retention insights; takes no calls and grants nothing' },
] as const;

export const DEMO_STAFF = [
  { username: 'agent', password: 'ardoise-agent', displayName: 'Camille Martin', role: 'agent', locale: 'fr' },
  { username: 'agent2', password: 'ardoise-agent', displayName: 'Sam Taylor', role: 'agent', locale: 'en' },
  { username: 'senior', password: 'ardoise-senior', displayName: 'Inès Moreau', role: 'senior_agent', locale: 'fr' },
  { username: 'supervisor', password: 'ardoise-supervisor', displayName: 'Nadia Haddad', role: 'supervisor', locale: 'fr' },
  { username: 'manager', password: 'ardoise-manager', displayName: 'Hélène Girard', role: 'manager', locale: 'fr' },
] as const;

/** A demo user's salt: fixed per username, so the demo hashes below can be computed once. */
export function demoSalt(username: string): Buffer {
  return createHash('sha256').update(`ardoise-demo-salt:${username}`, 'utf8').digest().subarray(0, 16);
}

/**
 * The demo users' password hashes at OWASP's cost (N=2^17: ~0.3–1 s each), computed once from
 * the public demo passwords and demoSalt() so a first start does not spend seconds on them.
 * tests/integration/demo/staff.test.ts recomputes them.
 */
export const DEMO_STAFF_HASHES: Readonly<Record<(typeof DEMO_STAFF)[number]['username'], string>> = {
  agent: 'scrypt$131072$8$1$dl+xeAZilMZFL3mDl8sRxA==$K7nNGcDUwbF9nmaum/TWQqpOytxKocNvyUfvXCRBcjY=',
  agent2: 'scrypt$131072$8$1$TnMJmhY7PY+D1GY9cQlAkQ==$t75D+jqFhLyQjqIrj1NipwMQWIIcfVDlQChoh/7EwgI=',
  senior: 'scrypt$131072$8$1$nz9MvhWoEceqL7H+LJF16A==$CZofhYaU7BtBux28wP9u6a0nryilx+IAvKYvK3L3rxI=',
  supervisor: 'scrypt$131072$8$1$7kaAgmFPg6VkSud2rvPNJQ==$VQQYeGo390ukLVM8naSDHNguhrD66bXk/UjWXufMYgQ=',
  manager: 'scrypt$131072$8$1$vfcYKAOckqR3CV/njSD6RQ==$Bh4NMjD8LCGvcREoLOzzbGp6UnMuc9CO1X/HBKH8OHo=',
};

const sameCost = (a: ScryptCost, b: ScryptCost) => a.N === b.N && a.r === b.r && a.p === b.p;

/**
 * Writes the roles and staff users that are missing (by role name and username) and returns
 * every demo user's id by username. `passwordCost` other than OWASP's (tests only) hashes the
 * demo passwords at that cost instead of using the precomputed hashes.
 */
export function seedStaff(db: Store, opts: { seed: number; createdAt: string; idEpochMs: number; passwordCost?: ScryptCost }): Record<string, string> {
  const client = db.$client;
  const existing = new Map<string, string>(
    (client.prepare('SELECT username, id FROM users').all() as Array<{ username: string; id: string }>).map((u) => [u.username, u.id]),
  );
  const rng = Rng.stream(opts.seed, 0, 7);
  const missing = DEMO_STAFF.map((u) => {
    // Draw the same words for every user, present or not, so ids never depend on the store
    // (the last four were once the salt; demo salts are now fixed per username).
    const id = seededUuidv7(opts.idEpochMs, rng.next32);
    for (let i = 0; i < 4; i++) rng.next32();
    return { ...u, id };
  })
    .filter((u) => !existing.has(u.username))
    .map((u) => ({
      ...u,
      hash:
        !opts.passwordCost || sameCost(opts.passwordCost, OWASP_SCRYPT)
          ? DEMO_STAFF_HASHES[u.username]
          : hashPasswordSync(u.password, { cost: opts.passwordCost, salt: demoSalt(u.username) }),
    }));

  const insertRole = client.prepare('INSERT INTO roles (name, rank, description) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING');
  const insertUser = client.prepare(
    'INSERT INTO users (id, username, display_name, role, password_hash, locale, active, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)',
  );
  client.transaction(() => {
    for (const r of DEMO_ROLES) insertRole.run(r.name, r.rank, r.description);
    for (const u of missing) {
      insertUser.run(u.id, u.username, u.displayName, u.role, u.hash, u.locale, opts.createdAt);
      existing.set(u.username, u.id);
    }
  })();
  return Object.fromEntries(DEMO_STAFF.map((u) => [u.username, existing.get(u.username)!]));
}
