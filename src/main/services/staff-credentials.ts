/**
 * The one check of a staff member's username and password, for signing in and for a supervisor
 * deciding at an agent's desk — so guessing cannot move from one door to the other.
 *
 *   - Five failures in a row for a username (known or not, so the answer says nothing about
 *     which exist) pause that username for a minute; the count and the pause are in the store
 *     (credential_failures), so a restart does not reset them. A success clears the count.
 *   - Checks of one username run one after the other: twenty guesses sent at once are judged in
 *     turn, and the sixth already meets the pause.
 *   - An unknown username costs the same scrypt as a wrong password (a decoy hash).
 *   - Every failure and every refusal during a pause is audited (who was tried, from which
 *     desk and for what), never the password.
 *   - A hash made with less than the current cost is re-made on the next success.
 */
import type Database from 'better-sqlite3';
import { ApiError, isStaffRole, type Locale, type StaffRole } from '../../core/api';
import { hashPassword, OWASP_SCRYPT, verifyPassword, weakerThan, type ScryptCost } from '../security/passwords';
import { userQueries, type StaffUserRow, type UserQueries } from '../store/users';
import type { CommandLog } from './command-log';

export const MAX_CONSECUTIVE_FAILURES = 5;
export const PAUSE_MS = 60_000;

export interface StaffMember {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly locale: Locale;
}

/** What the check is for, and where: recorded with every failure. */
export interface CredentialContext {
  readonly purpose: 'sign_in' | 'decide_at_desk';
  /** The agent at whose desk a supervisor typed their credentials. */
  readonly deskAgentId?: string;
  readonly interactionId?: string;
  readonly transport?: string;
}

/**
 * The hub's check of staff credentials, for a desk synced with one (sync/hub-sign-in.ts). When
 * the hub cannot be reached, the desk checks alone only for someone `mayCheckOffline` allows.
 */
export interface RemoteCheck {
  check(
    username: string,
    password: string,
  ): Promise<{ kind: 'ok'; userId: string } | { kind: 'bad' } | { kind: 'paused'; until: string | null } | { kind: 'unreachable' }>;
  mayCheckOffline(userId: string): boolean;
}

/** The username as it is keyed: trimmed, NFC, lower case. */
export function usernameKey(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

export class StaffCredentials {
  private readonly users: UserQueries;
  private readonly queue = new Map<string, Promise<unknown>>();
  private decoy: Promise<string> | null = null;

  constructor(
    private readonly client: Database.Database,
    private readonly commands: CommandLog,
    private readonly now: () => Date,
    private readonly cost: ScryptCost = OWASP_SCRYPT,
    private readonly remote?: RemoteCheck,
  ) {
    this.users = userQueries(client);
  }

  /** The staff member these credentials name, or BAD_CREDENTIALS / TOO_MANY_ATTEMPTS. */
  check(username: string, password: string, context: CredentialContext): Promise<StaffMember> {
    const key = usernameKey(username);
    const previous = this.queue.get(key) ?? Promise.resolve();
    const run = previous.then(
      () => this.checkNow(key, password, context),
      () => this.checkNow(key, password, context),
    );
    this.queue.set(key, run);
    const cleanup = () => {
      if (this.queue.get(key) === run) this.queue.delete(key);
    };
    run.then(cleanup, cleanup);
    return run;
  }

  /** When a paused username may try again (ISO), or null. */
  pausedUntil(username: string): string | null {
    const row = this.users.failures(usernameKey(username));
    return row?.pausedUntil && Date.parse(row.pausedUntil) > this.now().getTime() ? row.pausedUntil : null;
  }

  private async checkNow(key: string, password: string, context: CredentialContext): Promise<StaffMember> {
    const paused = this.pausedUntil(key);
    if (paused) {
      this.audit(key, context, { outcome: 'paused', pausedUntil: paused });
      throw new ApiError('TOO_MANY_ATTEMPTS', [{ path: 'username', message: `paused until ${paused}` }]);
    }
    // On a desk of a hub, the hub checks (one failure count everywhere), for sign-in and for a supervisor deciding here.
    if (this.remote && key !== '') return this.checkWithHub(this.remote, key, password, context);
    const user = key === '' ? undefined : this.users.byUsername(key);
    const ok = user ? (await verifyPassword(password, user.passwordHash)) && user.active === 1 : await this.decoyCheck(password);
    if (!ok || !user) {
      this.fail(key, context, user?.id ?? null);
      throw new ApiError('BAD_CREDENTIALS');
    }
    this.users.clearFailures(key);
    if (weakerThan(user.passwordHash, this.cost)) await this.upgrade(user, password);
    return toMember(user);
  }

  private async checkWithHub(remote: RemoteCheck, key: string, password: string, context: CredentialContext): Promise<StaffMember> {
    const answer = await remote.check(key, password);
    if (answer.kind === 'paused')
      throw new ApiError('TOO_MANY_ATTEMPTS', [{ path: 'username', message: answer.until ? `paused until ${answer.until}` : 'paused' }]);
    let user = this.users.byUsername(key);
    if (answer.kind === 'bad' || (answer.kind === 'ok' && (!user || user.id !== answer.userId))) {
      this.fail(key, context, user?.id ?? null);
      throw new ApiError('BAD_CREDENTIALS');
    }
    if (answer.kind === 'unreachable') {
      // Offline: only someone who signed in here recently, against the hash the hub gave then.
      const ok =
        user && remote.mayCheckOffline(user.id) ? (await verifyPassword(password, user.passwordHash)) && user.active === 1 : await this.decoyCheck(password);
      if (!ok || !user) {
        this.fail(key, context, user?.id ?? null);
        throw new ApiError('BAD_CREDENTIALS', [
          { path: 'username', message: 'the hub does not answer: only someone who signed in at this desk in the last days can sign in offline' },
        ]);
      }
    }
    user = this.users.byUsername(key);
    if (!user || user.active !== 1) throw new ApiError('BAD_CREDENTIALS');
    this.users.clearFailures(key);
    return toMember(user);
  }

  private async decoyCheck(password: string): Promise<false> {
    this.decoy ??= hashPassword('decoy-password-never-used', { cost: this.cost });
    await verifyPassword(password, await this.decoy);
    return false;
  }

  private fail(key: string, context: CredentialContext, userId: string | null): void {
    const nowMs = this.now().getTime();
    const at = new Date(nowMs).toISOString();
    const count = (this.users.failures(key)?.failures ?? 0) + 1;
    // The pause starts on the last allowed failure; the count starts again after it.
    const pause = count >= MAX_CONSECUTIVE_FAILURES ? new Date(nowMs + PAUSE_MS).toISOString() : null;
    this.client.transaction(() => {
      this.users.setFailures({ username: key, failures: pause ? 0 : count, pausedUntil: pause, lastFailureAt: at });
      this.audit(
        key,
        context,
        { outcome: 'bad_credentials', consecutiveFailures: count, ...(pause ? { pausedUntil: pause } : {}), knownUser: userId !== null },
        userId,
      );
    })();
  }

  private audit(key: string, context: CredentialContext, after: Record<string, unknown>, userId: string | null = null): void {
    this.commands.record({
      // The actor is the desk's agent when a supervisor was tried at their desk; else unknown.
      actorId: context.deskAgentId ?? null,
      interactionId: context.interactionId ?? null,
      action: 'credential_failed',
      subject: userId ? `user:${userId}` : `username:${key.slice(0, 64)}`,
      after: { username: key.slice(0, 64), purpose: context.purpose, ...(context.transport ? { transport: context.transport } : {}), ...after },
    });
  }

  private async upgrade(user: StaffUserRow, password: string): Promise<void> {
    const hash = await hashPassword(password, { cost: this.cost });
    if (this.users.rehash(user.id, hash, user.passwordHash) === 1) {
      this.commands.record({
        actorId: user.id,
        interactionId: null,
        action: 'password_rehashed',
        subject: `user:${user.id}`,
        after: { cost: { ...this.cost } },
      });
    }
  }
}

function toMember(user: StaffUserRow): StaffMember {
  if (!isStaffRole(user.role)) throw new ApiError('FORBIDDEN');
  return { userId: user.id, username: user.username, displayName: user.displayName, role: user.role, locale: user.locale === 'en' ? 'en' : 'fr' };
}
