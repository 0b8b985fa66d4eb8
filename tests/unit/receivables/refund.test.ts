import { describe, expect, it } from 'vitest';
import { decideRefund, describeRefundRule, DEFAULT_RECEIVABLES_POLICY, refundHeadline } from '../../../src/core/receivables';
import { policyDocumentSchema } from '../../../src/core/policy/schema';
import { SAMPLE_POLICY } from '../../../src/core/policy/sample-policy';

const facts = { creditBalance: 100_000, pendingRefunds: 0, currency: 'EUR' };
const P = DEFAULT_RECEIVABLES_POLICY;

describe('refund of a credit balance: allowed / needs approval / refused', () => {
  it('within the agent limit is allowed', () => {
    expect(decideRefund(P, 'agent', facts, 5_000).outcome).toBe('allowed');
  });
  it('over the agent limit goes to the lowest role whose limit covers it', () => {
    const d = decideRefund(P, 'agent', facts, 20_000);
    expect(d.outcome).toBe('needs_approval');
    expect(d.approverRole).toBe('senior_agent');
    expect(decideRefund(P, 'agent', facts, 50_000).approverRole).toBe('supervisor');
    expect(decideRefund(P, 'supervisor', facts, 50_000).outcome).toBe('allowed');
  });
  it('over every role is refused, and so is more than the credit balance', () => {
    expect(decideRefund(P, 'agent', { ...facts, creditBalance: 10_000_000 }, 300_000).outcome).toBe('refused');
    const d = decideRefund(P, 'supervisor', facts, 100_001);
    expect(d.outcome).toBe('refused');
    expect(d.rules.find((r) => r.rule === 'credit_balance')!.passed).toBe(false);
  });
  it('refuses zero, negative, fractional, huge amounts, and a second refund while one waits', () => {
    for (const bad of [0, -100, 10.5, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Infinity])
      expect(decideRefund(P, 'supervisor', facts, bad).outcome).toBe('refused');
    expect(decideRefund(P, 'agent', { ...facts, pendingRefunds: 1 }, 100).outcome).toBe('refused');
  });
  it('says every rule in both languages, with French typography', () => {
    const d = decideRefund(P, 'agent', facts, 20_000);
    for (const r of d.rules) {
      expect(describeRefundRule(r, 'en', 'EUR')).toMatch(/\.$/);
      expect(describeRefundRule(r, 'fr', 'EUR')).not.toBe(describeRefundRule(r, 'en', 'EUR'));
    }
    expect(describeRefundRule(d.rules.at(-1)!, 'fr', 'EUR')).toContain('\u00a0: validation par un conseiller senior');
    expect(refundHeadline(d, 'en')).toBe('Refund of €200.00 needs approval by a senior agent.');
  });
  it('the policy document may carry its own refund limits (data), validated', () => {
    expect(policyDocumentSchema.safeParse({ ...SAMPLE_POLICY, receivables: { refundMax: { agent: 100, senior_agent: 200, supervisor: 300 } } }).success).toBe(
      true,
    );
    expect(policyDocumentSchema.safeParse({ ...SAMPLE_POLICY, receivables: { refundMax: { agent: -1, senior_agent: 200, supervisor: 300 } } }).success).toBe(
      false,
    );
  });
});
