import { hasAtLeast, type AgentProfile, type ApiEvent } from '../../core/api';
import type { EventPublisher } from '../services/events';

/**
 * Who is on the other end of a transport. The transport names the client (an IPC webContents,
 * or a browser tab's id behind the loopback token); the role comes only from the session main
 * holds for that client — never from anything the renderer sends.
 */
export interface ClientContext {
  readonly transport: 'ipc' | 'http';
  readonly clientId: string;
}

export interface Session {
  readonly agent: AgentProfile;
  readonly signedInAt: string;
}

type Listener = (event: ApiEvent) => void;

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly endListeners = new Set<(userId: string) => void>();

  get(clientId: string): Session | undefined {
    return this.sessions.get(clientId);
  }

  set(clientId: string, session: Session): void {
    const before = this.sessions.get(clientId);
    this.sessions.set(clientId, session);
    // Someone else signing in on the same window ends the previous person's session there.
    if (before && before.agent.userId !== session.agent.userId) this.ended(before.agent.userId);
  }

  delete(clientId: string): void {
    const before = this.sessions.get(clientId);
    this.sessions.delete(clientId);
    if (before) this.ended(before.agent.userId);
  }

  /**
   * Called with a person's id when their last session on this desk ends (signed out, window
   * closed, replaced by someone else): what was held for them alone (the hub's staff token) goes.
   */
  onLastSessionEnded(listener: (userId: string) => void): void {
    this.endListeners.add(listener);
  }

  private ended(userId: string): void {
    for (const session of this.sessions.values()) if (session.agent.userId === userId) return;
    for (const l of this.endListeners) l(userId);
  }

  /** The event channel: a transport subscribes for its client and forwards what is emitted. */
  subscribe(clientId: string, listener: Listener): () => void {
    let set = this.listeners.get(clientId);
    if (!set) this.listeners.set(clientId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(clientId);
    };
  }

  emit(clientId: string, event: ApiEvent): void {
    for (const l of this.listeners.get(clientId) ?? []) l(event);
  }

  /** Clients with an agent signed in: where a screen pop from telephony is shown. */
  signedInClients(): string[] {
    return [...this.sessions.keys()];
  }
}

/**
 * The event publisher of a desk on its own: events go to the clients signed in here. (With a
 * hub, its push carries them to the other desks as well.)
 */
export function sessionPublisher(sessions: SessionRegistry): EventPublisher {
  const clientsWhere = (test: (agent: AgentProfile) => boolean) =>
    sessions.signedInClients().filter((id) => {
      const agent = sessions.get(id)?.agent;
      return agent !== undefined && test(agent);
    });
  return {
    toUser: (userId, event) => clientsWhere((a) => a.userId === userId).forEach((id) => sessions.emit(id, event)),
    toRole: (minRole, event) => clientsWhere((a) => hasAtLeast(a.role, minRole)).forEach((id) => sessions.emit(id, event)),
    toAll: (event) => sessions.signedInClients().forEach((id) => sessions.emit(id, event)),
  };
}
