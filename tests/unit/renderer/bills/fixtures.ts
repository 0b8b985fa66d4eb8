/** Small builders of contract values for the bills/credit/approvals store tests. */
import type { ApprovalSummary, DecisionView, PolicyCurrent } from '../../../../src/core/api';

export const INTERACTION = '0190c3a0-0000-7000-8000-0000000000aa';

export function policy(over: Partial<PolicyCurrent> = {}): PolicyCurrent {
  const limits = { perActionMax: 2500, perActionMaxPercentOfInvoice: 5000, perDayMax: 20000 };
  return {
    version: 1,
    effectiveFrom: '2026-01-01',
    currency: 'EUR',
    role: 'agent',
    reasons: [
      {
        reason: 'goodwill',
        label: 'Goodwill gesture',
        kinds: { one_off_credit: { targets: ['invoice', 'account'] }, recurring_discount: { forms: ['amount', 'percent'], maxCycles: 6, maxPercentBp: 2000 } },
        needs: null,
        limits,
      },
    ],
    limits,
    grantedToday: 0,
    remainingToday: 20000,
    today: '2026-11-15',
    ...over,
  };
}

export function decision(outcome: DecisionView['outcome'], effectiveAmount: number, over: Partial<DecisionView> = {}): DecisionView {
  return {
    outcome,
    ...(outcome === 'needs_approval' ? { approverRole: 'supervisor' as const } : {}),
    headline: `${outcome} ${effectiveAmount}`,
    rules: [{ rule: 'per_action_max', family: 'limit', passed: outcome === 'allowed', text: 'Limit per credit' }] as unknown as DecisionView['rules'],
    maxAllowedNow: 2500,
    effectiveAmount,
    reason: 'goodwill',
    kind: 'one_off_credit',
    currency: 'EUR',
    policyVersion: 1,
    ...over,
  };
}

export function approval(n: number, requestedAt: string, over: Partial<ApprovalSummary> = {}): ApprovalSummary {
  const amount = 5000 + n;
  return {
    approvalId: `0190c3a0-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
    status: 'pending',
    interactionId: INTERACTION,
    customerId: '0190c3a0-0000-7000-8000-000000000c01',
    customerName: `Customer ${n}`,
    accountNumber: `AR-0000${n}`,
    requestedBy: { id: 'agent', name: 'Sam Taylor' },
    requestedAt,
    request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount },
    amount,
    currency: 'EUR',
    reason: 'goodwill',
    reasonLabel: 'Goodwill gesture',
    kind: 'one_off_credit',
    approverRole: 'supervisor',
    explanation: decision('needs_approval', amount),
    requestHash: String(n % 10).repeat(64),
    ...over,
  };
}
