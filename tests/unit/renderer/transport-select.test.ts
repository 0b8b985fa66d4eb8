import { describe, expect, it } from 'vitest';
import { parseHash, selectTransport, type TransportEnv } from '../../../src/renderer/src/api/transport-select';

const TOKEN = 'a3f9c0d2e4b6a8c0d2e4f6a8b0c2d4e6';
const OTHER = 'ffffffffffffffffffffffffffffffff';

function env(over: Partial<TransportEnv> = {}): TransportEnv {
  return { hasBridge: false, hash: '', storedToken: null, storedClientId: null, newClientId: () => 'new-client-0001', ...over };
}

describe('selectTransport', () => {
  it('uses IPC when the Electron bridge is present, whatever the URL says', () => {
    expect(selectTransport(env({ hasBridge: true }))).toEqual({ kind: 'ipc', stripHash: false, hashWithoutToken: '' });
    const withToken = selectTransport(env({ hasBridge: true, hash: `#token=${TOKEN}` }));
    expect(withToken.kind).toBe('ipc');
    expect(withToken.stripHash).toBe(true); // never leave a token in the URL
  });

  it('reads the token from the hash, stores it with a new client id, and strips it from the URL', () => {
    const choice = selectTransport(env({ hash: `#token=${TOKEN}` }));
    expect(choice).toEqual({
      kind: 'http',
      token: TOKEN,
      clientId: 'new-client-0001',
      store: { token: TOKEN, clientId: 'new-client-0001' },
      stripHash: true,
      hashWithoutToken: '',
    });
  });

  it('keeps the tab’s client id and the stored token across a reload (no hash any more)', () => {
    const choice = selectTransport(env({ storedToken: TOKEN, storedClientId: 'tab-client-42' }));
    expect(choice).toEqual({
      kind: 'http',
      token: TOKEN,
      clientId: 'tab-client-42',
      store: {},
      stripHash: false,
      hashWithoutToken: '',
    });
  });

  it('prefers a new token in the URL over the stored one (the host restarted)', () => {
    const choice = selectTransport(env({ hash: `#token=${OTHER}`, storedToken: TOKEN, storedClientId: 'tab-client-42' }));
    expect(choice.kind === 'http' && choice.token).toBe(OTHER);
    expect(choice.kind === 'http' && choice.store).toEqual({ token: OTHER });
  });

  it('keeps other hash parameters when stripping the token', () => {
    const choice = selectTransport(env({ hash: `#token=${TOKEN}&view=lookup` }));
    expect(choice.hashWithoutToken).toBe('#view=lookup');
  });

  it('rejects a malformed token and a malformed stored client id', () => {
    expect(selectTransport(env({ hash: '#token=<script>' })).kind).toBe('none');
    expect(selectTransport(env({ hash: '#token=' })).kind).toBe('none');
    const choice = selectTransport(env({ storedToken: TOKEN, storedClientId: 'x' }));
    expect(choice.kind === 'http' && choice.clientId).toBe('new-client-0001');
  });

  it('has no transport without a bridge or a token', () => {
    expect(selectTransport(env())).toEqual({ kind: 'none', stripHash: false, hashWithoutToken: '' });
  });
});

describe('parseHash', () => {
  it('handles empty and token-less hashes', () => {
    expect(parseHash('')).toEqual({ token: null, rest: '' });
    expect(parseHash('#')).toEqual({ token: null, rest: '' });
    expect(parseHash('#view=x')).toEqual({ token: null, rest: 'view=x' });
    expect(parseHash(`token=${TOKEN}`)).toEqual({ token: TOKEN, rest: '' });
  });
});
