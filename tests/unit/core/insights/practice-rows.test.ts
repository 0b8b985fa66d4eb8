/**
 * The desk counts the practices' risk sets packed into one integer per group (core/insights
 * PackedPracticeRow); unpacked, every field is back, days followed included when negative (a
 * call dated after today) or past 2¹⁵.
 */
import { describe, expect, it } from 'vitest';
import { unpackPracticeRow, type PracticeRiskRow } from '../../../../src/core/insights';

/** The packing of store/practices.ts, written in JS. */
function pack(r: PracticeRiskRow): number {
  const reachCode = { 0: 0, 30: 1, 90: 2, 180: 3 }[r.reach as 0 | 30 | 90 | 180];
  const low = r.mask | (r.highRisk << 8) | (r.newCustomer << 9) | (r.billShock << 10) | (r.notGood << 11) | (r.status << 12) | (reachCode << 13);
  return r.time * 32768 + low;
}

describe('a packed practices row', () => {
  it('unpacks to every field it was packed from', () => {
    const rows: PracticeRiskRow[] = [];
    for (const time of [0, 1, 29, 30, 364, 730, 40_000, -1, -3])
      for (const reach of [0, 30, 90, 180])
        for (const mask of [0, 1, 128, 255])
          for (const flags of [0, 5, 10, 15, 31])
            rows.push({
              agentId: 'u-1',
              disposition: flags % 2 ? null : 'resolved',
              mask,
              highRisk: flags & 1,
              newCustomer: (flags >> 1) & 1,
              billShock: (flags >> 2) & 1,
              notGood: (flags >> 3) & 1,
              status: ((flags >> 4) & 1) as 0 | 1,
              reach,
              time,
              n: 7,
            });
    for (const r of rows) expect(unpackPracticeRow({ agentId: r.agentId, disposition: r.disposition, k: pack(r), n: r.n })).toEqual(r);
  });
});
