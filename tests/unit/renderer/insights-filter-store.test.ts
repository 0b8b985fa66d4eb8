/**
 * The insights screen's filter store: a change asks both sections with the fields each takes; the
 * same filter again asks nothing; a reversed period is not sent; answers to older filters that
 * come back after a newer one was asked are dropped, so the screen ends on the last filter.
 */
import { describe, expect, it } from 'vitest';
import { createFilterStore } from '../../../src/renderer/src/features/insights/filter-store';
import { createInsightsStore } from '../../../src/renderer/src/features/insights/insights-store';
import { createPracticesStore } from '../../../src/renderer/src/features/insights/practices-store';
import { fakeApi, flush } from './fake-api';

const A = '019a0000-0000-7000-8000-00000000000a';
const B = '019a0000-0000-7000-8000-00000000000b';

function screen() {
  const fake = fakeApi();
  const experiments = createInsightsStore({ api: fake.api });
  const practices = createPracticesStore({ api: fake.api });
  const filter = createFilterStore({ experiments, practices });
  return { ...fake, experiments, practices, filter };
}

describe('insights filter store', () => {
  it('asks both sections with what each takes; the same filter twenty times asks once', () => {
    const s = screen();
    for (let i = 0; i < 20; i++) s.filter.getState().change({ reason: 'goodwill', agentId: A });
    expect(s.callsTo('insights.experiments').map((c) => c.input)).toEqual([{ reason: 'goodwill', agentId: A }]);
    // The practices have no reason: only the agent reaches them.
    expect(s.callsTo('insights.practices').map((c) => c.input)).toEqual([{ agentId: A }]);
  });

  it('does not send a period that ends before it starts', () => {
    const s = screen();
    s.filter.getState().change({ from: '2026-05-02' });
    s.filter.getState().change({ to: '2026-05-01' });
    expect(s.callsTo('insights.experiments').map((c) => c.input)).toEqual([{ from: '2026-05-02' }]);
    expect(s.filter.getState().draft.to).toBe('2026-05-01');
  });

  it('switching faster than the answers come: an older answer arriving last is dropped', async () => {
    const s = screen();
    s.filter.getState().change({ agentId: A });
    s.filter.getState().change({ agentId: B });
    const [forA, forB] = s.callsTo('insights.experiments');
    forB!.resolve({ filter: { agentId: B } });
    await flush();
    forA!.resolve({ filter: { agentId: A } });
    await flush();
    expect(s.experiments.store.getState().value.value).toEqual({ filter: { agentId: B } });
    const [pA, pB] = s.callsTo('insights.practices');
    pB!.resolve({ filter: { agentId: B } });
    pA!.resolve({ filter: { agentId: A } });
    await flush();
    expect(s.practices.store.getState().value.value).toEqual({ filter: { agentId: B } });
  });

  it('reload asks again with the filter as it is (the language changed); clear asks for everything', () => {
    const s = screen();
    s.filter.getState().change({ deskId: A });
    s.filter.getState().reload();
    s.filter.getState().clear();
    expect(s.callsTo('insights.experiments').map((c) => c.input)).toEqual([{ deskId: A }, { deskId: A }, {}]);
  });
});
