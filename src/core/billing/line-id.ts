/**
 * A line's id, made from its explanation — the one rule for it. The engine names each line it
 * makes with this, and a stored invoice read back gets the same ids from its stored
 * explanations, so an issued line and a recomputed one can be matched (comparisons, the
 * fairness check) without a second copy of the rule to drift.
 */
import type { RecurringCreditExplanation } from './credits';
import { addMonths } from './dates';
import type { LineExplanation } from './invoice-types';

export function lineIdOf(e: LineExplanation): string {
  switch (e.code) {
    case 'recurring-fee':
      return `${e.item.kind}:${e.item.id}:${e.from}`;
    case 'promotion':
      return `promotion:${e.promotion.id}:${e.promotion.startDate}:${e.feeLineId}`;
    case 'overage':
      return e.share ? `overage:${e.usage}:${e.share.from}` : `overage:${e.usage}`;
    case 'one-off-fee':
      return `one-off:${e.chargeId}`;
    case 'late-fee':
      return `late-fee:${e.previousInvoiceId}`;
    case 'credit': {
      // A recurring discount has one line per cycle it runs: the cycle's month tells them apart.
      const recurring = (e as Partial<RecurringCreditExplanation>).recurring;
      return recurring ? `credit:${e.entryId}:${addMonths(recurring.startCycle, recurring.index - 1)}` : `credit:${e.entryId}`;
    }
  }
}
