import { describe, expect, it, vi } from 'vitest';
import { DeepLinkInbox, findDeepLinkInArgv, parseCallDeepLink } from '../../../src/main/electron/deep-link';

describe('parseCallDeepLink', () => {
  it.each([
    ['ardoise://call?from=0612345678', '0612345678'],
    ['ardoise://call/?from=0612345678', '0612345678'],
    ['ARDOISE://call?from=0612345678', '0612345678'],
    // '+' stays a plus: telephony sends E.164 unencoded (URLSearchParams would make it a space).
    ['ardoise://call?from=+33612345678', '+33612345678'],
    ['ardoise://call?from=%2B33%206%2012%2034%2056%2078', '+33 6 12 34 56 78'],
    ['ardoise://call?from=(01)%2042.68-53.00', '(01) 42.68-53.00'],
    ['ardoise://call?line=2&from=0612345678&callid=abc', '0612345678'],
    ['ardoise://call?from=%20%200612345678%20', '0612345678'],
    ['ardoise://call?from=1234567890123456789012345678901234567890', '1234567890123456789012345678901234567890'],
  ])('%s → from %j', (link, from) => {
    expect(parseCallDeepLink(link)).toEqual({ from });
  });

  it.each([
    ['another scheme', 'https://call?from=0612345678'],
    ['another action', 'ardoise://hangup?from=0612345678'],
    ['host case tricks', 'ardoise://CALL?from=0612345678'],
    ['a path', 'ardoise://call/../../etc?from=0612345678'],
    ['a sub-path', 'ardoise://call/x?from=0612345678'],
    ['no authority', 'ardoise:call?from=0612345678'],
    ['empty authority', 'ardoise:///call?from=0612345678'],
    ['a port', 'ardoise://call:80?from=0612345678'],
    ['credentials', 'ardoise://user:pw@call?from=0612345678'],
    ['no from', 'ardoise://call'],
    ['an empty from', 'ardoise://call?from='],
    ['a bare from', 'ardoise://call?from'],
    ['two froms', 'ardoise://call?from=0612345678&from=0700000000'],
    ['41 characters', `ardoise://call?from=${'1'.repeat(41)}`],
    ['letters', 'ardoise://call?from=0612abc678'],
    ['script', 'ardoise://call?from=%3Cscript%3E'],
    ['a command-line switch', 'ardoise://call?from=1%20--inspect'],
    ['no digit at all', 'ardoise://call?from=%2B%20-()'],
    ['a newline', 'ardoise://call?from=0612%0A345678'],
    ['broken percent-encoding', 'ardoise://call?from=%E0%A4%A'],
    ['a huge link', `ardoise://call?from=0612345678&x=${'a'.repeat(600)}`],
    ['not a URL', 'call me maybe'],
    ['empty', ''],
  ])('rejects %s', (_label, link) => {
    expect(parseCallDeepLink(link)).toBeNull();
  });
});

describe('findDeepLinkInArgv', () => {
  it('finds the link among Electron and Chromium arguments', () => {
    expect(findDeepLinkInArgv(['/opt/Ardoise/ardoise', '--allow-file-access-from-files', 'ardoise://call?from=0612345678'])).toBe(
      'ardoise://call?from=0612345678',
    );
    expect(findDeepLinkInArgv(['electron.exe', 'C:\\app\\out\\main\\index.js', '--', 'ARDOISE://call?from=1'])).toBe('ARDOISE://call?from=1');
  });

  it('returns undefined when there is none', () => {
    expect(findDeepLinkInArgv(['/opt/Ardoise/ardoise', '--no-sandbox', 'https://example.com'])).toBeUndefined();
    expect(findDeepLinkInArgv([])).toBeUndefined();
  });
});

describe('DeepLinkInbox', () => {
  it('queues screen pops that arrive before start-up and delivers them in order on attach', () => {
    const inbox = new DeepLinkInbox();
    expect(inbox.push('ardoise://call?from=0611111111')).toBe(true);
    expect(inbox.push('ardoise://call?from=0622222222')).toBe(true);
    const handler = vi.fn();
    inbox.attach(handler);
    expect(handler.mock.calls).toEqual([[{ from: '0611111111' }], [{ from: '0622222222' }]]);
  });

  it('delivers immediately once attached', () => {
    const inbox = new DeepLinkInbox();
    const handler = vi.fn();
    inbox.attach(handler);
    inbox.push('ardoise://call?from=0633333333');
    expect(handler).toHaveBeenCalledExactlyOnceWith({ from: '0633333333' });
  });

  it('drops invalid links and missing argv links without calling anyone', () => {
    const inbox = new DeepLinkInbox();
    const handler = vi.fn();
    expect(inbox.push(undefined)).toBe(false);
    expect(inbox.push('ardoise://evil?from=1')).toBe(false);
    inbox.attach(handler);
    expect(inbox.push('javascript:alert(1)')).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });

  it('keeps only the latest 10 when flooded before start-up', () => {
    const inbox = new DeepLinkInbox();
    for (let i = 10; i < 30; i++) inbox.push(`ardoise://call?from=06000000${i}`);
    const handler = vi.fn();
    inbox.attach(handler);
    expect(handler).toHaveBeenCalledTimes(10);
    expect(handler.mock.calls[0]![0]).toEqual({ from: '0600000020' });
    expect(handler.mock.calls[9]![0]).toEqual({ from: '0600000029' });
  });
});
