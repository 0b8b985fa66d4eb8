/**
 * The insights' per-enrolment reads stay index-only (migration insights_covering_idx): on a
 * million customers each seek into a table costs a page read per enrolled customer, so a column
 * added to what a query reads, without adding it to the index, would quietly bring the seeks
 * back. These plans say which index answers each read, and that it answers it alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPERIMENT_REVENUE, EXPERIMENT_RISK_SETS } from '../../../src/main/store/experiment-risk-sets';
import { tempStore } from '../demo/helpers';

let store: ReturnType<typeof tempStore>;
beforeAll(() => {
  store = tempStore();
});
afterAll(() => store.cleanup());

function plan(sql: string, params: Record<string, unknown>): string[] {
  return (store.db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((p) => p.detail);
}

const range = { lo: '', hi: null };

describe('the experiments’ reads', () => {
  it('revenue: accounts and payments from their covering indexes, never the tables', () => {
    const steps = plan(EXPERIMENT_REVENUE, { experimentId: 'e', reason: 'retention_offer', currency: 'EUR', days: 90, today: '2026-11-30', ...range });
    expect(steps.filter((s) => /\b(accounts|payments)\b/.test(s))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SEARCH payments USING COVERING INDEX payments_account_idx/),
        expect.stringMatching(/^SEARCH accounts USING COVERING INDEX accounts_customer_idx/),
      ]),
    );
    expect(steps.filter((s) => /\b(accounts|payments)\b/.test(s) && !/COVERING INDEX/.test(s))).toEqual([]);
  });

  it('risk sets: whether the customer was offered, and the cancellation, from indexes alone', () => {
    const steps = plan(EXPERIMENT_RISK_SETS, { experimentId: 'e', today: '2026-11-30', ...range });
    expect(steps).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SEARCH x USING COVERING INDEX experiment_exposures_customer_idx/),
        expect.stringMatching(/^SEARCH o USING COVERING INDEX customer_outcomes_customer_idx/),
      ]),
    );
  });
});
