/**
 * The verification policy, as data: which questions the caller may be asked, how many must be
 * answered correctly, and when verification locks. It is synced from the hub like the discount
 * policy, so it is validated here — a malformed policy must never silently weaken verification.
 */
import { z } from 'zod';

/** What a caller can be asked to prove who they are, in the order of the default policy. */
export const QUESTION_KINDS = ['date_of_birth', 'postcode', 'account_pin', 'last_invoice_amount'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/**
 * Answers that are not public record. A date of birth and a postcode can be found online or on
 * an envelope; the PIN and the amount of the last invoice need the customer's own knowledge.
 */
export const NON_PUBLIC_KINDS: readonly QuestionKind[] = ['account_pin', 'last_invoice_amount'];

export function isNonPublic(kind: QuestionKind): boolean {
  return kind === 'account_pin' || kind === 'last_invoice_amount';
}

export function isQuestionKind(value: unknown): value is QuestionKind {
  return typeof value === 'string' && (QUESTION_KINDS as readonly string[]).includes(value);
}

/** A week: longer locks belong to a supervisor's decision, not to a timer. */
const MAX_LOCK_MINUTES = 7 * 24 * 60;

const lockoutSchema = z
  .object({
    /** Consecutive failures, counted across every agent and desk, that lock verification. */
    maxConsecutiveFailures: z.number().int().min(1).max(20).default(5),
    /** How long a lock lasts, counted from the last failure. */
    lockMinutes: z.number().int().min(1).max(MAX_LOCK_MINUTES).default(30),
    /** The stricter limit a desk applies on its own while it cannot reach the hub. */
    offlineMaxConsecutiveFailures: z.number().int().min(1).max(20).default(3),
  })
  .strict();

export const verificationPolicySchema = z
  .object({
    /** Questions offered, in order of preference (the first ones are asked first). */
    questions: z.array(z.enum(QUESTION_KINDS)).min(1),
    requiredPasses: z.number().int().min(1).default(2),
    /** At least one correct answer must be non-public (PIN or last invoice amount). */
    requireNonPublic: z.boolean().default(true),
    lockout: lockoutSchema.default({ maxConsecutiveFailures: 5, lockMinutes: 30, offlineMaxConsecutiveFailures: 3 }),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const seen = new Set<QuestionKind>();
    policy.questions.forEach((kind, i) => {
      if (seen.has(kind)) ctx.addIssue({ code: 'custom', path: ['questions', i], message: `question ${kind} is offered twice` });
      seen.add(kind);
    });
    if (policy.requiredPasses > seen.size) {
      ctx.addIssue({
        code: 'custom',
        path: ['requiredPasses'],
        message: `requiredPasses (${policy.requiredPasses}) is more than the ${seen.size} question(s) offered`,
      });
    }
    if (policy.requireNonPublic && !policy.questions.some(isNonPublic)) {
      ctx.addIssue({
        code: 'custom',
        path: ['requireNonPublic'],
        message: 'requireNonPublic needs account_pin or last_invoice_amount among the questions',
      });
    }
    // Offline a desk only knows its own attempts, so its limit must not be looser than the hub's.
    if (policy.lockout.offlineMaxConsecutiveFailures > policy.lockout.maxConsecutiveFailures) {
      ctx.addIssue({
        code: 'custom',
        path: ['lockout', 'offlineMaxConsecutiveFailures'],
        message: 'the offline limit must be at most the online limit',
      });
    }
  });

/** A validated policy (defaults applied). */
export type VerificationPolicy = z.output<typeof verificationPolicySchema>;
/** What a policy document may omit (defaults fill it in). */
export type VerificationPolicyInput = z.input<typeof verificationPolicySchema>;

export const DEFAULT_VERIFICATION_POLICY: VerificationPolicy = Object.freeze({
  questions: Object.freeze(['date_of_birth', 'postcode', 'account_pin', 'last_invoice_amount']),
  requiredPasses: 2,
  requireNonPublic: true,
  lockout: Object.freeze({ maxConsecutiveFailures: 5, lockMinutes: 30, offlineMaxConsecutiveFailures: 3 }),
}) as VerificationPolicy;

export type PolicyParseResult =
  { readonly ok: true; readonly policy: VerificationPolicy } | { readonly ok: false; readonly issues: readonly { path: string; message: string }[] };

/** Validates a policy document (from the hub or a fixture); never throws. */
export function parseVerificationPolicy(input: unknown): PolicyParseResult {
  const parsed = verificationPolicySchema.safeParse(input);
  if (parsed.success) return { ok: true, policy: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  };
}
