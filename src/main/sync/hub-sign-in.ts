/**
 * Staff sign-in on a desk of a hub. The hub checks the password (one failure count for every
 * desk) and sends back the hash, which this desk keeps for that person only: offline, a person
 * who signed in at this desk through the hub within the last OFFLINE_SIGN_IN_DAYS days may sign
 * in against it; anyone else waits for the hub. Roles and limits are the synced users rows', never
 * what the desk or the person says.
 */
import type Database from 'better-sqlite3';
import type { RemoteCheck } from '../services/staff-credentials';
import type { DeskLink } from './desk-link';
import { HubRefused, HubUnreachable } from './hub-client';
import type { StaffTokens } from './staff-tokens';

export const OFFLINE_SIGN_IN_DAYS = 7;

export function hubSignIn(link: () => DeskLink | null, client: Database.Database, now: () => Date, tokens?: StaffTokens): RemoteCheck {
  const keep = client.prepare(`UPDATE users SET password_hash = ? WHERE id = ?`);
  const mark = client.prepare(`INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const lastAt = client.prepare<[string], { value: string }>(`SELECT value FROM sync_state WHERE key = ?`);
  return {
    async check(username, password) {
      const desk = link();
      if (!desk) return { kind: 'unreachable' };
      try {
        const answer = await desk.hub.call('signIn', { username, password });
        client.transaction(() => {
          keep.run(answer.passwordHash, answer.profile.userId);
          mark.run(`signed_in:${answer.profile.userId}`, now().toISOString());
        })();
        // A hub that predates staff tokens sends none: insights then stay this desk's.
        if (typeof answer.staffToken === 'string') tokens?.keep(answer.profile.userId, answer.staffToken, answer.staffTokenExpiresAt);
        return { kind: 'ok', userId: answer.profile.userId };
      } catch (err) {
        if (err instanceof HubRefused && err.code === 'BAD_CREDENTIALS') return { kind: 'bad' };
        if (err instanceof HubRefused && err.code === 'TOO_MANY_ATTEMPTS')
          return { kind: 'paused', until: typeof err.body['pausedUntil'] === 'string' ? err.body['pausedUntil'] : null };
        if (err instanceof HubUnreachable || err instanceof HubRefused) return { kind: 'unreachable' };
        throw err;
      }
    },
    mayCheckOffline(userId) {
      const at = lastAt.get(`signed_in:${userId}`)?.value;
      return at !== undefined && now().getTime() - Date.parse(at) <= OFFLINE_SIGN_IN_DAYS * 86_400_000;
    },
  };
}
