import { describe, expect, it, vi } from 'vitest';
import { createCallStore } from '../../../../src/renderer/src/features/call/call-store';
import { createLookupStore } from '../../../../src/renderer/src/features/lookup/lookup-store';
import { createPopStore } from '../../../../src/renderer/src/features/screenpop/pop-store';
import { fakeApi, flush } from '../fake-api';
import { caller, CUSTOMER, interaction, OTHER_CUSTOMER } from './fixtures';

describe('screen pop starts the call', () => {
  function setup() {
    const api = fakeApi();
    const lookup = createLookupStore({ api: api.api });
    const calls = createCallStore({ api: api.api });
    const onOneMatch = vi.fn((c, pop) => void calls.getState().start({ customerId: c.customerId, source: 'screen_pop', callerNumber: pop.e164 ?? pop.from }));
    let now = 0;
    const pops = createPopStore({ lookup, onOneMatch, now: () => (now += 10_000) });
    return { api, calls, pops, onOneMatch };
  }

  it('one match: starts a screen_pop call with the number', () => {
    const { api, pops } = setup();
    pops.getState().receive({ from: '0612345678', e164: '+33612345678', matches: [caller()] });
    expect(api.callsTo('interaction.start')[0]!.input).toEqual({ customerId: CUSTOMER, source: 'screen_pop', callerNumber: '+33612345678' });
  });

  it('several or no matches: no call starts by itself', () => {
    const { api, pops } = setup();
    pops.getState().receive({ from: '0612345678', e164: '+33612345678', matches: [caller(), caller(OTHER_CUSTOMER)] });
    pops.getState().receive({ from: '0699999999', e164: '+33699999999', matches: [] });
    expect(api.callsTo('interaction.start')).toHaveLength(0);
  });

  it('a pop during a call shows but does not tear the call down', async () => {
    const { api, calls, pops } = setup();
    pops.getState().receive({ from: '0612345678', e164: '+33612345678', matches: [caller()] });
    api.callsTo('interaction.start')[0]!.resolve(interaction());
    await flush();
    pops.getState().receive({ from: '0611111111', e164: '+33611111111', matches: [caller(OTHER_CUSTOMER)] });
    expect(pops.getState().current?.pop.matches[0]?.customerId).toBe(OTHER_CUSTOMER);
    expect(api.callsTo('interaction.start')).toHaveLength(1);
    expect(calls.getState().interaction?.customerId).toBe(CUSTOMER);
    expect(calls.getState().busy).toBe(true);
  });
});
