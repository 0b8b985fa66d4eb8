/**
 * Signing in works offline: the agent's scrypt hash is in the local store, checked by the one
 * staff-credential check (staff-credentials.ts: the pause after failures, the audit of each).
 * The session lives here in main, keyed by the transport's client; the renderer only ever
 * learns the profile.
 */
import { eq } from 'drizzle-orm';
import { ApiError, type AgentProfile, type Locale } from '../../core/api';
import type { ClientContext, SessionRegistry } from '../api/sessions';
import type { Store } from '../store/db';
import type { CommandLog } from './command-log';
import type { StaffCredentials } from './staff-credentials';
import { users } from '../store/schema';

export class AgentSessions {
  constructor(
    private readonly db: Store,
    private readonly sessions: SessionRegistry,
    private readonly commands: CommandLog,
    private readonly credentials: StaffCredentials,
    private readonly now: () => Date,
  ) {}

  async signIn(client: ClientContext, username: string, password: string): Promise<AgentProfile> {
    const member = await this.credentials.check(username, password, { purpose: 'sign_in', transport: client.transport });
    const agent: AgentProfile = { userId: member.userId, username: member.username, displayName: member.displayName, role: member.role, locale: member.locale };
    this.sessions.set(client.clientId, { agent, signedInAt: this.now().toISOString() });
    this.commands.record({
      actorId: agent.userId,
      interactionId: null,
      action: 'sign_in',
      subject: `user:${agent.userId}`,
      after: { transport: client.transport },
    });
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
