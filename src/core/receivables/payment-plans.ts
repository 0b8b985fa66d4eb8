/**
 * Payment plans: an overdue balance split into monthly instalments, within limits the policy
 * sets as data (PolicyDocument.receivables.paymentPlans). Same decision style as a discount or a
 * refund — allowed / needs approval by whom / refused — with each rule's outcome as data and its
 * sentence by message key (en + fr).
 *
 *   instalments_whole   a whole number of instalments, at least 2
 *   overdue_minimum     the overdue balance (disputed amounts set aside) reaches the policy's minimum
 *   no_active_plan      one plan at a time: a second would ask for the same money twice
 *   no_broken_plan      no plan broken (an instalment missed) in the last N months
 *   minimum_instalment  every instalment is at least the policy's minimum amount
 *   instalment_limit    no more instalments than the actor's role may agree; above → the lowest
 *                       role whose maximum covers it approves; above every role's → refused
 *
 * THE SCHEDULE sums exactly to the balance in minor units: the balance is split in equal whole
 * cents and the remainder cents go on the FIRST instalment — the odd cents are collected soonest
 * (the least money waits longest), and every later instalment is the same amount, which is the
 * one sentence the agent reads out ("€40.02 on 5 March, then 2 × €40.00").
 *
 * WHAT PAYS AN INSTALMENT. A plan covers the invoices that were overdue on the day it was
 * agreed: the account's invoices due before that day (what the plan's balance was made of).
 * Issued bills are frozen documents, so that set never changes and is read again from the
 * invoices themselves (planInvoiceIds) rather than copied. Money counts towards the plan only as
 * allocation.ts allocates it: a payment received from the agreement day on pays the plan with
 * what it settles on those invoices. A payment directed at a newer bill (the customer paying
 * this month's bill as usual) settles that bill, not the plan — so keeping up with new bills can
 * never make a plan look paid; an undirected payment goes to the oldest debt first, which is
 * the plan's. Credits and credit notes lower what is owed but are not the customer keeping the
 * plan: only payments count. An instalment is paid when what has been paid to the plan reaches
 * the schedule's cumulative amount up to it; on time when that was reached by its due date.
 */
import { z } from 'zod';
import { lowestRoleFor, type Role } from '../api/roles';
import { daysInMonth } from '../calendar';
import type { Minor } from '../money/money';
import type { Outcome, RuleResult } from '../policy/decide';
import type { Allocation } from './allocation';

const minor = z.number().int().min(0).max(100_000_000);
const count = z.number().int().min(2).max(60);

export const paymentPlanPolicySchema = z.strictObject({
  /** The overdue balance a plan needs at least (a few euros are paid, not planned). */
  minOverdueBalance: minor,
  /** A plan broken within this many months makes the customer ineligible. */
  brokenPlanLookbackMonths: z.number().int().min(0).max(120),
  /** The most instalments each role may agree alone. */
  maxInstalments: z.strictObject({ agent: count, senior_agent: count, supervisor: count }),
  /** No instalment below this. */
  minInstalmentAmount: minor,
});
export type PaymentPlanPolicy = z.infer<typeof paymentPlanPolicySchema>;

/** €30 overdue at least, nothing broken in 12 months, 3 instalments for an agent, 6 senior, 12 supervisor, €10 each at least. */
export const DEFAULT_PAYMENT_PLAN_POLICY: PaymentPlanPolicy = {
  minOverdueBalance: 3_000,
  brokenPlanLookbackMonths: 12,
  maxInstalments: { agent: 3, senior_agent: 6, supervisor: 12 },
  minInstalmentAmount: 1_000,
};

export type PaymentPlanRule = 'instalments_whole' | 'overdue_minimum' | 'no_active_plan' | 'no_broken_plan' | 'minimum_instalment' | 'instalment_limit';
export type PaymentPlanOutcome = Outcome;
export type PaymentPlanRuleResult = RuleResult<PaymentPlanRule>;

export interface PaymentPlanFacts {
  /** What is overdue on the account now, open disputes set aside. */
  readonly overdueBalance: Minor;
  readonly currency: string;
  /** Plans agreed or waiting for approval now. */
  readonly activePlans: number;
  /** The latest day a plan of this account was broken (an instalment missed), or null. */
  readonly lastBrokenOn: string | null;
  readonly today: string;
}

export interface PaymentPlanRequest {
  readonly instalments: number;
  /** The first instalment's due date (then the same day of each following month). */
  readonly firstDueOn: string;
}

export interface Instalment {
  readonly seq: number;
  readonly dueOn: string;
  readonly amount: Minor;
}

export interface PaymentPlanDecision {
  readonly outcome: PaymentPlanOutcome;
  readonly approverRole?: Role;
  readonly balance: Minor;
  readonly currency: string;
  readonly rules: readonly PaymentPlanRuleResult[];
  /** The schedule the plan would have (empty when the count is not a valid number). */
  readonly schedule: readonly Instalment[];
  /** The most instalments this actor may agree alone on this balance (0: no plan possible). */
  readonly maxInstalmentsNow: number;
}

/** `date` moved `months` months on, on the same day of the month or the month's last day. */
export function monthsLater(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = (((m % 12) + 12) % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The instalments of `balance` in `n` monthly parts: exact sum, remainder cents on the first. */
export function instalmentSchedule(balance: Minor, n: number, firstDueOn: string): Instalment[] {
  if (!Number.isSafeInteger(n) || n < 1 || !Number.isSafeInteger(balance) || balance <= 0) return [];
  const base = Math.floor(balance / n);
  const remainder = balance - base * n;
  return Array.from({ length: n }, (_, i) => ({ seq: i + 1, dueOn: monthsLater(firstDueOn, i), amount: i === 0 ? base + remainder : base }));
}

export function decidePaymentPlan(policy: PaymentPlanPolicy, role: Role, facts: PaymentPlanFacts, request: PaymentPlanRequest): PaymentPlanDecision {
  const n = request.instalments;
  const whole = Number.isSafeInteger(n) && n >= 2;
  const balance = Math.max(0, facts.overdueBalance);
  const brokenSince = monthsLater(facts.today, -policy.brokenPlanLookbackMonths);
  const recentlyBroken = facts.lastBrokenOn !== null && facts.lastBrokenOn >= brokenSince;
  const smallest = whole ? Math.floor(balance / n) : 0;
  const rules: PaymentPlanRuleResult[] = [
    { rule: 'instalments_whole', passed: whole, params: { instalments: whole ? n : 0 } },
    { rule: 'overdue_minimum', passed: balance > 0 && balance >= policy.minOverdueBalance, params: { balance, minimum: policy.minOverdueBalance } },
    { rule: 'no_active_plan', passed: facts.activePlans === 0, params: { active: facts.activePlans } },
    {
      rule: 'no_broken_plan',
      passed: !recentlyBroken,
      params: { months: policy.brokenPlanLookbackMonths, ...(facts.lastBrokenOn ? { brokenOn: facts.lastBrokenOn } : {}) },
    },
    { rule: 'minimum_instalment', passed: whole && smallest >= policy.minInstalmentAmount, params: { smallest, minimum: policy.minInstalmentAmount } },
  ];
  const eligible = rules.every((r) => r.passed);
  const byAmount = policy.minInstalmentAmount > 0 ? Math.floor(balance / policy.minInstalmentAmount) : Number.MAX_SAFE_INTEGER;
  const possible = rules.slice(1, 4).every((r) => r.passed);
  const maxInstalmentsNow = possible ? Math.max(0, Math.min(policy.maxInstalments[role], byAmount)) : 0;
  const schedule = whole ? instalmentSchedule(balance, n, request.firstDueOn) : [];
  const base = { balance, currency: facts.currency, schedule, maxInstalmentsNow: maxInstalmentsNow >= 2 ? maxInstalmentsNow : 0 };
  if (!eligible) return { ...base, outcome: 'refused', rules };
  const limit = policy.maxInstalments[role];
  const within = n <= limit;
  const approver = within ? null : lowestRoleFor(policy.maxInstalments, n);
  rules.push({ rule: 'instalment_limit', passed: within, params: { instalments: n, limit, role, ...(approver ? { approverRole: approver } : {}) } });
  if (within) return { ...base, outcome: 'allowed', rules };
  if (approver === null) return { ...base, outcome: 'refused', rules };
  return { ...base, outcome: 'needs_approval', approverRole: approver, rules };
}

export type InstalmentStatus = 'due' | 'paid' | 'missed';

export interface InstalmentState extends Instalment {
  readonly status: InstalmentStatus;
  /** What payments since the plan was agreed have put towards it. */
  readonly paid: Minor;
  /** Paid in full, but after its due date (it was missed first: the plan is still broken). */
  readonly late: boolean;
}

export interface PlanPayment {
  readonly on: string;
  /** What the payment put towards the plan (planPayments: its allocation to the plan's invoices). */
  readonly amount: Minor;
}

/** The invoices a plan agreed on `agreedOn` covers: those due before that day (overdue then). */
export function planInvoiceIds(invoices: readonly { readonly id: string; readonly dueOn: string }[], agreedOn: string): Set<string> {
  return new Set(invoices.filter((i) => i.dueOn < agreedOn).map((i) => i.id));
}

/**
 * What payments received from the agreement day on put towards the plan: their allocations
 * (allocation.ts) to the plan's invoices, dated the day each payment was received. `received`
 * maps a payment's id to that day; any other source of money (a credit, a credit note, the
 * opening balance) is not a payment and pays no instalment.
 */
export function planPayments(
  allocations: readonly Allocation[],
  received: ReadonlyMap<string, string>,
  covered: ReadonlySet<string>,
  agreedOn: string,
): PlanPayment[] {
  const out: PlanPayment[] = [];
  for (const a of allocations) {
    const on = received.get(a.sourceId);
    if (on === undefined || on < agreedOn || !covered.has(a.invoiceId) || a.amount <= 0) continue;
    out.push({ on, amount: a.amount });
  }
  return out;
}

/**
 * Each instalment's status from the payments made from the day the plan was agreed: payments
 * fill the instalments in order (the first first). An instalment is
 *   paid    covered by the payments to date
 *   missed  its due date has passed (dueOn < today) and the payments made by its due date did
 *           not cover it (and none since has) — a missed instalment breaks the plan
 *   due     otherwise
 * An instalment paid after its due date is paid, with `late` set (the plan was broken that day).
 */
export function instalmentStates(schedule: readonly Instalment[], agreedOn: string, payments: readonly PlanPayment[], today: string): InstalmentState[] {
  const counted = payments.filter((p) => p.on >= agreedOn && p.on <= today && p.amount > 0).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const total = counted.reduce((s, p) => s + p.amount, 0);
  let before = 0;
  return [...schedule]
    .sort((a, b) => a.seq - b.seq)
    .map((i) => {
      const upTo = before + i.amount;
      const paid = Math.max(0, Math.min(i.amount, total - before));
      const byDue = counted.filter((p) => p.on <= i.dueOn).reduce((s, p) => s + p.amount, 0);
      before = upTo;
      const onTime = byDue >= upTo;
      if (paid >= i.amount) return { ...i, status: 'paid' as const, paid, late: !onTime };
      return { ...i, status: i.dueOn < today ? ('missed' as const) : ('due' as const), paid, late: false };
    });
}

/**
 * A plan's instalments as they stand today, from the account's allocation (accountReceivables),
 * its invoices and its payments — the one reading the desk and the hub both make.
 */
export function planStates(
  plan: { readonly agreedOn: string; readonly schedule: readonly Instalment[] },
  account: {
    readonly allocations: readonly Allocation[];
    readonly invoices: readonly { readonly id: string; readonly dueOn: string }[];
    readonly payments: readonly { readonly id: string; readonly receivedOn: string }[];
  },
  today: string,
): InstalmentState[] {
  const received = new Map(account.payments.map((p) => [p.id, p.receivedOn]));
  const paid = planPayments(account.allocations, received, planInvoiceIds(account.invoices, plan.agreedOn), plan.agreedOn);
  return instalmentStates(plan.schedule, plan.agreedOn, paid, today);
}

/** The day the plan broke (the first instalment whose due date passed unpaid), or null. */
export function brokenOn(states: readonly InstalmentState[]): string | null {
  const first = states.find((s) => s.status === 'missed' || s.late);
  return first ? first.dueOn : null;
}

/**
 * What the account's agreed plans (each as its instalment states) tell the decision on a new
 * one: how many are still running, and the latest day one broke (null: none broke) — the one
 * reading the desk and the hub both make.
 */
export function agreedPlansHistory(plans: readonly (readonly InstalmentState[])[]): { activePlans: number; lastBrokenOn: string | null } {
  let activePlans = 0;
  let lastBrokenOn = null as string | null;
  for (const states of plans) {
    const broke = brokenOn(states);
    if (broke !== null) lastBrokenOn = lastBrokenOn === null || broke > lastBrokenOn ? broke : lastBrokenOn;
    else if (!states.every((s) => s.status === 'paid')) activePlans++;
  }
  return { activePlans, lastBrokenOn };
}
