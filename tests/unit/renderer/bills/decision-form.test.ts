import { describe, expect, it } from 'vitest';
import type { DiscountRequestInput } from '../../../../src/core/api';
import { buildDecision, initialDecisionValues } from '../../../../src/renderer/src/features/approvals/decision-form';

const oneOff: DiscountRequestInput = { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: 5000 };
const H = 'f'.repeat(64);
const recurring: DiscountRequestInput = { kind: 'recurring_discount', reason: 'retention_offer', form: 'percent', percentBp: 1500, cycles: 6 };

describe('a supervisor’s decision', () => {
  it('approves as asked when the prefilled fields are left alone', () => {
    const values = initialDecisionValues(oneOff, 'EUR', 'fr');
    expect(values.amount).toBe('50,00');
    expect(buildDecision(values, oneOff, 'EUR', H)).toEqual({
      ok: true,
      payload: { decision: 'approve', shown: { outcome: 'approve', requestHash: H } },
      lowered: false,
    });
  });

  it('approves a lower amount, never a higher one', () => {
    const values = initialDecisionValues(oneOff, 'EUR', 'fr');
    expect(buildDecision({ ...values, amount: '35' }, oneOff, 'EUR', H)).toEqual({
      ok: true,
      payload: { decision: 'approve', amount: 3500, shown: { outcome: 'approve', requestHash: H } },
      lowered: true,
    });
    const higher = buildDecision({ ...values, amount: '60' }, oneOff, 'EUR');
    expect(higher.ok === false && higher.problems.amount).toBe('higherThanAsked');
  });

  it('lowers a recurring percentage and shortens it', () => {
    const values = initialDecisionValues(recurring, 'EUR', 'en');
    expect(values).toMatchObject({ percent: '15', cycles: '6', amount: '' });
    expect(buildDecision({ ...values, percent: '10', cycles: '3', comment: ' ok ' }, recurring, 'EUR', H)).toEqual({
      ok: true,
      payload: { decision: 'approve', percentBp: 1000, cycles: 3, comment: 'ok', shown: { outcome: 'approve', requestHash: H } },
      lowered: true,
    });
  });

  it('refuses only with a comment', () => {
    const values = { ...initialDecisionValues(oneOff, 'EUR', 'fr'), decision: 'refuse' as const };
    const bare = buildDecision(values, oneOff, 'EUR');
    expect(bare.ok === false && bare.problems.comment).toBe('commentRequired');
    expect(buildDecision({ ...values, comment: 'Already compensated' }, oneOff, 'EUR', H)).toEqual({
      ok: true,
      payload: { decision: 'refuse', comment: 'Already compensated', shown: { outcome: 'refuse', requestHash: H } },
      lowered: false,
    });
  });

  it('the outcome sent and the outcome shown come from one snapshot: they always agree', () => {
    for (const decision of ['approve', 'refuse'] as const) {
      const built = buildDecision({ ...initialDecisionValues(oneOff, 'EUR', 'en'), decision, comment: 'because' }, oneOff, 'EUR', H);
      expect(built.ok && built.payload.decision === built.payload.shown.outcome).toBe(true);
    }
  });
});
