/**
 * The people who sign in to a fresh Ardoise: one account per role, so a new user can try the
 * agent screen, the senior agent's higher limits and the supervisor's approvals at once.
 * Demo passwords are public (README); a real deployment gets its users from the hub.
 */
import type { Store } from '../store/db';
import { seededUuidv7 } from '../store/ids';
import { hashPassword } from './passwords';
import { Rng } from './random';

export const DEMO_ROLES = [
  { name: 'agent', rank: 0, description: 'Takes calls; grants credits within the agent limit' },
  { name: 'senior_agent', rank: 1, description: 'Higher credit limit; handles escalated calls' },
  { name: 'supervisor', rank: 2, description: 'Approves requests over the limit; sees retention insights' },
] as const;

export const DEMO_STAFF = [
  { username: 'agent', password: 'ardoise-agent', displayName: 'Camille Martin', role: 'agent', locale: 'fr' },
  { username: 'agent2', password: 'ardoise-agent', displayName: 'Sam Taylor', role: 'agent', locale: 'en' },
  { username: 'senior', password: 'ardoise-senior', displayName: 'Inès Moreau', role: 'senior_agent', locale: 'fr' },
  { username: 'supervisor', password: 'ardoise-supervisor', displayName: 'Nadia Haddad', role: 'supervisor', locale: 'fr' },
] as const;

/**
 * Writes the roles and staff users that are missing (by role name and username) and returns
 * every demo user's id by username. Hashing (scrypt, ~50 ms each) happens before the
 * transaction, and only for users not already there.
 */
export function seedStaff(db: Store, opts: { seed: number; createdAt: string; idEpochMs: number }): Record<string, string> {
  const client = db.$client;
  const existing = new Map<string, string>(
    (client.prepare('SELECT username, id FROM users').all() as Array<{ username: string; id: string }>).map((u) => [u.username, u.id]),
  );
  const rng = Rng.stream(opts.seed, 0, 7);
  const missing = DEMO_STAFF.map((u) => {
    // Draw id and salt for every user, present or not, so the stream never depends on the store.
    const id = seededUuidv7(opts.idEpochMs, rng.next32);
    const salt = Buffer.alloc(16);
    for (let i = 0; i < 16; i += 4) salt.writeUInt32BE(rng.next32(), i);
    return { ...u, id, salt };
  })
    .filter((u) => !existing.has(u.username))
    .map((u) => ({ ...u, hash: hashPassword(u.password, { salt: u.salt }) }));

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
