/**
 * Who issues the bills: the seller's legal identity as a French invoice must state it (Code de
 * commerce art. L441-9 and R123-237; CGI art. 242 nonies A). It is data kept in the store
 * (settings SELLER_SETTING_KEY), never a constant in code; this module reads and checks it.
 *
 * - SIREN: 9 digits whose last is a Luhn check digit (INSEE).
 * - Intra-EU VAT number of a French company: "FR" + a 2-digit key + the SIREN, the key being
 *   (12 + 3 × (SIREN mod 97)) mod 97.
 * - Late payment: penalties at `latePenaltyRateBp` a year (L441-10: at least three times the
 *   legal interest rate) and, for a business customer only, the fixed recovery indemnity of €40
 *   (D441-5), stated on every invoice.
 */
import { z } from 'zod';
import { luhnValid } from '../notes/luhn';

export const SELLER_SETTING_KEY = 'seller_identity';

/** The fixed recovery indemnity owed by a business customer who pays late (Code de commerce D441-5): €40. */
export const RECOVERY_INDEMNITY_EUR_MINOR = 4000;

export function sirenValid(siren: string): boolean {
  return /^\d{9}$/.test(siren) && luhnValid(siren);
}

/** The French VAT number's 2-digit key for a SIREN ("842719353" → "26"). */
export function frenchVatKey(siren: string): string {
  if (!/^\d{9}$/.test(siren)) throw new RangeError('a SIREN has 9 digits');
  return String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0');
}

/** "FR" + key + SIREN. */
export function frenchVatNumber(siren: string): string {
  return `FR${frenchVatKey(siren)}${siren}`;
}

const text = (max: number) => z.string().trim().min(1).max(max);

export const sellerSchema = z
  .object({
    name: text(120),
    /** "SAS", "SA", "SARL"… */
    legalForm: text(40),
    /** Share capital in minor units of `currency`, printed after the legal form; null: not stated. */
    shareCapital: z.number().int().min(0).max(1e15).nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    /** "RCS Paris" */
    registry: text(80).nullable(),
    address: z
      .object({
        line1: text(120),
        line2: text(120).nullable(),
        postcode: text(16),
        city: text(80),
        country: z.string().regex(/^[A-Z]{2}$/),
      })
      .strict(),
    siren: z.string().regex(/^\d{9}$/),
    vatNumber: z.string().regex(/^FR\d{2}\d{9}$/),
    /** Late-payment penalties, a year, in basis points (1215 = 12.15 %). */
    latePenaltyRateBp: z.number().int().min(1).max(10_000),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!sirenValid(s.siren)) ctx.addIssue({ code: 'custom', path: ['siren'], message: 'the SIREN fails its Luhn check' });
    else if (s.vatNumber !== frenchVatNumber(s.siren))
      ctx.addIssue({ code: 'custom', path: ['vatNumber'], message: 'the VAT number does not match the SIREN' });
  });

export type Seller = z.infer<typeof sellerSchema>;

export class SellerError extends Error {
  override readonly name = 'SellerError';
}

/** The stored seller (JSON text) checked; a missing or invalid one throws SellerError. */
export function parseSeller(json: string | undefined): Seller {
  if (json === undefined) throw new SellerError('no seller identity is stored');
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new SellerError('the stored seller identity is not JSON');
  }
  const r = sellerSchema.safeParse(raw);
  if (!r.success) throw new SellerError(`the stored seller identity is invalid: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}
