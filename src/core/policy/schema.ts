/**
 * The discount and credit policy as data: a versioned document the hub publishes and every
 * desktop holds a copy of, so an agent gets the same answer offline as the hub will give when it
 * re-checks the command. The zod schema below is the only door in: a document that does not pass
 * it is never used for a decision (an old desktop refuses a newer document it does not fully
 * understand rather than half-applying it — unknown keys are errors, not ignored).
 *
 * Money is integer minor units of `currency`; rates are basis points (10000 = 100 %), so the one
 * rounding rule of ../money/money.ts applies whenever a rate meets an amount.
 */
import { z } from 'zod';
import { receivablesPolicySchema } from '../receivables/policy';
import { ROLES, roleRank, type Role } from '../api/roles';
import { minorDigits, type CurrencyCode, type Minor } from '../money/money';
import { isCalendarDay } from '../calendar';

export { ROLES, type Role };

export * from './vocabulary';
import { CHURN_RISKS, CREDIT_KINDS, CREDIT_TARGETS, DISCOUNT_FORMS, REASON_CODES, STANDINGS, type ReasonCode } from './vocabulary';
import { experimentSchema, DISCRETIONARY_REASONS } from '../experiments/declaration';

export type BasisPoints = number;
/** A calendar day, 'YYYY-MM-DD' (UTC). */
export type IsoDay = string;

// ---------------------------------------------------------------------------------------------
// Building blocks

const MAX_MINOR = Number.MAX_SAFE_INTEGER;
const minor = z.number().int('must be a whole number of minor units').min(0, 'must not be negative').max(MAX_MINOR);
const positiveMinor = z.number().int('must be a whole number of minor units').min(1, 'must be more than zero').max(MAX_MINOR);
const basisPoints = z.number().int('must be whole basis points').min(0, 'must not be negative').max(10_000, 'must be at most 10000 basis points (100 %)');
const count = z.number().int('must be a whole number').min(0, 'must not be negative').max(1_000_000);

/** A real calendar day: 2026-02-30 is refused, not rolled over to March. */
export function isIsoDay(value: string): boolean {
  return isCalendarDay(value);
}

const isoDay = z.string().refine(isIsoDay, 'must be a calendar day written YYYY-MM-DD');
/** A day or a UTC instant: history rows and "now" may carry the time; only the day is used. */
const isoDayOrInstant = z
  .string()
  .refine(
    (s) => isIsoDay(s.slice(0, 10)) && (s.length === 10 || /^T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]00:?00)$/.test(s.slice(10))),
    'must be YYYY-MM-DD or a UTC instant YYYY-MM-DDTHH:MM:SSZ',
  );

const currency = z.string().refine((c) => {
  try {
    minorDigits(c);
    return true;
  } catch {
    return false;
  }
}, 'is not a currency Ardoise bills in');

// ---------------------------------------------------------------------------------------------
// The document

/** What one role may grant on its own, without asking anyone. */
export const roleLimitsSchema = z.strictObject({
  /** The most one credit or discount may be worth (recurring: its total over all cycles). */
  perActionMax: minor,
  /** The most one credit may be as a share of the bill it is measured against (see decide.ts). */
  perActionMaxPercentOfInvoice: basisPoints,
  /** The most this person may grant in one working day, all customers and reasons together. */
  perDayMax: minor,
});
export type RoleLimits = z.infer<typeof roleLimitsSchema>;

/** A reason may tighten (or, for per-action limits, raise) any role's limits for that reason only. */
const roleLimitsOverrideSchema = roleLimitsSchema.partial();
export type RoleLimitsOverride = z.infer<typeof roleLimitsOverrideSchema>;

/** How many credits, and how much, a customer may receive over the rolling 12 months. */
export const rollingCapSchema = z.strictObject({ maxCount: count, maxAmount: minor });
export type RollingCap = z.infer<typeof rollingCapSchema>;

export const kindRulesSchema = z.strictObject({
  one_off_credit: z.strictObject({ targets: z.array(z.enum(CREDIT_TARGETS)).min(1).readonly() }).optional(),
  recurring_discount: z
    .strictObject({
      forms: z.array(z.enum(DISCOUNT_FORMS)).min(1).readonly(),
      /** The longest a recurring discount may run, in billing cycles. */
      maxCycles: z.number().int().min(1).max(36),
      /** The deepest discount per cycle, as a share of the monthly bill, whoever grants it. */
      maxPercentBp: basisPoints,
    })
    .optional(),
  /** Only the late-payment fee can be waived by an agent today. */
  fee_waiver: z
    .strictObject({
      fees: z
        .array(z.enum(['late_fee']))
        .min(1)
        .readonly(),
    })
    .optional(),
});
export type KindRules = z.infer<typeof kindRulesSchema>;

export const eligibilitySchema = z.strictObject({
  /** Accounts under fraud review get no credit from the phone: the fraud team handles them. */
  noFraudFlag: z.boolean(),
  minTenureMonths: count,
  /** The standings in which this reason may be used at all. */
  standings: z.array(z.enum(STANDINGS)).min(1).readonly(),
  /** Retention money goes to customers the model thinks may leave, not to anyone who asks. */
  churnRiskAtLeast: z.enum(CHURN_RISKS).optional(),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

/**
 * What the facts must show for the amount to be justified, and the most they justify:
 * - disputed_amount: a billing-error correction gives back at most the documented error;
 * - outage_pro_rata: outage compensation is the monthly bill × outage days / monthDays;
 * - late_fee: a waiver gives back at most the late fee actually charged.
 */
export const basisSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('disputed_amount') }),
  z.strictObject({ kind: z.literal('outage_pro_rata'), minDays: z.number().int().min(1).max(31), monthDays: z.number().int().min(28).max(31) }),
  z.strictObject({ kind: z.literal('late_fee') }),
]);
export type Basis = z.infer<typeof basisSchema>;

export const reasonRulesSchema = z.strictObject({
  kinds: kindRulesSchema,
  eligibility: eligibilitySchema,
  basis: basisSchema.optional(),
  /** Caps for this reason alone, per customer over the rolling 12 months, across all agents. */
  caps: z.strictObject({ rolling12Months: rollingCapSchema }).optional(),
  /** Whether credits for this reason use up the customer's overall cap (see sample-policy.ts). */
  countsTowardCustomerCap: z.boolean(),
  roleLimits: z.partialRecord(z.enum(ROLES), roleLimitsOverrideSchema).optional(),
});
export type ReasonRules = z.infer<typeof reasonRulesSchema>;

export const policyDocumentSchema = z
  .strictObject({
    /** Increases by one with every published change; decisions and receipts quote it. */
    version: z.number().int().min(1),
    /** The first day (UTC) this version applies; before it, no decision is made with it. */
    effectiveFrom: isoDay,
    currency,
    reasons: z.record(z.enum(REASON_CODES), reasonRulesSchema),
    roleLimits: z.record(z.enum(ROLES), roleLimitsSchema),
    customerCaps: z.strictObject({ rolling12Months: rollingCapSchema }),
    /** Randomised holdouts (../experiments). Absent in documents published before experiments existed. */
    experiments: z.array(experimentSchema).max(20).readonly().optional(),
    /** Refund limits per role (../receivables/policy.ts). Absent in documents published before receivables existed: the defaults apply. */
    receivables: receivablesPolicySchema.optional(),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    (doc.experiments ?? []).forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: ['experiments', i, 'id'], message: 'is used by another experiment' });
      seen.add(e.id);
      if (!(DISCRETIONARY_REASONS as readonly string[]).includes(e.reason))
        ctx.addIssue({ code: 'custom', path: ['experiments', i, 'reason'], message: 'only a discretionary offer may be held out' });
    });
    for (const reason of REASON_CODES) {
      const rules = doc.reasons[reason];
      if (!rules.kinds.one_off_credit && !rules.kinds.recurring_discount && !rules.kinds.fee_waiver) {
        ctx.addIssue({ code: 'custom', path: ['reasons', reason, 'kinds'], message: 'must allow at least one kind of credit' });
      }
      // One daily budget per person: a reason may lower it, never raise it, or "no agent's day
      // goes over their daily limit" would depend on which reasons they used.
      for (const role of ROLES) {
        const over = rules.roleLimits?.[role]?.perDayMax;
        if (over !== undefined && over > doc.roleLimits[role].perDayMax) {
          ctx.addIssue({ code: 'custom', path: ['reasons', reason, 'roleLimits', role, 'perDayMax'], message: 'may tighten the daily limit, not raise it' });
        }
      }
      // Authority grows with rank, for every reason: otherwise "the lowest role that can
      // approve" would not be well defined and an approval could be refused by a senior.
      for (let r = 1; r < ROLES.length; r++) {
        const lower = effectiveLimits(doc, reason, ROLES[r - 1]!);
        const higher = effectiveLimits(doc, reason, ROLES[r]!);
        for (const key of ['perActionMax', 'perActionMaxPercentOfInvoice', 'perDayMax'] as const) {
          if (higher[key] < lower[key]) {
            ctx.addIssue({ code: 'custom', path: ['reasons', reason, 'roleLimits', ROLES[r]!, key], message: `must be at least the ${ROLES[r - 1]} limit` });
          }
        }
      }
    }
  });

export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

/** A role's limits for one reason: the reason's override where it has one, else the role's. */
export function effectiveLimits(doc: Pick<PolicyDocument, 'reasons' | 'roleLimits'>, reason: ReasonCode, role: Role): RoleLimits {
  const base = doc.roleLimits[role];
  const over = doc.reasons[reason].roleLimits?.[role];
  return {
    perActionMax: over?.perActionMax ?? base.perActionMax,
    perActionMaxPercentOfInvoice: over?.perActionMaxPercentOfInvoice ?? base.perActionMaxPercentOfInvoice,
    perDayMax: over?.perDayMax ?? base.perDayMax,
  };
}

// ---------------------------------------------------------------------------------------------
// The inputs of a decision

export const actorSchema = z.strictObject({ userId: z.string().min(1), role: z.enum(ROLES) });
export type Actor = z.infer<typeof actorSchema>;

/** One credit the customer already received, from any agent (the hub's ledger, synced down). */
export const priorCreditSchema = z.strictObject({
  at: isoDayOrInstant,
  /** Its total value (a recurring discount: all its cycles). */
  amount: minor,
  reason: z.enum(REASON_CODES),
  kind: z.enum(CREDIT_KINDS),
});
export type PriorCredit = z.infer<typeof priorCreditSchema>;

export const customerFactsSchema = z.strictObject({
  customerId: z.string().min(1),
  /** The currency the account is billed in: a policy only decides amounts in its own currency. */
  accountCurrency: z.string().regex(/^[A-Z]{3}$/),
  tenureMonths: count,
  standing: z.enum(STANDINGS),
  fraudFlag: z.boolean(),
  churnRisk: z.enum(CHURN_RISKS),
  /** The invoice the credit is on (or the one a fee waiver is on). */
  invoiceTotal: minor,
  /** The customer's usual monthly bill: the base of recurring discounts and account credits. */
  monthlyBill: minor,
  /** A billing error the agent has documented (what was charged wrongly). */
  disputedAmount: minor.optional(),
  /** The late-payment fee charged on the invoice, if any. */
  lateFeeAmount: minor.optional(),
  /** Whole days of service outage confirmed by the network team for this customer. */
  outageDays: count.optional(),
  /** Credits of the last 12 months for this customer, all agents, not reversed. Older rows are ignored. */
  history: z.array(priorCreditSchema).max(10_000).readonly(),
  /** What this actor has already granted today, all customers and reasons together. */
  actorGrantedToday: minor,
});
export type CustomerFacts = z.infer<typeof customerFactsSchema>;

const reasonField = z.enum(REASON_CODES);
const cycles = z.number().int().min(1).max(120);
export const discountRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('one_off_credit'), reason: reasonField, target: z.enum(CREDIT_TARGETS), amount: positiveMinor }),
  z.discriminatedUnion('form', [
    z.strictObject({ kind: z.literal('recurring_discount'), reason: reasonField, form: z.literal('amount'), amountPerCycle: positiveMinor, cycles }),
    z.strictObject({
      kind: z.literal('recurring_discount'),
      reason: reasonField,
      form: z.literal('percent'),
      percentBp: basisPoints.min(1, 'must be more than zero'),
      cycles,
    }),
  ]),
  z.strictObject({ kind: z.literal('fee_waiver'), reason: reasonField, fee: z.literal('late_fee'), amount: positiveMinor }),
]);
export type DiscountRequest = z.infer<typeof discountRequestSchema>;
export type OneOffCreditRequest = Extract<DiscountRequest, { kind: 'one_off_credit' }>;
export type RecurringDiscountRequest = Extract<DiscountRequest, { kind: 'recurring_discount' }>;
export type FeeWaiverRequest = Extract<DiscountRequest, { kind: 'fee_waiver' }>;

export const nowSchema = isoDayOrInstant;

// ---------------------------------------------------------------------------------------------
// Typed errors

export type PolicyErrorCode = 'invalid-policy' | 'invalid-request' | 'invalid-facts' | 'invalid-actor' | 'invalid-date';

export interface PolicyIssue {
  /** Dotted path into the input, e.g. "roleLimits.agent.perActionMax". */
  readonly path: string;
  readonly message: string;
}

/** Bad input, said plainly. The code is stable data; the message is for logs. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  constructor(
    readonly code: PolicyErrorCode,
    readonly issues: readonly PolicyIssue[],
  ) {
    super(`${code}: ${issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ')}`);
  }

  /** Key of the translated message the UI shows, e.g. "policy.error.invalid-policy". */
  get messageKey(): string {
    return `policy.error.${this.code}`;
  }
}

function toIssues(error: z.ZodError): PolicyIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

function parseWith<S extends z.ZodType>(schema: S, code: PolicyErrorCode, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new PolicyError(code, toIssues(result.error));
  return result.data;
}

/** Validates a policy document (from the store or the hub). Throws PolicyError('invalid-policy'). */
export function parsePolicy(input: unknown): PolicyDocument {
  return parseWith(policyDocumentSchema, 'invalid-policy', input);
}

export type PolicyParseResult = { readonly ok: true; readonly policy: PolicyDocument } | { readonly ok: false; readonly error: PolicyError };

export function safeParsePolicy(input: unknown): PolicyParseResult {
  try {
    return { ok: true, policy: parsePolicy(input) };
  } catch (error) {
    if (error instanceof PolicyError) return { ok: false, error };
    throw error;
  }
}

export function parseDiscountRequest(input: unknown): DiscountRequest {
  return parseWith(discountRequestSchema, 'invalid-request', input);
}

export function parseCustomerFacts(input: unknown): CustomerFacts {
  return parseWith(customerFactsSchema, 'invalid-facts', input);
}

export function parseActor(input: unknown): Actor {
  return parseWith(actorSchema, 'invalid-actor', input);
}

/** Role order re-exported for callers that compare approver roles. */
export { roleRank };
export type { CurrencyCode, Minor };
