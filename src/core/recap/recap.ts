/**
 * The call's recap: what happened on a call, read from its own audit entries, as the first draft
 * of the wrap-up note ("Verified at 19:38 with PIN + invoice amount. Explained the November bill
 * and why it differs from October. Quoted Premium from 1 January 2027. Granted a €5.00 goodwill
 * credit. €15.00 request lowered to €12.00 by the supervisor.") and the disposition it suggests.
 * The agent edits it rather than types it.
 *
 * Pure: entries in, facts out (recapFacts), then sentences in the agent's language (recapLines),
 * amounts by the one money formatter and times in the desk's zone (or the one given). The audit
 * JSON is read defensively — an entry that does not have the shape expected is left out, never
 * an error: a recap is a draft, the audit trail stays the record.
 *
 * Rules:
 *   - verification: a passed attempt says when and with which questions; without one, the last
 *     failure (or a locked refusal) is said instead;
 *   - a bill compared with the one before says both; a bill only opened says it was explained;
 *     the same bill twice is said once;
 *   - a quote for the plan the call then changed to is not said twice (the change is);
 *   - a credit granted on approval is said by the decision ("€15.00 request lowered to €12.00
 *     by the supervisor"), a request still waiting by the request;
 *   - lookups, sign-ins, screen pops, notes (kept as notes), experiments: nothing.
 */
import { CANCELLATION_REASONS, type CancellationReason } from '../outcomes';
import { z } from 'zod';
import { QUESTION_KINDS, type QuestionKind } from '../verification/policy';
import { REASON_CODES } from '../policy/vocabulary';
import { formatAmount, formatTime, intlLocale, t, type Locale, type MessageKey } from '../i18n';

/** One audit entry of the call, as the audit trail holds it. */
export interface RecapEntry {
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly action: string;
  readonly subject?: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

export type ApproverRole = 'supervisor' | 'senior_agent';

export type RecapFact =
  | { readonly kind: 'verified'; readonly at: string; readonly questions: readonly QuestionKind[] }
  | { readonly kind: 'verify_failed'; readonly at: string }
  | { readonly kind: 'verify_locked'; readonly at: string }
  | { readonly kind: 'bill_explained'; readonly invoiceId: string; readonly cycleStart: string }
  | { readonly kind: 'bill_compared'; readonly invoiceId: string; readonly cycleStart: string; readonly previousCycleStart: string }
  | { readonly kind: 'plan_quoted'; readonly planName: string; readonly from: string }
  | { readonly kind: 'plan_changed'; readonly planName: string; readonly from: string }
  | { readonly kind: 'credit_granted'; readonly amount: number; readonly currency: string; readonly reason: string }
  | { readonly kind: 'credit_reversed'; readonly amount: number; readonly currency: string }
  | { readonly kind: 'refund_paid'; readonly amount: number; readonly currency: string }
  | { readonly kind: 'refund_requested'; readonly amount: number; readonly currency: string; readonly approverRole: string }
  | { readonly kind: 'copy_sent'; readonly number: string; readonly channel: 'email' | 'post' }
  | { readonly kind: 'dispute_opened'; readonly amount: number; readonly currency: string }
  | { readonly kind: 'dispute_credited' }
  | { readonly kind: 'dispute_rejected'; readonly reason: string }
  | { readonly kind: 'customer_cancelled'; readonly reason: CancellationReason; readonly from: string }
  | { readonly kind: 'payment_plan_agreed'; readonly balance: number; readonly currency: string; readonly instalments: number; readonly firstDue: string }
  | {
      readonly kind: 'payment_plan_requested';
      readonly balance: number;
      readonly currency: string;
      readonly instalments: number;
      readonly approverRole: string;
    }
  | { readonly kind: 'approval_requested'; readonly amount: number; readonly currency: string; readonly reason: string; readonly approverRole: string }
  | {
      readonly kind: 'approval_decided';
      readonly outcome: 'approved' | 'lowered' | 'refused';
      readonly requested: number | null;
      readonly approved: number | null;
      readonly currency: string;
      readonly approverRole: string;
    };

export interface RecapOptions {
  readonly locale: Locale;
  /** IANA zone for the times; the desk's own when omitted (tests pin it). */
  readonly timeZone?: string;
}

export interface CallRecap {
  readonly facts: readonly RecapFact[];
  /** One sentence per line, in the agent's language; '' when nothing worth saying happened. */
  readonly note: string;
  /** A disposition code of the default list (interaction.dispositions may not hold it). */
  readonly disposition: SuggestedDisposition;
}

export type SuggestedDisposition = 'no_verification' | 'plan_changed' | 'credit_granted' | 'escalated' | 'billing_question_answered';

// ── reading the entries ─────────────────────────────────────────────────────────────────────

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const money = z.number().int().safe();
const currency = z.string().regex(/^[A-Z]{3}$/);
const verifyAfter = z.object({ status: z.string(), questions: z.array(z.string()).optional() });
const billAfter = z.object({ invoiceId: z.string(), cycleStart: isoDay });
const compareAfter = z.object({ invoiceId: z.string(), cycleStart: isoDay, previousCycleStart: isoDay });
const planAfter = z.object({ planName: z.string().min(1), effectiveOn: isoDay });
const creditAfter = z.object({
  entries: z.array(z.object({ amount: money, currency })).min(1),
  reason: z.string(),
  approvalId: z.string().optional(),
});
const reversedBefore = z.object({ amount: money, currency });
const requestedAfter = z.object({ amount: money, currency, approverRole: z.string(), request: z.object({ reason: z.string() }).loose().optional() });
const refundPaidAfter = z.object({ amount: money, currency });
const refundRequestedAfter = z.object({ request: z.object({ amount: money }).loose(), approverRole: z.string() }).loose();
const disputeOpenedAfter = z.object({ amount: money, currency });
const disputeResolvedAfter = z.object({ status: z.enum(['credited', 'rejected']), rejectionReason: z.string().nullable().optional() });
const planRequestedAfter = z
  .object({ request: z.object({ instalments: z.number().int() }).loose(), approverRole: z.string(), decision: z.object({ balance: money, currency }).loose() })
  .loose();
const planAgreedAfter = z.object({ balance: money, currency, instalments: z.array(z.object({ dueOn: isoDay })).min(1) });
const cancelledAfter = z.object({ occurredOn: isoDay, reason: z.enum(CANCELLATION_REASONS) });
const copyAfter = z.object({ number: z.string().min(1), channel: z.enum(['email', 'post']) });
const decidedAfter = z.object({ status: z.enum(['applied', 'refused']), approvedAmount: money.nullable().optional() });
const decidedBefore = z.object({ request: z.object({ amount: money.optional() }).loose().optional() }).loose();

function read<T>(schema: z.ZodType<T>, value: unknown): T | null {
  const r = schema.safeParse(value);
  return r.success ? r.data : null;
}

const approvalOf = (subject: string | null | undefined): string | null =>
  subject && subject.startsWith('approval:') ? subject.slice('approval:'.length) : null;

/** The fact `value` says once read with `schema`; null when it does not read. */
function factOf<T>(schema: z.ZodType<T>, value: unknown, fact: (v: T) => RecapFact): RecapFact | null {
  const v = read(schema, value);
  return v === null ? null : fact(v);
}

/** Actions whose entry says one fact on its own, whatever else the call did. */
const OWN_FACTS = new Map<string, (e: RecapEntry) => RecapFact | null>([
  ['credit_reversed', (e) => factOf(reversedBefore, e.before, (b) => ({ kind: 'credit_reversed', amount: Math.abs(b.amount), currency: b.currency }))],
  ['refund_paid', (e) => factOf(refundPaidAfter, e.after, (a) => ({ kind: 'refund_paid', amount: a.amount, currency: a.currency }))],
  ['invoice_copy_sent', (e) => factOf(copyAfter, e.after, (a) => ({ kind: 'copy_sent', number: a.number, channel: a.channel }))],
  ['dispute_opened', (e) => factOf(disputeOpenedAfter, e.after, (a) => ({ kind: 'dispute_opened', amount: a.amount, currency: a.currency }))],
  [
    'dispute_resolved',
    // A credit's amount is said by its own credit_granted entry; here, only that it settled the dispute.
    (e) =>
      factOf(disputeResolvedAfter, e.after, (a) =>
        a.status === 'credited' ? { kind: 'dispute_credited' } : { kind: 'dispute_rejected', reason: a.rejectionReason ?? '' },
      ),
  ],
  ['customer_cancelled', (e) => factOf(cancelledAfter, e.after, (a) => ({ kind: 'customer_cancelled', reason: a.reason, from: a.occurredOn }))],
  [
    'payment_plan_agreed',
    (e) =>
      factOf(planAgreedAfter, e.after, (a) => ({
        kind: 'payment_plan_agreed',
        balance: a.balance,
        currency: a.currency,
        instalments: a.instalments.length,
        firstDue: a.instalments[0]!.dueOn,
      })),
  ],
]);

/** The facts of a call, in the order they happened (entries are sorted by time first). */
export function recapFacts(entries: readonly RecapEntry[]): RecapFact[] {
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const requests = new Map<string, { amount: number; currency: string; reason: string; approverRole: string }>();
  const decided = new Set<string>();
  for (const e of sorted) {
    const id = approvalOf(e.subject);
    if (id === null) continue;
    if (e.action === 'approval_requested') {
      const a = read(requestedAfter, e.after);
      if (a) requests.set(id, { amount: a.amount, currency: a.currency, reason: a.request?.reason ?? 'other', approverRole: a.approverRole });
    } else if (e.action === 'approval_decided' && read(decidedAfter, e.after)) decided.add(id);
  }

  const facts: RecapFact[] = [];
  let verified: RecapFact | null = null;
  let lastFailure: RecapFact | null = null;
  const bills = new Map<string, RecapFact>();
  for (const e of sorted) {
    const own = OWN_FACTS.get(e.action);
    if (own) {
      const fact = own(e);
      if (fact) facts.push(fact);
      continue;
    }
    switch (e.action) {
      case 'verification_attempt': {
        const a = read(verifyAfter, e.after);
        if (!a) break;
        if (a.status === 'passed' && verified === null) {
          const questions = QUESTION_KINDS.filter((q) => a.questions?.includes(q));
          verified = { kind: 'verified', at: e.at, questions };
          facts.push(verified);
        } else if (a.status === 'locked') lastFailure = { kind: 'verify_locked', at: e.at };
        else if (a.status !== 'passed') lastFailure = { kind: 'verify_failed', at: e.at };
        break;
      }
      case 'bill_viewed': {
        const a = read(billAfter, e.after);
        if (a && !bills.has(a.invoiceId)) {
          const fact: RecapFact = { kind: 'bill_explained', invoiceId: a.invoiceId, cycleStart: a.cycleStart };
          bills.set(a.invoiceId, fact);
          facts.push(fact);
        }
        break;
      }
      case 'bills_compared': {
        const a = read(compareAfter, e.after);
        if (!a) break;
        const fact: RecapFact = { kind: 'bill_compared', invoiceId: a.invoiceId, cycleStart: a.cycleStart, previousCycleStart: a.previousCycleStart };
        const seen = bills.get(a.invoiceId);
        if (seen?.kind === 'bill_compared') break;
        if (seen) facts[facts.indexOf(seen)] = fact;
        else facts.push(fact);
        bills.set(a.invoiceId, fact);
        break;
      }
      case 'plan_quoted': {
        const a = read(planAfter, e.after);
        if (a && !facts.some((f) => f.kind === 'plan_quoted' && f.planName === a.planName && f.from === a.effectiveOn)) {
          facts.push({ kind: 'plan_quoted', planName: a.planName, from: a.effectiveOn });
        }
        break;
      }
      case 'plan_changed': {
        const a = read(planAfter, e.after);
        if (!a) break;
        // The quote that led to the change is said by the change.
        const quoted = facts.findIndex((f) => f.kind === 'plan_quoted' && f.planName === a.planName);
        if (quoted >= 0) facts.splice(quoted, 1);
        facts.push({ kind: 'plan_changed', planName: a.planName, from: a.effectiveOn });
        break;
      }
      case 'credit_granted': {
        const a = read(creditAfter, e.after);
        if (!a || a.approvalId !== undefined) break;
        const amount = a.entries.reduce((sum, x) => sum + Math.abs(x.amount), 0);
        facts.push({ kind: 'credit_granted', amount, currency: a.entries[0]!.currency, reason: a.reason });
        break;
      }
      case 'approval_requested': {
        const id = approvalOf(e.subject);
        const r = id === null ? undefined : requests.get(id);
        if (r && id !== null && !decided.has(id)) facts.push({ kind: 'approval_requested', ...r });
        break;
      }
      case 'approval_decided': {
        const id = approvalOf(e.subject);
        const a = read(decidedAfter, e.after);
        if (!a || id === null) break;
        const r = requests.get(id);
        const requested = r?.amount ?? read(decidedBefore, e.before)?.request?.amount ?? null;
        const approved = a.status === 'applied' ? (a.approvedAmount ?? requested) : null;
        const outcome = a.status === 'refused' ? 'refused' : requested !== null && approved !== null && approved < requested ? 'lowered' : 'approved';
        facts.push({ kind: 'approval_decided', outcome, requested, approved, currency: r?.currency ?? 'EUR', approverRole: r?.approverRole ?? 'other' });
        break;
      }
      case 'refund_requested': {
        const a = read(refundRequestedAfter, e.after);
        // Its decision, when it came during the call, is said by approval_decided.
        const id = approvalOf(e.subject);
        if (a && (id === null || !decided.has(id)))
          facts.push({ kind: 'refund_requested', amount: a.request.amount, currency: 'EUR', approverRole: a.approverRole });
        break;
      }
      case 'payment_plan_requested': {
        const a = read(planRequestedAfter, e.after);
        // Approved during the call, the plan agreed says it (payment_plan_agreed); refused, approval_decided does.
        const id = approvalOf(e.subject);
        if (a && (id === null || !decided.has(id)))
          facts.push({
            kind: 'payment_plan_requested',
            balance: a.decision.balance,
            currency: a.decision.currency,
            instalments: a.request.instalments,
            approverRole: a.approverRole,
          });
        break;
      }
      default:
        break;
    }
  }
  if (verified === null && lastFailure !== null) facts.unshift(lastFailure);
  return facts;
}

// ── saying them ─────────────────────────────────────────────────────────────────────────────

const monthFormats = new Map<Locale, Intl.DateTimeFormat>();
const dayFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A cycle's month as the sentence needs it: "November"; in French "de novembre", "d’octobre". */
function monthOf(locale: Locale, isoDate: string): string {
  let f = monthFormats.get(locale);
  if (!f) monthFormats.set(locale, (f = new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', timeZone: 'UTC' })));
  const name = f.format(new Date(`${isoDate}T00:00:00Z`));
  if (locale !== 'fr') return name;
  return /^[aeiouyh]/i.test(name.normalize('NFD')) ? `d’${name}` : `de ${name}`;
}

/** A calendar day: "1 January 2027", "1er janvier 2027". */
function dayOf(locale: Locale, isoDate: string): string {
  let f = dayFormats.get(locale);
  if (!f) dayFormats.set(locale, (f = new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
  const text = f.format(new Date(`${isoDate}T00:00:00Z`));
  return locale === 'fr' && isoDate.endsWith('-01') ? text.replace(/^1 /, '1er ') : text;
}

function reasonLabel(locale: Locale, reason: string): string {
  return t(locale, ((REASON_CODES as readonly string[]).includes(reason) ? `recap.reason.${reason}` : 'recap.reason.other') as MessageKey);
}

function approverLabel(locale: Locale, role: string): string {
  return t(locale, (role === 'supervisor' || role === 'senior_agent' ? `recap.approver.${role}` : 'recap.approver.other') as MessageKey);
}

/** One sentence of a fact, in the agent's language. */
export function recapLine(fact: RecapFact, opts: RecapOptions): string {
  const { locale, timeZone } = opts;
  const amount = (value: number, cur: string) => formatAmount(locale, value, cur);
  switch (fact.kind) {
    case 'verified': {
      const questions = fact.questions.map((q) => t(locale, `recap.question.${q}` as MessageKey)).join(t(locale, 'recap.questions.join'));
      return t(locale, 'recap.verified', { time: formatTime(locale, fact.at, timeZone), questions });
    }
    case 'verify_failed':
      return t(locale, 'recap.verifyFailed', { time: formatTime(locale, fact.at, timeZone) });
    case 'verify_locked':
      return t(locale, 'recap.verifyLocked', { time: formatTime(locale, fact.at, timeZone) });
    case 'bill_explained':
      return t(locale, 'recap.billExplained', { month: monthOf(locale, fact.cycleStart) });
    case 'bill_compared':
      return t(locale, 'recap.billCompared', { month: monthOf(locale, fact.cycleStart), previousMonth: monthOf(locale, fact.previousCycleStart) });
    case 'plan_quoted':
      return t(locale, 'recap.planQuoted', { plan: fact.planName, date: dayOf(locale, fact.from) });
    case 'plan_changed':
      return t(locale, 'recap.planChanged', { plan: fact.planName, date: dayOf(locale, fact.from) });
    case 'credit_granted':
      return t(locale, 'recap.creditGranted', { amount: amount(fact.amount, fact.currency), reason: reasonLabel(locale, fact.reason) });
    case 'credit_reversed':
      return t(locale, 'recap.creditReversed', { amount: amount(fact.amount, fact.currency) });
    case 'refund_paid':
      return t(locale, 'recap.refundPaid', { amount: amount(fact.amount, fact.currency) });
    case 'refund_requested':
      return t(locale, 'recap.refundRequested', { amount: amount(fact.amount, fact.currency), approver: approverLabel(locale, fact.approverRole) });
    case 'copy_sent':
      return t(locale, fact.channel === 'email' ? 'recap.copySentEmail' : 'recap.copySentPost', { number: fact.number });
    case 'dispute_opened':
      return t(locale, 'recap.disputeOpened', { amount: amount(fact.amount, fact.currency) });
    case 'dispute_credited':
      return t(locale, 'recap.disputeCredited');
    case 'dispute_rejected':
      return fact.reason ? t(locale, 'recap.disputeRejectedBecause', { reason: fact.reason }) : t(locale, 'recap.disputeRejected');
    case 'customer_cancelled':
      return t(locale, 'recap.customerCancelled', { reason: t(locale, `cancel.reason.${fact.reason}`).toLowerCase(), date: dayOf(locale, fact.from) });
    case 'payment_plan_agreed':
      return t(locale, 'recap.paymentPlanAgreed', { amount: amount(fact.balance, fact.currency), count: fact.instalments, date: dayOf(locale, fact.firstDue) });
    case 'payment_plan_requested':
      return t(locale, 'recap.paymentPlanRequested', {
        amount: amount(fact.balance, fact.currency),
        count: fact.instalments,
        approver: approverLabel(locale, fact.approverRole),
      });
    case 'approval_requested':
      return t(locale, 'recap.approvalRequested', {
        amount: amount(fact.amount, fact.currency),
        reason: reasonLabel(locale, fact.reason),
        approver: approverLabel(locale, fact.approverRole),
      });
    case 'approval_decided': {
      const requested = fact.requested === null ? '' : amount(fact.requested, fact.currency);
      const approver = approverLabel(locale, fact.approverRole);
      if (fact.outcome === 'refused') return t(locale, 'recap.approvalRefused', { requested, approver }).trimStart();
      if (fact.outcome === 'lowered') return t(locale, 'recap.approvalLowered', { requested, approved: amount(fact.approved ?? 0, fact.currency), approver });
      return t(locale, 'recap.approvalApplied', { requested, approver }).trimStart();
    }
  }
}

/** The disposition a call's facts suggest: what changed most, else that the question was answered. */
export function suggestDisposition(facts: readonly RecapFact[]): SuggestedDisposition {
  if (!facts.some((f) => f.kind === 'verified')) return 'no_verification';
  if (facts.some((f) => f.kind === 'plan_changed')) return 'plan_changed';
  if (facts.some((f) => f.kind === 'credit_granted' || (f.kind === 'approval_decided' && f.outcome !== 'refused'))) return 'credit_granted';
  if (facts.some((f) => f.kind === 'approval_requested')) return 'escalated';
  return 'billing_question_answered';
}

/** The recap of a call: its facts, the note's first draft (one line each) and the disposition. */
export function callRecap(entries: readonly RecapEntry[], opts: RecapOptions): CallRecap {
  const facts = recapFacts(entries);
  return { facts, note: facts.map((f) => recapLine(f, opts)).join('\n'), disposition: suggestDisposition(facts) };
}
