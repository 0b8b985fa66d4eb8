/** Every command type the hub handles, by the name desks give it (main's CommandLog types). */
import { followUpDone, interactionStarted, interactionWrappedUp, noteAdded, verificationAttempted, verificationUnlocked } from './facts';
import { approvalDecided, approvalRequested, creditGranted, creditReversed } from './money';
import { experimentAssigned, experimentExposed } from './experiments';
import { planChanged } from './plans';
import { customerCancelled } from './outcomes';
import { invoiceCopySent } from './documents';
import { refundPaid, refundRequested } from './receivables';
import { disputeOpened, disputeResolved, paymentPlanAgreed, paymentPlanRequested } from './disputes';
import type { CommandHandler } from './push';

export const HUB_HANDLERS: Readonly<Record<string, CommandHandler>> = {
  'interaction.start': interactionStarted,
  'interaction.wrapUp': interactionWrappedUp,
  'notes.add': noteAdded,
  'followUps.done': followUpDone,
  'verification.attempt': verificationAttempted,
  'verification.unlock': verificationUnlocked,
  'credit.grant': creditGranted,
  'credit.reverse': creditReversed,
  'approval.request': approvalRequested,
  'approval.decide': approvalDecided,
  'plan.change': planChanged,
  'invoice.sendCopy': invoiceCopySent,
  'refund.request': refundRequested,
  'refund.pay': refundPaid,
  'dispute.open': disputeOpened,
  'dispute.resolve': disputeResolved,
  'paymentPlan.agree': paymentPlanAgreed,
  'paymentPlan.request': paymentPlanRequested,
  'experiments.assign': experimentAssigned,
  'experiments.expose': experimentExposed,
  'outcome.cancel': customerCancelled,
};
