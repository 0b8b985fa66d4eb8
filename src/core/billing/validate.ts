/** Refuses bad input with a typed error before anything is computed: nothing half-billed. */
import { isMinor, minorDigits } from '../money/money';
import { findFee, findOption, findPlan, findPromotion } from './catalog';
import { assertIsoDate, cycleContaining } from './dates';
import { BillingError } from './errors';
import { USAGE_KINDS, type AccountBillingContext, type Catalog } from './types';

function invalid(message: string, field: string): never {
  throw new BillingError('invalid-input', message, { field });
}

function amount(value: unknown, field: string, { allowNegative = false } = {}): void {
  if (!isMinor(value) || (!allowNegative && value < 0)) {
    throw new BillingError('invalid-amount', `${field} must be an integer number of minor units, got ${String(value)}`, { field });
  }
}

function count(value: unknown, field: string, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > max) {
    invalid(`${field} must be an integer from 0 to ${max}, got ${String(value)}`, field);
  }
}

function uniqueIds(items: readonly { id: string }[], field: string): void {
  const seen = new Set<string>();
  for (const { id } of items) {
    if (typeof id !== 'string' || id === '') invalid(`${field} has an empty id`, field);
    if (seen.has(id)) invalid(`${field} has the id ${id} twice`, field);
    seen.add(id);
  }
}

export function validateCatalog(catalog: Catalog): void {
  try {
    minorDigits(catalog.currency);
  } catch {
    invalid(`unsupported currency ${String(catalog.currency)}`, 'catalog.currency');
  }
  uniqueIds(catalog.plans, 'catalog.plans');
  uniqueIds(catalog.options, 'catalog.options');
  uniqueIds(catalog.oneOffFees, 'catalog.oneOffFees');
  uniqueIds(catalog.promotions, 'catalog.promotions');
  uniqueIds(catalog.priceChanges, 'catalog.priceChanges');
  for (const plan of catalog.plans) {
    amount(plan.monthlyFee, `plan ${plan.id} monthlyFee`);
    for (const kind of USAGE_KINDS) {
      const allowance = plan.allowances[kind];
      if (allowance !== 'unlimited') count(allowance, `plan ${plan.id} allowance ${kind}`);
      amount(plan.overageRates[kind], `plan ${plan.id} overage rate ${kind}`);
    }
  }
  for (const option of catalog.options) {
    amount(option.monthlyFee, `option ${option.id} monthlyFee`);
    for (const kind of USAGE_KINDS) {
      const extra = option.extraAllowances?.[kind];
      if (extra !== undefined) count(extra, `option ${option.id} extra allowance ${kind}`);
    }
  }
  for (const fee of catalog.oneOffFees) amount(fee.amount, `fee ${fee.id} amount`);
  if (catalog.oneOffFees.filter((f) => f.kind === 'late-payment').length > 1) {
    invalid('the catalog may have only one late-payment fee', 'catalog.oneOffFees');
  }
  for (const promotion of catalog.promotions) {
    count(promotion.cycles, `promotion ${promotion.id} cycles`);
    if (promotion.cycles < 1) invalid(`promotion ${promotion.id} must run at least one cycle`, 'promotion.cycles');
    const discount = promotion.discount;
    if (discount.kind === 'percent') count(discount.basisPoints, `promotion ${promotion.id} basisPoints`, 10_000);
    else amount(discount.amount, `promotion ${promotion.id} amount`);
    const target = promotion.target;
    if (target.kind === 'option') findOption(catalog, target.optionId);
    else for (const planId of target.planIds ?? []) findPlan(catalog, planId);
  }
  for (const change of catalog.priceChanges) {
    assertIsoDate(change.effectiveFrom);
    amount(change.monthlyFee, `price change ${change.id} monthlyFee`);
    if (change.target.kind === 'plan') findPlan(catalog, change.target.planId);
    else findOption(catalog, change.target.optionId);
  }
  for (const rule of catalog.taxRules) count(rule.rateBp, `VAT rate of ${rule.country}`, 10_000);
}

export function validateAccount(catalog: Catalog, account: AccountBillingContext): void {
  if (typeof account.accountId !== 'string' || account.accountId === '') invalid('accountId is required', 'accountId');
  if (account.currency !== catalog.currency) {
    throw new BillingError('currency-mismatch', `account in ${account.currency}, catalog in ${catalog.currency}`, {
      account: account.currency,
      catalog: catalog.currency,
    });
  }
  if (account.category !== 'residential' && account.category !== 'business') invalid('unknown customer category', 'category');
  // Due date must fall in the next cycle, where the late fee is judged.
  count(account.paymentTermsDays, 'paymentTermsDays', 28);
  for (const change of account.subscription) {
    assertIsoDate(change.from);
    if (change.planId !== null) findPlan(catalog, change.planId);
    for (const optionId of change.optionIds) findOption(catalog, optionId);
  }
  const grants = new Set<string>();
  for (const grant of account.promotions) {
    findPromotion(catalog, grant.promotionId);
    assertIsoDate(grant.startDate);
    const key = `${grant.promotionId}@${grant.startDate}`;
    if (grants.has(key)) invalid(`promotion ${key} granted twice`, 'promotions');
    grants.add(key);
  }
  const cycles = new Set<string>();
  for (const record of account.usage) {
    if (cycleContaining(record.cycleStart).start !== record.cycleStart) invalid('usage cycleStart must be a 1st of month', 'usage');
    if (cycles.has(record.cycleStart)) invalid(`usage of ${record.cycleStart} recorded twice`, 'usage');
    cycles.add(record.cycleStart);
    for (const kind of USAGE_KINDS) count(record[kind], `usage ${kind} of ${record.cycleStart}`);
  }
  uniqueIds(account.oneOffCharges, 'oneOffCharges');
  for (const charge of account.oneOffCharges) {
    findFee(catalog, charge.feeId);
    assertIsoDate(charge.date);
  }
  uniqueIds(account.payments, 'payments');
  for (const payment of account.payments) {
    assertIsoDate(payment.date);
    amount(payment.amount, `payment ${payment.id}`, { allowNegative: true });
  }
  uniqueIds(account.ledger, 'ledger');
  for (const entry of account.ledger) {
    if (entry.kind !== 'credit') invalid(`unknown ledger entry kind ${String(entry.kind)}`, 'ledger');
    assertIsoDate(entry.date);
    amount(entry.amount, `ledger entry ${entry.id}`, { allowNegative: true });
  }
  // A notice of a price change the catalog no longer has is kept and ignored.
  for (const notice of account.priceNotices ?? []) assertIsoDate(notice.notifiedOn);
}
