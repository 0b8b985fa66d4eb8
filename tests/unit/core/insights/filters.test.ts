/** The insights filter's pure parts: the echo, the experiments chosen, the queries each section gets, the file name. */
import { describe, expect, it } from 'vitest';
import { experimentsInput, practicesInput, THIS_DESK_ID } from '../../../../src/core/api';
import {
  draftProblem,
  experimentsFilter,
  filterFileSuffix,
  insightsCsvFileName,
  insightsQueries,
  mergeChoices,
  NO_FILTER,
  ownStoreHoldsDesk,
  selectExperiments,
} from '../../../../src/core/insights';

const EXPERIMENTS = [
  { id: 'retention-a', reason: 'retention_offer' },
  { id: 'goodwill-b', reason: 'goodwill' },
  { id: 'retention-c', reason: 'retention_offer' },
];
const AGENT = '019a0000-0000-7000-8000-000000000001';

describe('insights filter', () => {
  it('echoes every field, null when not restricted', () => {
    expect(experimentsFilter({})).toEqual({ from: null, to: null, reason: null, experimentId: null, agentId: null, deskId: null });
    expect(experimentsFilter({ from: '2026-01-01', agentId: AGENT })).toMatchObject({ from: '2026-01-01', agentId: AGENT, to: null });
  });

  it('selects experiments by reason and offer, in the policy’s order', () => {
    const f = experimentsFilter({});
    expect(selectExperiments(EXPERIMENTS, f).map((e) => e.id)).toEqual(['retention-a', 'goodwill-b', 'retention-c']);
    expect(selectExperiments(EXPERIMENTS, { ...f, reason: 'retention_offer' }).map((e) => e.id)).toEqual(['retention-a', 'retention-c']);
    expect(selectExperiments(EXPERIMENTS, { ...f, experimentId: 'goodwill-b' }).map((e) => e.id)).toEqual(['goodwill-b']);
    // An offer of another reason: nothing (the bar clears the offer when the reason changes).
    expect(selectExperiments(EXPERIMENTS, { ...f, reason: 'goodwill', experimentId: 'retention-a' })).toEqual([]);
  });

  it('a desk’s own store holds "this desk" and no other', () => {
    expect(ownStoreHoldsDesk(null)).toBe(true);
    expect(ownStoreHoldsDesk(undefined)).toBe(true);
    expect(ownStoreHoldsDesk(THIS_DESK_ID)).toBe(true);
    expect(ownStoreHoldsDesk(AGENT)).toBe(false);
    // The sentinel passes the contract's id check, as a hub's device id does.
    expect(practicesInput.safeParse({ deskId: THIS_DESK_ID }).success).toBe(true);
  });

  it('gives each section the fields it takes, empty ones left out', () => {
    expect(insightsQueries(NO_FILTER)).toEqual({ experiments: {}, practices: {} });
    const q = insightsQueries({ ...NO_FILTER, from: '2026-01-01', reason: 'goodwill', experimentId: 'goodwill-b', agentId: AGENT, deskId: THIS_DESK_ID });
    expect(q.experiments).toEqual({ from: '2026-01-01', reason: 'goodwill', experimentId: 'goodwill-b', agentId: AGENT, deskId: THIS_DESK_ID });
    expect(q.practices).toEqual({ from: '2026-01-01', agentId: AGENT, deskId: THIS_DESK_ID });
    // Every query the bar makes is one the contract accepts.
    expect(experimentsInput.safeParse(q.experiments).success).toBe(true);
    expect(practicesInput.safeParse(q.practices).success).toBe(true);
  });

  it('refuses a period that ends before it starts, on the screen as in the contract', () => {
    expect(draftProblem({ ...NO_FILTER, from: '2026-05-02', to: '2026-05-01' })).toBe('insights.filter.badRange');
    expect(draftProblem({ ...NO_FILTER, from: '2026-05-01', to: '2026-05-01' })).toBeNull();
    expect(draftProblem({ ...NO_FILTER, from: '2026-05-02' })).toBeNull();
    expect(experimentsInput.safeParse({ from: '2026-05-02', to: '2026-05-01' }).success).toBe(false);
    expect(experimentsInput.safeParse({ from: '2026-02-29' }).success).toBe(false);
    expect(experimentsInput.safeParse({ from: '2028-02-29' }).success).toBe(true);
  });

  it('merges the choices of both sections: each id once, by name', () => {
    expect(
      mergeChoices(
        [
          { id: 'b', name: 'Zoé' },
          { id: 'a', name: 'Ana' },
        ],
        [
          { id: 'b', name: 'Zoé' },
          { id: 'c', name: 'Émile' },
        ],
        undefined,
      ).map((c) => c.id),
    ).toEqual(['a', 'b', 'c']);
  });

  it('names the file after the figures’ day and the filter’s set fields (ids cut short)', () => {
    expect(insightsCsvFileName('2026-11-30')).toBe('ardoise-insights-2026-11-30.csv');
    expect(insightsCsvFileName('2026-11-30', experimentsFilter({}))).toBe('ardoise-insights-2026-11-30.csv');
    expect(insightsCsvFileName('2026-11-30', experimentsFilter({ from: '2026-01-01', reason: 'retention_offer', agentId: AGENT }))).toBe(
      'ardoise-insights-2026-11-30_from-2026-01-01_retention-offer_agent-019a0000.csv',
    );
    expect(filterFileSuffix({ deskId: THIS_DESK_ID, experimentId: 'goodwill-b' })).toBe('_goodwill-b_desk-00000000');
  });
});
