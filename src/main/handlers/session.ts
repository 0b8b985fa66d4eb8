/** Signing in and out, the agent's language, and what the host says about itself. */
import type { MethodName } from '../../core/api';
import type { Handler } from '../api/dispatcher';
import type { AgentSessions } from '../services/agent-session';

type SessionMethods = 'session.signIn' | 'session.signOut' | 'session.current' | 'session.setLocale' | 'system.info';

export function createSessionHandlers(
  agentSessions: AgentSessions,
  system: () => { version: string; customers: number; transport: 'ipc' | 'http' },
): { [M in SessionMethods & MethodName]: Handler<M> } {
  return {
    'session.signIn': (input, { client }) => agentSessions.signIn(client, input.username, input.password),
    'session.signOut': (_input, { client }) => agentSessions.signOut(client),
    'session.current': (_input, { client }) => agentSessions.current(client),
    'session.setLocale': (input, { client }) => agentSessions.setLocale(client, input.locale),
    'system.info': () => system(),
  };
}
