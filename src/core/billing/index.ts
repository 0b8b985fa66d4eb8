/**
 * The billing engine's public API. Pure and deterministic: the same inputs give the same invoice,
 * on the desktop (offline) and in the hub. The rules (rounding, proration, VAT, allowances,
 * promotions, late fee) are written down at the top of invoice.ts.
 */
export type * from './types';
export { USAGE_KINDS } from './types';
export type * from './invoice-types';
export type * from './comparison-types';
export type { HeldIncrease, NoticeDue, PriceChangeRef } from './catalog';
export { BillingError, type BillingErrorCode } from './errors';

export { documentOf, generateInvoice, generateInvoices } from './invoice';
export { previousInvoiceOf } from './fees';
export { invoiceStanding, leftToPay, type InvoiceStanding, type InvoiceToSettle } from './standing';
export { compareInvoices } from './compare';
export {
  quotePlanChange,
  changeEffectiveDate,
  YEAR_MONTHS,
  type PlanChangeRequest,
  type PlanChangeQuote,
  type PlanChangeQuoteOptions,
  type QuoteYear,
} from './quote';
export { assumeUsage, assumedRecord, type UsageAmounts, type UsageAssumption, type UsageAssumptionOptions } from './usage-assumption';
export { rankPlans, rankedFromQuote, lastCompleteCycle, type RankPlansOptions, type RankedPlan, type PlanRanking } from './rank';
export { applySubscriptionChange, stateOn, type SubscriptionState } from './subscription';
export { ledgerFromStore, billingReasonOf, type StoredLedgerRow } from './credits';

export { explainDocument, explainLine } from './explain-line';
export { causeClause, explainCause, summariseComparison } from './explain-comparison';
export {
  checkInvoice,
  fairnessCauses,
  type FairnessCause,
  type FairnessCauseCode,
  type FairnessCheck,
  type FairnessDifference,
  type FairnessFacts,
  type RecordedChange,
} from './fairness';
export { explainDifference, explainSettled, summariseFairness } from './explain-fairness';

export { prorate } from './recurring';
export { noticeAppliesFrom, noticesDue, priceOn, taxRateFor, promotionEndDate } from './catalog';
export { cycleOf, cycleContaining, monthCycle, nextCycle, previousCycle, daysInCycle, isIsoDate } from './dates';
export { validateCatalog, validateAccount } from './validate';

export { SAMPLE_CATALOG } from './sample-catalog';

export { buildInvoiceDocument, longDate, vatByRate, InvoiceDocumentError } from './invoice-document';
export type {
  InvoiceDocument,
  DocumentInvoiceInput,
  DocumentCustomerInput,
  DocumentLineInput,
  DocumentLine,
  DocumentVatRow,
  DocumentMentionCode,
  LabelledValue,
} from './invoice-document';
export {
  frenchVatKey,
  frenchVatNumber,
  parseSeller,
  RECOVERY_INDEMNITY_EUR_MINOR,
  SELLER_SETTING_KEY,
  sellerSchema,
  SellerError,
  sirenValid,
  type Seller,
} from './seller';
