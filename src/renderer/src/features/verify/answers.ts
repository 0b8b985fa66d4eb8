/**
 * Pure helpers of the verification form. They look only at what the agent typed and at the
 * question plan main sent — never at a correct answer (the renderer has none).
 *
 * - `completeness`: the same counting rule main applies before it checks anything, so the
 *   screen can say "ask one more question" at once instead of sending a form that could not
 *   pass. (Main would answer `incomplete` without counting an attempt; asking locally is just
 *   faster and keeps what was typed.)
 * - `readAnswer`: how Ardoise reads a typed answer ("12 mars 1985" → 12 March 1985), with the
 *   very normalisers main uses, so the agent sees a typo before it costs the caller an attempt.
 */
import type { VerificationQuestions } from '../../../../core/api';
import { isMinor, type CurrencyCode } from '../../../../core/money';
import { normaliseAmount, normaliseDateOfBirth, normalisePin, normalisePostcode, type DateOrder, type QuestionKind } from '../../../../core/verification';

export type Answers = Readonly<Partial<Record<QuestionKind, string>>>;

export interface Completeness {
  readonly complete: boolean;
  /** How many more answers are needed (0 when complete). */
  readonly answersNeeded: number;
  /** A PIN or last invoice amount is still needed. */
  readonly nonPublicNeeded: boolean;
}

/** The kinds the form offers: the questions to ask, then the alternatives. */
export function offeredKinds(q: Pick<VerificationQuestions, 'ask' | 'alternatives'>): QuestionKind[] {
  const seen = new Set<QuestionKind>();
  for (const kind of [...q.ask, ...q.alternatives]) seen.add(kind);
  return [...seen];
}

function given(answer: string | undefined): boolean {
  return typeof answer === 'string' && answer.trim() !== '';
}

export function completeness(
  q: Pick<VerificationQuestions, 'ask' | 'alternatives' | 'nonPublic' | 'requiredPasses' | 'requireNonPublic'>,
  answers: Answers,
): Completeness {
  const kinds = offeredKinds(q).filter((kind) => given(answers[kind]));
  const nonPublic = new Set(q.nonPublic);
  const nonPublicNeeded = q.requireNonPublic && !kinds.some((kind) => nonPublic.has(kind));
  const missing = Math.max(0, q.requiredPasses - kinds.length);
  const answersNeeded = Math.max(missing, nonPublicNeeded ? 1 : 0);
  return { complete: answersNeeded === 0, answersNeeded, nonPublicNeeded };
}

/**
 * The answers to send: only offered kinds, only non-blank ones, as typed (main normalises).
 * Returns a fresh object: the caller of this function should drop its reference right after.
 */
export function answersToSend(q: Pick<VerificationQuestions, 'ask' | 'alternatives'>, answers: Answers): Answers {
  const out: Partial<Record<QuestionKind, string>> = {};
  for (const kind of offeredKinds(q)) {
    const value = answers[kind];
    if (typeof value === 'string' && value.trim() !== '') out[kind] = value.trim();
  }
  return out;
}

export type AnswerReading =
  | { readonly state: 'empty' }
  | { readonly state: 'unreadable' }
  /** Read, with the value to show back: an ISO date, a postcode, minor units, or (PIN) nothing. */
  | { readonly state: 'read'; readonly kind: 'date'; readonly isoDate: string }
  | { readonly state: 'read'; readonly kind: 'postcode'; readonly postcode: string }
  | { readonly state: 'read'; readonly kind: 'amount'; readonly minor: number; readonly currency: string }
  | { readonly state: 'read'; readonly kind: 'pin' };

function isCurrency(code: string): code is CurrencyCode {
  return /^[A-Z]{3}$/.test(code);
}

/**
 * How Ardoise reads one typed answer. The PIN is never echoed back (only "4 to 6 digits: ok").
 * `today` is 'YYYY-MM-DD' in the desk's clock — only used to read two-digit years.
 */
export function readAnswer(
  kind: QuestionKind,
  raw: string,
  ctx: { readonly today: string; readonly currency: string; readonly dateOrder?: DateOrder },
): AnswerReading {
  if (raw.trim() === '') return { state: 'empty' };
  switch (kind) {
    case 'date_of_birth': {
      const iso = normaliseDateOfBirth(raw, ctx.today, ctx.dateOrder);
      return iso ? { state: 'read', kind: 'date', isoDate: iso } : { state: 'unreadable' };
    }
    case 'postcode': {
      const code = normalisePostcode(raw);
      return code ? { state: 'read', kind: 'postcode', postcode: code } : { state: 'unreadable' };
    }
    case 'last_invoice_amount': {
      if (!isCurrency(ctx.currency)) return { state: 'unreadable' };
      const text = normaliseAmount(raw, ctx.currency);
      const minor = text === null ? Number.NaN : Number(text);
      return text !== null && isMinor(minor) ? { state: 'read', kind: 'amount', minor, currency: ctx.currency } : { state: 'unreadable' };
    }
    case 'account_pin':
      return normalisePin(raw) ? { state: 'read', kind: 'pin' } : { state: 'unreadable' };
    default:
      return { state: 'unreadable' };
  }
}

/** 'YYYY-MM-DD' of a clock reading in the desk's own time zone. */
export function localIsoDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
