import { describe, expect, it } from 'vitest';
import { callKeyAction, type CallKeyInput } from '../../../../src/renderer/src/features/call/keyboard';
import { CALL_TABS, defaultTab, digitForTab, tabAvailability, tabForDigit } from '../../../../src/renderer/src/features/call/tabs';
import { anchorStart, elapsedSince, formatHandleTime, handleTimeLevel } from '../../../../src/renderer/src/features/call/timer';

describe('tab enabling rules', () => {
  it('before verification only Verify and Wrap-up are open, each closed one with its reason', () => {
    const open = CALL_TABS.filter((tab) => tabAvailability(tab, { verified: false }).enabled);
    expect(open).toEqual(['verify', 'wrapup']);
    for (const tab of ['account', 'bills', 'plan', 'credit', 'notes'] as const) {
      expect(tabAvailability(tab, { verified: false })).toEqual({ enabled: false, reason: 'call.tab.needsVerification' });
    }
  });

  it('after verification every section is open', () => {
    expect(CALL_TABS.every((tab) => tabAvailability(tab, { verified: true }).enabled)).toBe(true);
  });

  it('a call opens on Verify, or on the Account once verified', () => {
    expect(defaultTab(false)).toBe('verify');
    expect(defaultTab(true)).toBe('account');
  });

  it('digits map to tabs in order, both ways', () => {
    expect(CALL_TABS.map((tab) => digitForTab(tab))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(tabForDigit(1)).toBe('verify');
    expect(tabForDigit(7)).toBe('wrapup');
    expect(tabForDigit(8)).toBe('payments');
    expect(tabForDigit(9)).toBeNull();
    expect(tabForDigit(0)).toBeNull();
  });
});

describe('call keyboard', () => {
  const key = (over: Partial<CallKeyInput>): CallKeyInput => ({
    key: '',
    code: '',
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...over,
  });

  it('Alt+digit opens a section, by physical key (AZERTY, macOS Option)', () => {
    expect(callKeyAction(key({ altKey: true, code: 'Digit2', key: '@' }))).toEqual({ kind: 'tab', tab: 'account' });
    expect(callKeyAction(key({ altKey: true, code: 'Numpad7', key: '7' }))).toEqual({ kind: 'tab', tab: 'wrapup' });
    expect(callKeyAction(key({ altKey: true, shiftKey: true, code: 'Digit1', key: '1' }))).toEqual({ kind: 'tab', tab: 'verify' });
  });

  it('ignores plain digits, Ctrl/Cmd combinations, digits without a tab and IME composition', () => {
    expect(callKeyAction(key({ code: 'Digit2', key: '2' }))).toBeNull();
    expect(callKeyAction(key({ altKey: true, ctrlKey: true, code: 'Digit2', key: '2' }))).toBeNull();
    expect(callKeyAction(key({ altKey: true, metaKey: true, code: 'Digit2', key: '2' }))).toBeNull();
    expect(callKeyAction(key({ altKey: true, code: 'Digit9', key: '9' }))).toBeNull();
    expect(callKeyAction(key({ altKey: true, code: 'Digit2', key: '2', isComposing: true }))).toBeNull();
  });
});

describe('handle time', () => {
  it('formats minutes and seconds, hours only when needed', () => {
    expect(formatHandleTime(0)).toBe('0:00');
    expect(formatHandleTime(7)).toBe('0:07');
    expect(formatHandleTime(245)).toBe('4:05');
    expect(formatHandleTime(3599)).toBe('59:59');
    expect(formatHandleTime(3600)).toBe('1:00:00');
    expect(formatHandleTime(3725)).toBe('1:02:05');
  });

  it('never shows a negative or broken time', () => {
    expect(formatHandleTime(-5)).toBe('0:00');
    expect(formatHandleTime(Number.NaN)).toBe('0:00');
    expect(formatHandleTime(61.9)).toBe('1:01');
  });

  it('anchors the start on this window’s clock from main’s elapsed seconds', () => {
    const start = anchorStart(90, 1_000_000);
    expect(start).toBe(910_000);
    expect(elapsedSince(start, 1_000_000)).toBe(90);
    expect(elapsedSince(start, 1_000_999)).toBe(90);
    expect(elapsedSince(start, 1_001_000)).toBe(91);
    expect(elapsedSince(start, 0)).toBe(0);
  });

  it('colours long calls calmly', () => {
    expect(handleTimeLevel(599)).toBe('normal');
    expect(handleTimeLevel(600)).toBe('long');
    expect(handleTimeLevel(1200)).toBe('veryLong');
  });
});
