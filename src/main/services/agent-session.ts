/**
 * Signing in works offline: the agent's scrypt hash is in the local store. The session lives
 * here in main, keyed by the transport's client; the renderer only ever learns the profile.
 */
import { eq } from 'drizzle-orm';
import { ApiError, ROLES, type AgentProfile, type Locale, type Role } from '../../core/api';
import type { ClientContext, SessionRegistry } from '../api/sessions';
import { verifyPassword, hashPassword } from '../demo/passwords';
import type { Store } from '../store/db';
import type { CommandLog } from './command-log';
import { users } from '../store/schema';

/** Hashed once, lazily: checked against when the username is unknown so timing says nothing. */
let decoyHash: string | undefined;

/**
 * Password guessing at a desk: after this many failures in a row for a username (known or not,
 * so the answer says nothing about which exist), sign-in for it pauses for a minute.
 */
export const SIGN_IN_MAX_FAILURES = 5;
export const SIGN_IN_PAUSE_MS = 60_000;
const TRACKED_USERNAMES_MAX = 10_000;

export class AgentSessions {
  private readonly failures = new Map<string, { count: number; pausedUntil: number }>();

  constructor(
    private readonly db: Store,
    private readonly sessions: SessionRegistry,
    private readonly commands: CommandLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async signIn(client: ClientContext, username: string, password: string): Promise<AgentProfile> {
    const key = username.toLowerCase();
    const nowMs = this.now().getTime();
    const record = this.failures.get(key);
    if (record && record.pausedUntil > nowMs) throw new ApiError('TOO_MANY_ATTEMPTS');

    const user = this.db.select().from(users).where(eq(users.username, key)).get();
    let ok: boolean;
    if (!user) {
      decoyHash ??= await hashPassword('decoy-password-never-used');
      await verifyPassword(password, decoyHash);
      ok = false;
    } else {
      ok = (await verifyPassword(password, user.passwordHash)) && user.active;
    }
    if (!ok || !user) {
      this.countFailure(key, nowMs);
      throw new ApiError('BAD_CREDENTIALS');
    }
    this.failures.delete(key);
    const agent = toProfile(user);
    this.sessions.set(client.clientId, { agent, signedInAt: this.now().toISOString() });
    this.commands.record({ actorId: agent.userId, interactionId: null, action: 'sign_in', subject: `user:${agent.userId}`, after: { transport: client.transport } });
    return agent;
  }

  private countFailure(key: string, nowMs: number): void {
    if (this.failures.size >= TRACKED_USERNAMES_MAX && !this.failures.has(key)) this.failures.clear();
    const count = (this.failures.get(key)?.count ?? 0) + 1;
    // The pause starts on the last allowed failure; the count starts again after it.
    this.failures.set(key, count >= SIGN_IN_MAX_FAILURES ? { count: 0, pausedUntil: nowMs + SIGN_IN_PAUSE_MS } : { count, pausedUntil: 0 });
  }

  signOut(client: ClientContext): { signedOut: true } {
    const session = this.sessions.get(client.clientId);
    if (session) this.commands.record({ actorId: session.agent.userId, interactionId: null, action: 'sign_out', subject: `user:${session.agent.userId}` });
    this.sessions.delete(client.clientId);
    return { signedOut: true };
  }

  current(client: ClientContext): AgentProfile | null {
    return this.sessions.get(client.clientId)?.agent ?? null;
  }

  /** The agent's language follows them to any desk: it is kept on their user row. */
  setLocale(client: ClientContext, locale: Locale): AgentProfile {
    const session = this.sessions.get(client.clientId);
    if (!session) throw new ApiError('UNAUTHENTICATED');
    this.db.update(users).set({ locale }).where(eq(users.id, session.agent.userId)).run();
    const agent = { ...session.agent, locale };
    this.sessions.set(client.clientId, { ...session, agent });
    return agent;
  }
}

function toProfile(user: typeof users.$inferSelect): AgentProfile {
  if (!(ROLES as readonly string[]).includes(user.role)) throw new Error(`unknown role ${user.role}`);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    locale: user.locale === 'en' ? 'en' : 'fr',
  };
}
