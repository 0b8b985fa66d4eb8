/**
 * A supervisor's answer as pure functions: what they typed → the contract's decision input.
 * Approving may lower the request (never raise it), in the request's own unit: the amount (or
 * the amount per bill of a recurring discount), the percentage, the number of bills. Leaving a
 * field as it was prefilled approves the request as asked. Refusing needs a comment the agent
 * can read to the caller.
 */
import type { ApprovalRequestInput } from '../../../../core/api';
import type { CurrencyCode } from '../../../../core/money';
import { amountToInput, parseAmountField, parsePercentField, parseWholeField, percentToInput, type FieldProblem } from '../discount/credit-form';

export interface DecisionFormValues {
  readonly decision: 'approve' | 'refuse';
  /** Amount, or amount per bill; '' for a percent request. */
  readonly amount: string;
  readonly percent: string;
  readonly cycles: string;
  readonly comment: string;
}

export type DecisionProblem = FieldProblem | 'higherThanAsked' | 'commentRequired';

export interface DecisionPayload {
  readonly decision: 'approve' | 'refuse';
  readonly amount?: number;
  readonly percentBp?: number;
  readonly cycles?: number;
  readonly comment?: string;
  /**
   * What the screen showed when the supervisor decided: the outcome its button said and the
   * request it displayed. Main refuses a decision that disagrees with either.
   */
  readonly shown: { readonly outcome: 'approve' | 'refuse'; readonly requestHash: string };
}

/** The decision as the contract takes it: a refusal with its comment, or an approval with what it lowers. */
export type DecisionFields =
  | { readonly decision: 'refuse'; readonly comment: string }
  | { readonly decision: 'approve'; readonly amount?: number; readonly percentBp?: number; readonly cycles?: number; readonly comment?: string };

export function decisionFields(payload: DecisionPayload): DecisionFields {
  const comment = payload.comment?.trim();
  if (payload.decision === 'refuse') return { decision: 'refuse', comment: comment ?? '' };
  return {
    decision: 'approve',
    ...(payload.amount !== undefined ? { amount: payload.amount } : {}),
    ...(payload.percentBp !== undefined ? { percentBp: payload.percentBp } : {}),
    ...(payload.cycles !== undefined ? { cycles: payload.cycles } : {}),
    ...(comment ? { comment } : {}),
  };
}

export type DecisionBuild =
  | { readonly ok: true; readonly payload: DecisionPayload; readonly lowered: boolean }
  | { readonly ok: false; readonly problems: Partial<Record<'amount' | 'percent' | 'cycles' | 'comment', DecisionProblem>> };

/** What the request asked for, in its own unit. */
export function askedOf(request: ApprovalRequestInput): { amount?: number; percentBp?: number; cycles?: number } {
  switch (request.kind) {
    case 'one_off_credit':
    case 'fee_waiver':
    case 'refund':
      return { amount: request.amount };
    case 'payment_plan':
      return {}; // approved as asked: nothing to lower
    case 'recurring_discount':
      return request.form === 'amount' ? { amount: request.amountPerCycle, cycles: request.cycles } : { percentBp: request.percentBp, cycles: request.cycles };
  }
}

/** The form prefilled with the request as asked (approve as is = Enter). */
export function initialDecisionValues(request: ApprovalRequestInput, currency: CurrencyCode, locale: 'fr' | 'en'): DecisionFormValues {
  const asked = askedOf(request);
  return {
    decision: 'approve',
    amount: asked.amount !== undefined ? amountToInput(asked.amount, currency, locale) : '',
    percent: asked.percentBp !== undefined ? percentToInput(asked.percentBp, locale) : '',
    cycles: asked.cycles !== undefined ? String(asked.cycles) : '',
    comment: '',
  };
}

/**
 * The decision from ONE snapshot of the form: the outcome sent and the outcome shown come from
 * the same `values`, so they cannot disagree.
 */
export function buildDecision(values: DecisionFormValues, request: ApprovalRequestInput, currency: CurrencyCode, requestHash = ''): DecisionBuild {
  const comment = values.comment.trim();
  const shown = { outcome: values.decision, requestHash };
  if (values.decision === 'refuse') {
    if (comment === '') return { ok: false, problems: { comment: 'commentRequired' } };
    return { ok: true, payload: { decision: 'refuse', comment, shown }, lowered: false };
  }
  const asked = askedOf(request);
  const problems: Partial<Record<'amount' | 'percent' | 'cycles', DecisionProblem>> = {};
  const payload: { decision: 'approve'; amount?: number; percentBp?: number; cycles?: number; comment?: string; shown: DecisionPayload['shown'] } = {
    decision: 'approve',
    shown,
  };
  let lowered = false;

  // Each field the request has, in its own unit: as asked, lowered, or a problem.
  const fields = [
    { field: 'amount', key: 'amount', parse: () => parseAmountField(values.amount, currency), empty: 'notAmount' },
    { field: 'percent', key: 'percentBp', parse: () => parsePercentField(values.percent), empty: 'notPercent' },
    { field: 'cycles', key: 'cycles', parse: () => parseWholeField(values.cycles, 1, 120), empty: 'notWhole' },
  ] as const;
  for (const { field, key, parse, empty } of fields) {
    const was = asked[key];
    if (was === undefined) continue;
    const p = parse();
    if (!('value' in p)) problems[field] = 'problem' in p ? p.problem : empty;
    else if (p.value > was) problems[field] = 'higherThanAsked';
    else if (p.value < was) {
      payload[key] = p.value;
      lowered = true;
    }
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  if (comment) payload.comment = comment;
  return { ok: true, payload, lowered };
}
