/**
 * The engine's inputs: plain JSON data a store can hold as is.
 * Ids are strings, dates are 'YYYY-MM-DD' (UTC calendar days), amounts are integer minor units
 * in the catalog's currency, rates are integer basis points (1% = 100 bp).
 * Catalog prices are NET of VAT: VAT depends on the customer's country and category.
 */
import type { CurrencyCode, Minor } from '../money/money';

export type Id = string;
/** 'YYYY-MM-DD', a UTC calendar day. */
export type IsoDate = string;
/** 1% = 100 bp. */
export type BasisPoints = number;

/** A billing cycle is one calendar month, both ends included. */
export interface BillingCycle {
  readonly start: IsoDate;
  readonly end: IsoDate;
}

// ---------------------------------------------------------------- catalog

export type UsageKind = 'dataMb' | 'voiceMinutes' | 'sms';
export const USAGE_KINDS: readonly UsageKind[] = ['dataMb', 'voiceMinutes', 'sms'];

export type Allowance = number | 'unlimited';
export type Allowances = Readonly<Record<UsageKind, Allowance>>;
/** Price of one unit above the allowance: per MB, per minute, per SMS. */
export type OverageRates = Readonly<Record<UsageKind, Minor>>;

export interface Plan {
  readonly id: Id;
  readonly name: string;
  readonly monthlyFee: Minor;
  readonly allowances: Allowances;
  readonly overageRates: OverageRates;
  /** false for a legacy plan that existing customers keep but nobody can switch to. */
  readonly sellable?: boolean;
}

export interface PlanOption {
  readonly id: Id;
  readonly name: string;
  readonly monthlyFee: Minor;
  /** Added to the plan's allowance (an unlimited allowance stays unlimited). */
  readonly extraAllowances?: Readonly<Partial<Record<UsageKind, number>>>;
}

export type OneOffFeeKind = 'installation' | 'late-payment' | 'paper-bill' | 'sim-card' | 'other';

export interface OneOffFee {
  readonly id: Id;
  readonly kind: OneOffFeeKind;
  readonly name: string;
  readonly amount: Minor;
  /** Late-payment penalties are damages, not a supply: outside the scope of VAT. */
  readonly taxable: boolean;
}

export type PromotionTarget =
  { readonly kind: 'plan'; /** absent: any plan */ readonly planIds?: readonly Id[] } | { readonly kind: 'option'; readonly optionId: Id };

export type PromotionDiscount =
  | { readonly kind: 'percent'; readonly basisPoints: BasisPoints }
  /** A monthly amount off, prorated by day like the fee it reduces. */
  | { readonly kind: 'amount'; readonly amount: Minor };

export interface Promotion {
  readonly id: Id;
  readonly name: string;
  readonly target: PromotionTarget;
  readonly discount: PromotionDiscount;
  /** Runs for this many months from the customer's start date, then ends. */
  readonly cycles: number;
}

export type PriceTarget = { readonly kind: 'plan'; readonly planId: Id } | { readonly kind: 'option'; readonly optionId: Id };

/** From effectiveFrom on, the target's monthly fee is monthlyFee (until a later change). */
export interface PriceChange {
  readonly id: Id;
  readonly target: PriceTarget;
  readonly effectiveFrom: IsoDate;
  readonly monthlyFee: Minor;
}

/**
 * The day an account was told of a catalog price change (a letter, an e-mail to that customer).
 * Per account, because notices go out per customer and some go out late (returned mail, a new
 * address): a billing system keeps each customer's notice, not one date per price change.
 * Why it matters (Code de la consommation, L224-33): a price increase applies to a customer only
 * one month after they were told of it (catalog.ts, noticeAppliesFrom).
 */
export interface PriceNotice {
  readonly priceChangeId: Id;
  readonly notifiedOn: IsoDate;
}

export type CustomerCategory = 'residential' | 'business';

/** A VAT rate for a country; without category it applies to every category of that country. */
export interface TaxRule {
  readonly country: string;
  readonly category?: CustomerCategory;
  readonly rateBp: BasisPoints;
}

export interface Catalog {
  readonly currency: CurrencyCode;
  readonly plans: readonly Plan[];
  readonly options: readonly PlanOption[];
  /** The fee of kind 'late-payment' (at most one) is the late fee charged per payment terms. */
  readonly oneOffFees: readonly OneOffFee[];
  readonly promotions: readonly Promotion[];
  readonly priceChanges: readonly PriceChange[];
  readonly taxRules: readonly TaxRule[];
}

// ---------------------------------------------------------------- account

/**
 * From `from` (included) the customer has this plan and these options, until the next change.
 * planId null is a cancellation: no service, no charge, from that day.
 */
export interface SubscriptionChange {
  readonly from: IsoDate;
  readonly planId: Id | null;
  readonly optionIds: readonly Id[];
}

export interface PromotionGrant {
  readonly promotionId: Id;
  readonly startDate: IsoDate;
}

/** What the customer used in the cycle starting on cycleStart. */
export interface UsageRecord {
  readonly cycleStart: IsoDate;
  readonly dataMb: number;
  readonly voiceMinutes: number;
  readonly sms: number;
}

export interface OneOffCharge {
  readonly id: Id;
  readonly feeId: Id;
  readonly date: IsoDate;
}

export interface Payment {
  readonly id: Id;
  readonly date: IsoDate;
  readonly amount: Minor;
}

export type CreditReason = 'goodwill' | 'service-outage' | 'billing-error' | 'retention' | 'reversal';

/**
 * Money given to the customer (positive) or taken back by a reversing entry (negative).
 * Entries are immutable: a mistake is fixed by another entry with reason 'reversal'.
 * How each kind becomes invoice lines, and what a reversal does, is written down in credits.ts.
 */
export interface LedgerCredit {
  readonly kind: 'credit';
  readonly id: Id;
  readonly date: IsoDate;
  /** A one-off credit: what was given. A recurring discount: its total over all cycles (not billed from). */
  readonly amount: Minor;
  readonly reason: CreditReason;
  readonly reversesId?: Id;
  /** Present on a recurring discount: it is billed from these terms, not from `amount` or `date`. */
  readonly recurring?: RecurringDiscountTerms;
  /** Present when the credit gives back a fee that was charged (the bill says so). */
  readonly waiver?: 'late-fee';
}

/**
 * A discount on exactly `cycles` consecutive invoices, from the cycle `startCycle` ('YYYY-MM').
 * `amountPerCycle` is what each of those invoices is reduced by; a percentage discount is turned
 * into that amount once, when it is granted (percentBp is kept to say "10 % off" on the bill).
 */
export interface RecurringDiscountTerms {
  readonly startCycle: string;
  readonly cycles: number;
  readonly amountPerCycle: Minor;
  readonly percentBp?: BasisPoints;
}

/** A union so that a recurring discount for N cycles can be added as another kind later. */
export type LedgerEntry = LedgerCredit;

export interface AccountBillingContext {
  readonly accountId: Id;
  /** ISO 3166-1 alpha-2, e.g. 'FR'. */
  readonly country: string;
  readonly category: CustomerCategory;
  readonly currency: CurrencyCode;
  /** Days between the invoice date and its due date; at most 28 so the due date falls in the next cycle. */
  readonly paymentTermsDays: number;
  readonly subscription: readonly SubscriptionChange[];
  readonly promotions: readonly PromotionGrant[];
  readonly usage: readonly UsageRecord[];
  readonly oneOffCharges: readonly OneOffCharge[];
  readonly payments: readonly Payment[];
  readonly ledger: readonly LedgerEntry[];
  /**
   * When this account was told of each catalog price change. Absent: notices are not tracked
   * (the catalog's schedule is billed as is: tests of other rules);
   * present, even empty, the notice rule applies: an increase on an item the customer already
   * had is billed only from one month after the notice, and never without one (catalog.ts).
   * The store always passes them.
   */
  readonly priceNotices?: readonly PriceNotice[];
}
