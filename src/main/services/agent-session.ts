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

export class AgentSessions {
  constructor(
    private readonly db: Store,
    private readonly sessions: SessionRegistry,
    private readonly commands: CommandLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async signIn(client: ClientContext, username: string, password: string): Promise<AgentProfile> {
    const user = this.db.select().from(users).where(eq(users.username, username.toLowerCase())).get();
    if (!user) {
      decoyHash ??= await hashPassword('decoy-password-never-used');
      await verifyPassword(password, decoyHash);
      throw new ApiError('BAD_CREDENTIALS');
    }
    const ok = await verifyPassword(password, user.passwordHash);
    if (!ok || !user.active) throw new ApiError('BAD_CREDENTIALS');
    const agent = toProfile(user);
    this.sessions.set(client.clientId, { agent, signedInAt: this.now().toISOString() });
    this.commands.record({ actorId: agent.userId, interactionId: null, action: 'sign_in', subject: `user:${agent.userId}`, after: { transport: client.transport } });
    return agent;
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
