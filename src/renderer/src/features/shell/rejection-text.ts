/**
 * What the agent reads when the hub rejected one of their commands (sync.rejected): a title that
 * names what was refused, and a body that says what the desk took back — a credit off the bill, a
 * dispute no longer held or open again, a payment plan gone — or that nothing had to be.
 */
import type { ApiEvents } from '../../../../core/api/events';
import type { MessageKey } from '../../../../core/i18n';

type Rejection = ApiEvents['sync.rejected'];

const TITLES: Readonly<Record<string, MessageKey>> = {
  'credit.grant': 'sync.command.credit',
  'credit.reverse': 'sync.command.reversal',
  'approval.request': 'sync.command.approval',
  'approval.decide': 'sync.command.approval',
  'plan.change': 'sync.command.plan',
  'dispute.open': 'sync.command.dispute',
  'dispute.resolve': 'sync.command.disputeResolve',
  'paymentPlan.agree': 'sync.command.paymentPlan',
};

export function rejectionText(r: Rejection): { title: MessageKey; body: MessageKey } {
  const title = TITLES[r.type] ?? 'sync.command.other';
  if (r.withdrawnPaymentPlanIds.length > 0) return { title, body: 'sync.rejectedPaymentPlan' };
  if (r.withdrawnDisputeIds.length > 0) return { title, body: r.type === 'dispute.resolve' ? 'sync.rejectedDisputeResolve' : 'sync.rejectedDispute' };
  if (r.withdrawnLedgerEntryIds.length > 0) return { title, body: 'sync.rejectedWithdrawn' };
  return { title, body: 'sync.rejectedBody' };
}
