/**
 * VerificationOutcome: the ONLY part of a verification check that may leave main.
 *
 * It says passed, failed, incomplete, locked or unavailable — and never which answer was
 * wrong. There is no field in which a per-question result could travel, and the checker never
 * builds one: correct answers are summed into a count inside checkAnswers and dropped there.
 * The schema is strict, so the API's output validation refuses an outcome that grew a field.
 */
import { z } from 'zod';

export const verificationOutcomeSchema = z.discriminatedUnion('status', [
  z
    .object({
      status: z.literal('passed'),
      /**
       * ISO 8601 UTC: when the call was verified, by main's clock (the interaction's verified_at,
       * the audit entry's time), so the call header, the recap and the audit say the same time.
       */
      verifiedAt: z.string(),
    })
    .strict(),
  z
    .object({
      status: z.literal('failed'),
      /** Failed attempts left before verification locks for this customer. */
      attemptsLeft: z.number().int().min(0),
    })
    .strict(),
  z
    .object({
      /**
       * Not enough answers were given to be able to pass: nothing was checked and the attempt
       * was not counted. The screen asks for more.
       */
      status: z.literal('incomplete'),
      /** How many more answers are needed. */
      answersNeeded: z.number().int().min(0),
      /** True when a PIN or last invoice amount answer is still needed. */
      nonPublicNeeded: z.boolean(),
      attemptsLeft: z.number().int().min(0),
    })
    .strict(),
  z
    .object({
      status: z.literal('locked'),
      reason: z.literal('too_many_failures'),
      /** ISO 8601 UTC; a supervisor can unlock sooner, with a reason. */
      lockedUntil: z.string(),
      /** 'offline': this desk's stricter local limit while it cannot reach the hub. */
      mode: z.enum(['online', 'offline']),
    })
    .strict(),
  z
    .object({
      /** Not enough answers on file to verify this caller under the policy. */
      status: z.literal('unavailable'),
      reason: z.literal('not_enough_facts'),
    })
    .strict(),
]);

export type VerificationOutcome = z.output<typeof verificationOutcomeSchema>;
export type VerificationStatus = VerificationOutcome['status'];

/** Every key a public outcome can carry; tests scan serialised outcomes against it. */
export const VERIFICATION_OUTCOME_KEYS = ['status', 'verifiedAt', 'attemptsLeft', 'answersNeeded', 'nonPublicNeeded', 'reason', 'lockedUntil', 'mode'] as const;
