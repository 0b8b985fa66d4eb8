/**
 * Promotions reduce the fee line they target, for the days of that line inside the promotion's
 * window [start date, end date]. A percentage is taken of the prorated fee and an amount is
 * prorated like the fee, each rounded once: mulDiv(fee, bp × days, 10 000 × daysInCycle).
 * A discount never exceeds what is left of the fee it reduces, so a line never goes negative.
 */
import { mulDiv, type Minor } from '../money/money';
import { findPromotion, promotionEndDate } from './catalog';
import { daysInclusive, maxDate, minDate } from './dates';
import type { InvoiceLine, PromotionExplanation, PromotionRef, RecurringFeeExplanation } from './invoice-types';
import { prorate } from './recurring';
import { lineIdOf } from './line-id';
import { taxedLine } from './tax';
import type { BasisPoints, Catalog, Promotion, PromotionGrant } from './types';

function appliesTo(promotion: Promotion, fee: RecurringFeeExplanation): boolean {
  const target = promotion.target;
  if (target.kind === 'option') return fee.item.kind === 'option' && fee.item.id === target.optionId;
  return fee.item.kind === 'plan' && (target.planIds === undefined || target.planIds.includes(fee.item.id));
}

function discountFor(promotion: Promotion, fee: RecurringFeeExplanation, days: number): Minor {
  const discount = promotion.discount;
  return discount.kind === 'percent'
    ? mulDiv(fee.monthlyFee, discount.basisPoints * days, 10_000 * fee.daysInCycle)
    : mulDiv(discount.amount, days, fee.daysInCycle);
}

/** Grants in the order they are applied: oldest first, so an older promotion keeps its full value. */
function orderedGrants(grants: readonly PromotionGrant[]): PromotionGrant[] {
  return grants
    .map((grant, index) => ({ grant, index }))
    .sort((a, b) => (a.grant.startDate === b.grant.startDate ? a.index - b.index : a.grant.startDate < b.grant.startDate ? -1 : 1))
    .map(({ grant }) => grant);
}

/** Promotion lines, each to be placed right after the fee line it reduces (by feeLineId). */
export function promotionLines(catalog: Catalog, grants: readonly PromotionGrant[], feeLines: readonly InvoiceLine[], taxRateBp: BasisPoints): InvoiceLine[] {
  const remaining = new Map<string, Minor>(feeLines.map((l) => [l.id, l.amount]));
  const lines: InvoiceLine[] = [];
  for (const grant of orderedGrants(grants)) {
    const promotion = findPromotion(catalog, grant.promotionId);
    const ref: PromotionRef = {
      id: promotion.id,
      name: promotion.name,
      cycles: promotion.cycles,
      startDate: grant.startDate,
      endDate: promotionEndDate(promotion, grant),
    };
    for (const feeLine of feeLines) {
      const fee = feeLine.explanation;
      if (fee.code !== 'recurring-fee' || !appliesTo(promotion, fee)) continue;
      const from = maxDate(fee.from, ref.startDate);
      const to = minDate(fee.to, ref.endDate);
      if (from > to) continue;
      const days = daysInclusive(from, to);
      const wanted = discountFor(promotion, fee, days);
      const left = remaining.get(feeLine.id) ?? 0;
      const discount = Math.max(0, Math.min(wanted, prorate(fee.monthlyFee, days, fee.daysInCycle), left));
      if (discount === 0) continue;
      remaining.set(feeLine.id, left - discount);
      const explanation: PromotionExplanation = {
        code: 'promotion',
        rule: promotion.discount.kind === 'percent' ? 'percent-of-fee' : 'amount-off',
        promotion: ref,
        discount: promotion.discount,
        item: fee.item,
        feeLineId: feeLine.id,
        from,
        to,
        days,
        daysInCycle: fee.daysInCycle,
        monthlyFee: fee.monthlyFee,
        capped: discount < wanted,
      };
      lines.push(taxedLine(lineIdOf(explanation), catalog.currency, explanation, -discount, true, taxRateBp));
    }
  }
  return lines;
}
