/**
 * Rows as columns (core/insights/columns.ts): what crosses from a store worker. The tables the
 * figures are picked from are the same whether built from rows or from their columns, and parts
 * put one after another are the rows of all of them.
 */
import { describe, expect, it } from 'vitest';
import {
  ALL_ENROLMENTS,
  callTable,
  columnsOf,
  concatColumns,
  DAY_REVENUE_FIELDS,
  experimentTable,
  FOLLOWED_CALL_FIELDS,
  PACKED_EXPERIMENT_FIELDS,
  pickExperimentRows,
  pickRevenueRows,
  revenueTable,
  type DayRevenueRow,
  type FollowedCall,
  type PackedExperimentRow,
} from '../../../../src/core/insights';

const calls: FollowedCall[] = [
  { agentId: 'u-b', disposition: null, day: 20_400, previousDay: null, cancelledDay: 20_410, segment: 3 },
  { agentId: 'u-a', disposition: 'resolved', day: 20_401, previousDay: 20_300, cancelledDay: null, segment: 256 },
  { agentId: 'u-a', disposition: null, day: 20_402, previousDay: null, cancelledDay: null, segment: 0 },
];

describe('rows as columns', () => {
  it('keeps each field in row order, and the size', () => {
    const c = columnsOf(calls, FOLLOWED_CALL_FIELDS);
    expect(c.size).toBe(3);
    expect(c.of.agentId).toEqual(['u-b', 'u-a', 'u-a']);
    expect(c.of.previousDay).toEqual([null, 20_300, null]);
  });

  it('puts parts one after another, an empty part included', () => {
    const parts = [columnsOf(calls.slice(0, 1), FOLLOWED_CALL_FIELDS), columnsOf([], FOLLOWED_CALL_FIELDS), columnsOf(calls.slice(1), FOLLOWED_CALL_FIELDS)];
    expect(concatColumns(parts, FOLLOWED_CALL_FIELDS)).toEqual(columnsOf(calls, FOLLOWED_CALL_FIELDS));
    expect(concatColumns([], FOLLOWED_CALL_FIELDS)).toEqual(columnsOf([], FOLLOWED_CALL_FIELDS));
  });

  it('builds the same tables from columns as from rows', () => {
    expect(callTable(columnsOf(calls, FOLLOWED_CALL_FIELDS))).toEqual(callTable(calls));
    const packed: PackedExperimentRow[] = [
      { agentId: 'u-a', day: '2026-02-01', k: 5, n: 2 },
      { agentId: null, day: '2026-02-03', k: 5, n: 1 },
      { agentId: 'u-a', day: '2026-02-01', k: 2, n: 4 },
    ];
    const fromColumns = experimentTable(columnsOf(packed, PACKED_EXPERIMENT_FIELDS));
    expect(fromColumns).toEqual(experimentTable(packed));
    expect(pickExperimentRows(fromColumns, ALL_ENROLMENTS).map((r) => r.n)).toEqual([4, 3]);
    const revenue: DayRevenueRow[] = [{ arm: 'offer', agentId: 'u-a', day: '2026-02-01', n: 2, paid: 10, cost: 4, net: 6, netSquares: '20' }];
    expect(pickRevenueRows(revenueTable(columnsOf(revenue, DAY_REVENUE_FIELDS)), ALL_ENROLMENTS)).toEqual([
      { arm: 'offer', n: 2, paid: 10, cost: 4, net: 6, netSquares: '20' },
    ]);
  });
});
