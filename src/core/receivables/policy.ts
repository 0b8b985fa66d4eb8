/**
 * What the policy document says about receivables, as data (PolicyDocument.receivables; a
 * document published before receivables existed gets DEFAULT_RECEIVABLES_POLICY):
 *   refundMax    the largest refund of a credit balance each role may send alone; above the
 *                agent's → an approval by the lowest role whose limit covers it; above every
 *                role's → refused (billing operations, not a phone call).
 *   paymentPlans the limits of a payment plan (payment-plans.ts); a document without them gets
 *                DEFAULT_PAYMENT_PLAN_POLICY.
 */
import { z } from 'zod';
import { DEFAULT_PAYMENT_PLAN_POLICY, paymentPlanPolicySchema, type PaymentPlanPolicy } from './payment-plans';

const minor = z.number().int().min(0).max(100_000_000);

export const receivablesPolicySchema = z.strictObject({
  refundMax: z.strictObject({ agent: minor, senior_agent: minor, supervisor: minor }),
  paymentPlans: paymentPlanPolicySchema.optional(),
});
export type ReceivablesPolicy = z.infer<typeof receivablesPolicySchema>;

/** €50 alone for an agent, €300 for a senior agent, €2,000 for a supervisor. */
export const DEFAULT_RECEIVABLES_POLICY: ReceivablesPolicy = {
  refundMax: { agent: 5_000, senior_agent: 30_000, supervisor: 200_000 },
};

export function receivablesPolicyOf(doc: { readonly receivables?: ReceivablesPolicy | undefined }): ReceivablesPolicy {
  return doc.receivables ?? DEFAULT_RECEIVABLES_POLICY;
}

export function paymentPlanPolicyOf(doc: { readonly receivables?: ReceivablesPolicy | undefined }): PaymentPlanPolicy {
  return doc.receivables?.paymentPlans ?? DEFAULT_PAYMENT_PLAN_POLICY;
}
