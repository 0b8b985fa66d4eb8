import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MaskedCaller, ScreenPop } from '../../../src/core/api';
import { createLookupStore } from '../../../src/renderer/src/features/lookup/lookup-store';
import { createPopStore, DUPLICATE_WINDOW_MS } from '../../../src/renderer/src/features/screenpop/pop-store';
import { displayCallerNumber } from '../../../src/renderer/src/features/screenpop/phone-format';
import { fakeApi } from './fake-api';

const match = (n: number): MaskedCaller => ({
  customerId: `0190c3a0-0000-7000-8000-00000000000${n}`,
  accountId: `0190c3a0-0000-7000-8000-00000000010${n}`,
  accountNumberMasked: `••••${1000 + n}`,
  displayName: `Caller ${n}`,
  phoneMasked: '+33 6 •• •• •• 78',
  emailMasked: null,
  town: null,
  matchedOn: 'phone',
});

const pop = (...matches: MaskedCaller[]): ScreenPop => ({ from: '06 12 34 56 78', e164: '+33612345678', matches });

let now = 1_000_000;
let api: ReturnType<typeof fakeApi>;
let lookup: ReturnType<typeof createLookupStore>;
let pops: ReturnType<typeof createPopStore>;

beforeEach(() => {
  vi.useFakeTimers();
  api = fakeApi();
  lookup = createLookupStore({ api: api.api });
  pops = createPopStore({ lookup, now: () => now });
});
afterEach(() => vi.useRealTimers());

describe('screen pop', () => {
  it('one match: opens that caller directly', () => {
    pops.getState().receive(pop(match(1)));
    expect(pops.getState().current?.outcome).toBe('one');
    expect(lookup.getState().caller?.customerId).toBe(match(1).customerId);
    expect(api.callsTo('lookup.caller')).toHaveLength(1);
    expect(lookup.getState().results).toHaveLength(1);
  });

  it('several matches: shows the candidates, highlighted, and focuses the search', () => {
    lookup.getState().openCaller(match(9)); // a previous caller is closed
    const before = lookup.getState().focusRequest;
    pops.getState().receive(pop(match(1), match(2), match(3)));
    const s = lookup.getState();
    expect(pops.getState().current?.outcome).toBe('many');
    expect(s.results).toHaveLength(3);
    expect(s.activeIndex).toBe(0);
    expect(s.kind).toBe('phone');
    expect(s.caller).toBeNull();
    expect(s.focusRequest).toBe(before + 1);
  });

  it('no match: prefills the search box with the number and focuses it', () => {
    pops.getState().receive(pop());
    const s = lookup.getState();
    expect(pops.getState().current?.outcome).toBe('none');
    // A national number is shown as callers say it (issue 14): the lookup reads it either way.
    expect(s.query).toBe('06 12 34 56 78');
    expect(s.results).toHaveLength(0);
    expect(s.status).toBe('done');
    expect(s.focusRequest).toBe(1);
    expect(api.calls).toHaveLength(0);
  });

  it('uses the raw number when main could not read it', () => {
    pops.getState().receive({ from: 'anonymous', e164: null, matches: [] });
    expect(lookup.getState().query).toBe('anonymous');
    expect(lookup.getState().kind).toBe('none');
  });

  it('drops the same call reported twice (answer + event), but not a new call', () => {
    pops.getState().receive(pop(match(1)));
    now += 500;
    pops.getState().receive(pop(match(1)));
    expect(api.callsTo('lookup.caller')).toHaveLength(1);
    now += DUPLICATE_WINDOW_MS;
    pops.getState().receive(pop(match(1)));
    expect(api.callsTo('lookup.caller')).toHaveLength(2);
    pops.getState().receive(pop(match(2)));
    expect(api.callsTo('lookup.caller')).toHaveLength(3);
  });

  it('dismiss hides the banner and keeps the lookup as it is', () => {
    pops.getState().receive(pop(match(1), match(2)));
    pops.getState().dismiss();
    expect(pops.getState().current).toBeNull();
    expect(lookup.getState().results).toHaveLength(2);
  });
});

describe('displayCallerNumber', () => {
  it('reads a national number in the national format, a foreign one in the international format, and keeps what cannot be parsed', () => {
    expect(displayCallerNumber({ from: '0612345678', e164: '+33612345678' })).toBe('06 12 34 56 78');
    expect(displayCallerNumber({ from: '+447700900123', e164: '+447700900123' })).toBe('+44 7700 900123');
    expect(displayCallerNumber({ from: ' anonymous ', e164: null })).toBe('anonymous');
  });
});
