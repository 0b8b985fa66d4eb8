/**
 * Staff sign in at any desk against the hub: one failure count per username for every desk (five
 * failures in a row pause it for a minute; unknown usernames alike), an unknown username costs the
 * same scrypt as a wrong password, and a hash made with less than the current cost is re-made.
 * The desk receives the profile — roles come from here, never from a desk — and the password
 * hash, so the same person can sign in at that desk while the hub cannot be reached.
 */
import type { HubProfile } from '../../core/sync/protocol';
import { hashPassword, OWASP_SCRYPT, verifyPassword, weakerThan, type ScryptCost } from '../../platform/passwords';
import type { HubDb } from '../db/open';

export const MAX_CONSECUTIVE_FAILURES = 5;
export const PAUSE_MS = 60_000;

export class SignInRefused extends Error {
  constructor(readonly code: 'BAD_CREDENTIALS' | 'TOO_MANY_ATTEMPTS') {
    super(code);
  }
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: HubProfile['role'];
  locale: string;
  password_hash: string;
  active: number;
}

export class HubStaff {
  private decoy: Promise<string> | null = null;
  private readonly queue = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: HubDb,
    private readonly now: () => Date,
    private readonly cost: ScryptCost = OWASP_SCRYPT,
  ) {}

  /** Checks of one username take turns (within this process; the count is in the database). */
  signIn(username: string, password: string): Promise<{ profile: HubProfile; passwordHash: string; signedInAt: string }> {
    const key = username.normalize('NFC').trim().toLowerCase();
    const previous = this.queue.get(key) ?? Promise.resolve();
    const run = previous.then(
      () => this.check(key, password),
      () => this.check(key, password),
    );
    this.queue.set(key, run);
    const cleanup = () => {
      if (this.queue.get(key) === run) this.queue.delete(key);
    };
    run.then(cleanup, cleanup);
    return run;
  }

  private async check(key: string, password: string): Promise<{ profile: HubProfile; passwordHash: string; signedInAt: string }> {
    const at = this.now();
    const [failures] = await this.db.query<{ failures: number; paused_until: string | null }>(
      `SELECT failures, paused_until FROM credential_failures WHERE username = $1`,
      [key],
    );
    if (failures?.paused_until && Date.parse(failures.paused_until) > at.getTime()) throw new SignInRefused('TOO_MANY_ATTEMPTS');
    const [user] = await this.db.query<UserRow>(`SELECT id, username, display_name, role, locale, password_hash, active FROM users WHERE username = $1`, [key]);
    let ok: boolean;
    if (user) ok = (await verifyPassword(password, user.password_hash)) && user.active === 1;
    else {
      this.decoy ??= hashPassword('decoy-password-never-used', { cost: this.cost });
      await verifyPassword(password, await this.decoy);
      ok = false;
    }
    if (!ok || !user) {
      await this.db.tx(async (sql) => {
        const [row] = await sql.query<{ failures: number }>(`SELECT failures FROM credential_failures WHERE username = $1 FOR UPDATE`, [key]);
        const count = (row?.failures ?? 0) + 1;
        const pause = count >= MAX_CONSECUTIVE_FAILURES ? new Date(at.getTime() + PAUSE_MS).toISOString() : null;
        await sql.query(
          `INSERT INTO credential_failures (username, failures, paused_until, last_failure_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, paused_until = excluded.paused_until, last_failure_at = excluded.last_failure_at`,
          [key, pause ? 0 : count, pause, at.toISOString()],
        );
      });
      throw new SignInRefused('BAD_CREDENTIALS');
    }
    await this.db.query(`DELETE FROM credential_failures WHERE username = $1`, [key]);
    let hash = user.password_hash;
    if (weakerThan(hash, this.cost)) {
      const better = await hashPassword(password, { cost: this.cost });
      const [updated] = await this.db.query<{ id: string }>(`UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3 RETURNING id`, [
        better,
        user.id,
        hash,
      ]);
      if (updated) hash = better;
    }
    return {
      profile: { userId: user.id, username: user.username, displayName: user.display_name, role: user.role, locale: user.locale === 'en' ? 'en' : 'fr' },
      passwordHash: hash,
      signedInAt: at.toISOString(),
    };
  }
}
