/** The policy's words, shared by the policy document and the experiments it declares. */
/** Why the credit is given. Each reason has its own rules because each has its own risk. */
export const REASON_CODES = ['billing_error', 'goodwill', 'service_outage', 'retention_offer', 'late_fee_waiver'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** What is given: money off once, money off for several bills, or a fee that is not charged. */
export const CREDIT_KINDS = ['one_off_credit', 'recurring_discount', 'fee_waiver'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

/** Where a one-off credit lands: on the invoice the caller is looking at, or on the account balance. */
export const CREDIT_TARGETS = ['invoice', 'account'] as const;
export type CreditTarget = (typeof CREDIT_TARGETS)[number];

/** A recurring discount is a fixed amount or a percentage of the monthly bill, per cycle. */
export const DISCOUNT_FORMS = ['amount', 'percent'] as const;
export type DiscountForm = (typeof DISCOUNT_FORMS)[number];

/** Account standing, from best to worst. */
export const STANDINGS = ['good', 'late', 'collections'] as const;
export type Standing = (typeof STANDINGS)[number];

/** Churn-risk tier from the retention model, lowest first (order matters: "at least medium"). */
export const CHURN_RISKS = ['low', 'medium', 'high'] as const;
export type ChurnRisk = (typeof CHURN_RISKS)[number];
