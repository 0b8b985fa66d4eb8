/** Why two bills differ: causes with signed amounts (minor units, VAT included) and their data. */
import type { CurrencyCode, Minor } from '../money/money';
import type { FeeRef, ItemRef, PromotionRef } from './invoice-types';
import type { BasisPoints, BillingCycle, Id, IsoDate, UsageKind } from './types';

interface CauseBase {
  /** Stable identity of the cause within a comparison (also a UI key). */
  readonly key: string;
  /** What this cause adds to the current bill compared with the previous one, VAT included. */
  readonly amount: Minor;
}

export interface PlanChangeCause extends CauseBase {
  readonly code: 'plan-change';
  readonly fromPlan: string | null;
  readonly toPlan: string | null;
  readonly changedOn: IsoDate | null;
}

export interface PromotionEndedCause extends CauseBase {
  readonly code: 'promotion-ended';
  readonly promotion: PromotionRef;
}

export interface PromotionStartedCause extends CauseBase {
  readonly code: 'promotion-started';
  readonly promotion: PromotionRef;
}

export interface PriceChangeCause extends CauseBase {
  readonly code: 'price-change';
  readonly item: ItemRef;
  readonly previousMonthlyFee: Minor;
  readonly newMonthlyFee: Minor;
  readonly effectiveFrom: IsoDate | null;
}

export interface UsageOverageCause extends CauseBase {
  readonly code: 'usage-overage';
  readonly usage: UsageKind;
  /** Units above the allowance on each bill. */
  readonly previousOver: number;
  readonly currentOver: number;
}

export interface OptionAddedCause extends CauseBase {
  readonly code: 'option-added';
  readonly item: ItemRef;
  readonly from: IsoDate;
}

export interface OptionRemovedCause extends CauseBase {
  readonly code: 'option-removed';
  readonly item: ItemRef;
  /** Last day the option was billed. */
  readonly lastDay: IsoDate;
}

export interface OneOffFeeCause extends CauseBase {
  readonly code: 'one-off-fee';
  readonly fee: FeeRef;
  readonly previousCount: number;
  readonly currentCount: number;
}

export interface LateFeeCause extends CauseBase {
  readonly code: 'late-fee';
  readonly charged: 'now' | 'before';
  /** Due date of the bill paid late (the one behind the current late fee, else the previous one). */
  readonly dueDate: IsoDate;
}

export interface CreditCause extends CauseBase {
  readonly code: 'credit';
  /** Credits given on each bill (positive = money to the customer). */
  readonly previousCredits: Minor;
  readonly currentCredits: Minor;
}

export interface ProrationCause extends CauseBase {
  readonly code: 'proration';
  readonly subject: { readonly kind: 'plan' | 'option' | 'promotion'; readonly name: string };
  readonly previousDays: number;
  readonly previousDaysInCycle: number;
  readonly currentDays: number;
  readonly currentDaysInCycle: number;
}

export interface TaxCause extends CauseBase {
  readonly code: 'tax';
  readonly previousRateBp: BasisPoints;
  readonly currentRateBp: BasisPoints;
}

export type ComparisonCause =
  | PlanChangeCause
  | PromotionEndedCause
  | PromotionStartedCause
  | PriceChangeCause
  | UsageOverageCause
  | OptionAddedCause
  | OptionRemovedCause
  | OneOffFeeCause
  | LateFeeCause
  | CreditCause
  | ProrationCause
  | TaxCause;

export type CauseCode = ComparisonCause['code'];

export interface ComparedInvoice {
  readonly id: Id;
  readonly cycle: BillingCycle;
  readonly total: Minor;
}

export interface InvoiceComparison {
  readonly currency: CurrencyCode;
  readonly previous: ComparedInvoice;
  readonly current: ComparedInvoice;
  /** current.total − previous.total = Σ causes' amounts, exactly. */
  readonly difference: Minor;
  /** Largest absolute impact first; causes that net to zero are left out. */
  readonly causes: readonly ComparisonCause[];
}
