/**
 * The credit form as pure functions: what the agent typed (text, in their own format: "12,40",
 * "12.4", "10 %") → the contract's DiscountRequestInput, or the reason it is not one yet.
 *
 * An empty field is "not finished", not an error: the form says nothing until something wrong is
 * actually typed. Amounts go through core's parseAmount (never a float); a percentage becomes
 * basis points by string arithmetic for the same reason.
 */
import type { DiscountRequestInput, PolicyReasonView } from '../../../../core/api';
import type { Locale } from '../../../../core/i18n';
import { minorDigits, parseAmount, type CurrencyCode, type Minor } from '../../../../core/money';
import type { CreditKind, CreditTarget, DiscountForm, ReasonCode } from '../../../../core/policy/schema';

/** The contract's bounds (src/core/api/methods/discounts.ts). */
export const MAX_MINOR_INPUT = 100_000_000;
export const MAX_CYCLES_INPUT = 120;
export const MAX_OUTAGE_DAYS = 31;

export interface CreditFormValues {
  readonly reason: ReasonCode | null;
  readonly kind: CreditKind;
  readonly target: CreditTarget;
  readonly form: DiscountForm;
  /** One-off credit, fee waiver: the amount; recurring 'amount': the amount per cycle. */
  readonly amount: string;
  /** Recurring 'percent': "10", "12,5", "10 %". */
  readonly percent: string;
  readonly cycles: string;
  readonly disputedAmount: string;
  readonly outageDays: string;
  /** The invoice a credit or waiver lands on; null = the latest one. */
  readonly invoiceId: string | null;
}

export const EMPTY_FORM: CreditFormValues = {
  reason: null,
  kind: 'one_off_credit',
  target: 'invoice',
  form: 'amount',
  amount: '',
  percent: '',
  cycles: '',
  disputedAmount: '',
  outageDays: '',
  invoiceId: null,
};

export type FormField = 'reason' | 'amount' | 'percent' | 'cycles' | 'disputedAmount' | 'outageDays';

/** Why a field is not acceptable; each has a message `credit.invalid.<problem>`. */
export type FieldProblem = 'notAmount' | 'notPositive' | 'tooLarge' | 'tooManyDecimals' | 'notPercent' | 'notWhole' | 'outOfRange';

export type BuildResult =
  | { readonly ok: true; readonly request: DiscountRequestInput }
  | { readonly ok: false; readonly problems: Partial<Record<FormField, FieldProblem>>; readonly incomplete: readonly FormField[] };

type Parsed<T> = { readonly value: T } | { readonly problem: FieldProblem } | { readonly empty: true };

/** An amount typed by the agent, in minor units: positive, within the contract's bounds. */
export function parseAmountField(text: string, currency: CurrencyCode): Parsed<Minor> {
  const trimmed = text.trim();
  if (trimmed === '') return { empty: true };
  const minor = parseAmount(trimmed, currency);
  if (minor === null) {
    // Tell "12,345" (too many decimals) apart from text that is not an amount at all.
    const decimals = /^[^\d-]*-?\d+[.,](\d+)\D*$/.exec(trimmed.replace(/[\s\u00a0\u202f]/g, ''));
    if (decimals && (decimals[1] ?? '').length > minorDigits(currency)) return { problem: 'tooManyDecimals' };
    return { problem: 'notAmount' };
  }
  if (minor <= 0) return { problem: 'notPositive' };
  if (minor > MAX_MINOR_INPUT) return { problem: 'tooLarge' };
  return { value: minor };
}

/** "10", "12,5", "12.50 %" → basis points (1250). At most two decimals; 0 < p ≤ 100. */
export function parsePercentField(text: string): Parsed<number> {
  const cleaned = text.replace(/[\s\u00a0\u202f%]/g, '');
  if (cleaned === '') return { empty: true };
  const m = /^(\d{1,3})(?:[.,](\d{0,2}))?$/.exec(cleaned);
  if (!m) return { problem: /^\d+[.,]\d{3,}$/.test(cleaned) ? 'tooManyDecimals' : 'notPercent' };
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (bp <= 0) return { problem: 'notPositive' };
  if (bp > 10_000) return { problem: 'outOfRange' };
  return { value: bp };
}

/** A whole number in [min, max]. */
export function parseWholeField(text: string, min: number, max: number): Parsed<number> {
  const cleaned = text.trim();
  if (cleaned === '') return { empty: true };
  if (!/^\d{1,4}$/.test(cleaned)) return { problem: 'notWhole' };
  const n = Number(cleaned);
  if (n < min || n > max) return { problem: 'outOfRange' };
  return { value: n };
}

/** The decimal separator the agent types. */
const DECIMAL_SEPARATOR: Readonly<Record<Locale, string>> = { fr: ',', en: '.' };

/** Minor units as the agent would type them in their locale, without the currency: "12,40". */
export function amountToInput(minor: Minor, currency: CurrencyCode, locale: Locale): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 10 ** digits);
  const fraction = String(abs % 10 ** digits).padStart(digits, '0');
  return `${negative ? '-' : ''}${whole}${digits > 0 ? DECIMAL_SEPARATOR[locale] + fraction : ''}`;
}

/** Basis points as typed: 1250 → "12,5" (fr) / "12.5" (en); 1000 → "10". */
export function percentToInput(bp: number, locale: Locale): string {
  const whole = Math.floor(bp / 100);
  const fraction = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}${DECIMAL_SEPARATOR[locale]}${fraction}` : String(whole);
}

/** The kinds the reason allows, in the form's order. */
export function allowedKinds(reason: PolicyReasonView | undefined): CreditKind[] {
  if (!reason) return [];
  return (['one_off_credit', 'recurring_discount', 'fee_waiver'] as const).filter((k) => reason.kinds[k] !== undefined);
}

/**
 * The values adjusted to what the chosen reason allows: a kind, target or form the reason does
 * not offer is replaced by the first one it does (so the form never sends a request the policy
 * cannot even read).
 */
export function conformToReason(values: CreditFormValues, reason: PolicyReasonView | undefined): CreditFormValues {
  if (!reason) return values;
  const kinds = allowedKinds(reason);
  const kind = kinds.includes(values.kind) ? values.kind : (kinds[0] ?? values.kind);
  let { target, form } = values;
  const oneOff = reason.kinds.one_off_credit;
  if (kind === 'one_off_credit' && oneOff && !oneOff.targets.includes(target)) target = oneOff.targets[0] ?? target;
  const recurring = reason.kinds.recurring_discount;
  if (kind === 'recurring_discount' && recurring && !recurring.forms.includes(form)) form = recurring.forms[0] ?? form;
  if (kind === values.kind && target === values.target && form === values.form) return values;
  return { ...values, kind, target, form };
}

/** The request the form describes, or what is missing / wrong. */
export function buildRequest(values: CreditFormValues, currency: CurrencyCode, reasonView?: PolicyReasonView): BuildResult {
  const problems: Partial<Record<FormField, FieldProblem>> = {};
  const incomplete: FormField[] = [];

  function take<T>(field: FormField, parsed: Parsed<T>, required = true): T | undefined {
    if ('value' in parsed) return parsed.value;
    if ('problem' in parsed) problems[field] = parsed.problem;
    else if (required) incomplete.push(field);
    return undefined;
  }

  const reason = values.reason;
  if (reason === null) incomplete.push('reason');

  // Justification, when the reason asks for it.
  const needs = reasonView?.needs ?? null;
  const disputedAmount = needs === 'disputedAmount' ? take('disputedAmount', parseAmountField(values.disputedAmount, currency)) : undefined;
  const outageDays = needs === 'outageDays' ? take('outageDays', parseWholeField(values.outageDays, 0, MAX_OUTAGE_DAYS)) : undefined;
  const justification = {
    ...(disputedAmount !== undefined ? { disputedAmount } : {}),
    ...(outageDays !== undefined ? { outageDays } : {}),
  };
  const invoice = values.invoiceId !== null ? { invoiceId: values.invoiceId } : {};

  let request: DiscountRequestInput | null = null;
  if (values.kind === 'one_off_credit') {
    const amount = take('amount', parseAmountField(values.amount, currency));
    if (reason && amount !== undefined) {
      request = {
        kind: 'one_off_credit',
        reason,
        target: values.target,
        amount,
        ...(values.target === 'invoice' ? invoice : {}),
        ...justification,
      };
    }
  } else if (values.kind === 'fee_waiver') {
    const amount = take('amount', parseAmountField(values.amount, currency));
    if (reason && amount !== undefined) request = { kind: 'fee_waiver', reason, fee: 'late_fee', amount, ...invoice, ...justification };
  } else {
    const maxCycles = Math.min(reasonView?.kinds.recurring_discount?.maxCycles ?? MAX_CYCLES_INPUT, MAX_CYCLES_INPUT);
    const cycles = take('cycles', parseWholeField(values.cycles, 1, maxCycles));
    if (values.form === 'amount') {
      const amountPerCycle = take('amount', parseAmountField(values.amount, currency));
      if (reason && amountPerCycle !== undefined && cycles !== undefined) {
        request = { kind: 'recurring_discount', reason, form: 'amount', amountPerCycle, cycles, ...justification };
      }
    } else {
      const percentBp = take('percent', parsePercentField(values.percent));
      if (reason && percentBp !== undefined && cycles !== undefined) {
        request = { kind: 'recurring_discount', reason, form: 'percent', percentBp, cycles, ...justification };
      }
    }
  }

  if (request && Object.keys(problems).length === 0 && incomplete.length === 0) return { ok: true, request };
  return { ok: false, problems, incomplete };
}

/** A stable key for a request: two equal requests have the same key (decision ↔ form matching). */
export function requestKey(request: DiscountRequestInput): string {
  const entries = Object.entries(request).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}
