/**
 * What is held for a person alone on this desk (the hub's staff token) goes when their last
 * session here ends: signed out, the window closed, or someone else signing in on that window.
 */
import { describe, expect, it } from 'vitest';
import type { AgentProfile } from '../../../src/core/api';
import { SessionRegistry } from '../../../src/main/api/sessions';
import { StaffTokens } from '../../../src/main/sync/staff-tokens';

const person = (userId: string): AgentProfile => ({ userId, username: userId, displayName: userId, role: 'manager', locale: 'en' });
const at = '2026-12-01T09:00:00.000Z';

function desk() {
  const sessions = new SessionRegistry();
  const tokens = new StaffTokens(() => new Date(at));
  const ended: string[] = [];
  sessions.onLastSessionEnded((userId) => {
    ended.push(userId);
    tokens.forget(userId);
  });
  return { sessions, tokens, ended };
}

describe('the end of a person’s last session on a desk', () => {
  it('signing out forgets their token; someone else’s stays', () => {
    const { sessions, tokens, ended } = desk();
    sessions.set('c1', { agent: person('m'), signedInAt: at });
    sessions.set('c2', { agent: person('s'), signedInAt: at });
    tokens.keep('m', 'tok-m', '2026-12-01T21:00:00.000Z');
    tokens.keep('s', 'tok-s', '2026-12-01T21:00:00.000Z');
    sessions.delete('c1');
    expect(ended).toEqual(['m']);
    expect(tokens.of('m')).toBeNull();
    expect(tokens.of('s')).toBe('tok-s');
  });

  it('waits for the last of the person’s windows', () => {
    const { sessions, tokens, ended } = desk();
    sessions.set('c1', { agent: person('m'), signedInAt: at });
    sessions.set('c2', { agent: person('m'), signedInAt: at });
    tokens.keep('m', 'tok-m', '2026-12-01T21:00:00.000Z');
    sessions.delete('c1');
    expect(ended).toEqual([]);
    expect(tokens.of('m')).toBe('tok-m');
    sessions.delete('c2');
    expect(ended).toEqual(['m']);
    expect(tokens.of('m')).toBeNull();
  });

  it('someone else signing in on the same window ends the previous person’s session; the same person again does not', () => {
    const { sessions, ended } = desk();
    sessions.set('c1', { agent: person('m'), signedInAt: at });
    sessions.set('c1', { agent: { ...person('m'), locale: 'fr' }, signedInAt: at });
    expect(ended).toEqual([]);
    sessions.set('c1', { agent: person('a'), signedInAt: at });
    expect(ended).toEqual(['m']);
  });

  it('a window with nobody signed in ends nothing', () => {
    const { sessions, ended } = desk();
    sessions.delete('never-signed-in');
    expect(ended).toEqual([]);
  });
});
