/**
 * What happened on a demo customer's line since they joined: the plan they took and changed,
 * options added and removed, promotions granted (and ended — the bill goes up the month after),
 * how much they use, how they pay, and the credits agents granted. Shaped after the calls a
 * billing desk gets: "my bill went up", "I was charged for extra data", "why this late fee?",
 * "you promised me a discount", "I want to leave".
 */
import type { Catalog, CreditReason, Id, Plan } from '../../core/billing';
import type { Cycle } from './calendar';
import { FEES, NEW_PLAN_WEIGHTS, OPTIONS, PLAN_LADDER, PROMOTIONS } from './catalog';
import type { Person } from './person';
import { type Rng, Weighted } from './random';

export type Payer = 'prompt' | 'late' | 'struggling' | 'defaulting';

/** One dated event on the line, as subscription_changes records it. */
export interface LineEvent {
  readonly day: number;
  readonly change: 'start' | 'plan_change' | 'option_add' | 'option_remove' | 'promotion_start';
  readonly item: Id;
}

export interface CreditPlan {
  readonly day: number;
  readonly reason: Exclude<CreditReason, 'reversal'>;
  /** For an outage: how many days the line was down. */
  readonly outageDays: number;
}

export interface Timeline {
  readonly start: number;
  /** In day order; the first is the start. */
  readonly events: readonly LineEvent[];
  readonly firstPlan: Plan;
  /** Usage habits per full month. */
  readonly dataNeedMb: number;
  readonly voiceNeed: number;
  readonly smsNeed: number;
  readonly payer: Payer;
  readonly directDebit: boolean;
  readonly paperBill: boolean;
  /** One-off fees charged when the line was set up (SIM card, installation). */
  readonly setupFees: readonly Id[];
  readonly credits: readonly CreditPlan[];
}

const CREDIT_REASONS = new Weighted<CreditPlan['reason']>([
  ['goodwill', 40],
  ['service-outage', 35],
  ['billing-error', 15],
  ['retention', 10],
]);

/** A day strictly inside a cycle (never its first or last), for changes that prorate. */
function dayWithin(rng: Rng, cycle: Cycle): number {
  return cycle.start + rng.int(1, cycle.days - 2);
}

const GB = 1024;

export class TimelinePlanner {
  private readonly newPlans: Record<'residential' | 'business', Weighted<Plan>>;
  private readonly plans: ReadonlyMap<Id, Plan>;

  constructor(
    private readonly catalog: Catalog,
    private readonly billed: readonly Cycle[],
    private readonly current: Cycle,
    private readonly today: number,
  ) {
    this.plans = new Map(catalog.plans.map((p) => [p.id, p]));
    const weighted = (entries: ReadonlyArray<readonly [Id, number]>) => new Weighted(entries.map(([id, w]) => [this.plans.get(id)!, w] as const));
    this.newPlans = { residential: weighted(NEW_PLAN_WEIGHTS.residential), business: weighted(NEW_PLAN_WEIGHTS.business) };
  }

  plan(rng: Rng, person: Person): Timeline {
    const { billed, catalog } = this;
    const months = billed.length;
    // Joined on some day of the first cycle after its 1st, so the first bill is prorated.
    const start = dayWithin(rng, billed[0]!);
    const firstPlan = this.newPlans[person.business ? 'business' : 'residential'].pick(rng);
    const events: LineEvent[] = [{ day: start, change: 'start', item: firstPlan.id }];

    // Heavy users outgrow a small allowance: overage months, then an upgrade or Data+.
    const data = firstPlan.allowances.dataMb;
    const heavy = rng.chance(data !== 'unlimited' && data <= 10 * GB ? 0.35 : 0.05);
    const dataNeedMb = data === 'unlimited' ? (5 + rng.float() * 115) * GB : data * (heavy ? 0.85 + rng.float() * 0.2 : 0.1 + rng.float() * 0.6);
    const voice = firstPlan.allowances.voiceMinutes;
    const voiceNeed = voice === 'unlimited' ? 30 + rng.float() * 870 : voice * (0.3 + rng.float() * 0.7);
    const smsNeed = rng.float() * 300;

    let rung = PLAN_LADDER.indexOf(firstPlan.id);
    if (rung >= 0 && months >= 5 && rng.chance(heavy ? 0.35 : 0.18)) {
      const up = heavy || rng.chance(0.55);
      let k = rng.int(2, months - 2);
      for (let moves = 0; moves < 2 && k < months; moves++) {
        const next = up ? Math.min(PLAN_LADDER.length - 1, rung + 1) : Math.max(0, rung - 1);
        if (next === rung) break;
        rung = next;
        events.push({ day: dayWithin(rng, billed[k]!), change: 'plan_change', item: PLAN_LADDER[rung]! });
        if (!rng.chance(0.2)) break;
        k += rng.int(2, 4);
      }
    }

    const taken = new Set<Id>();
    const addOption = (id: Id, k: number) => {
      if (taken.has(id) || k >= months) return;
      taken.add(id);
      const day = k === 0 ? start : dayWithin(rng, billed[k]!);
      events.push({ day, change: 'option_add', item: id });
      if (id === OPTIONS.tv && rng.chance(0.5)) events.push({ day, change: 'promotion_start', item: PROMOTIONS.tv });
      if (k + 2 < months && rng.chance(0.3)) events.push({ day: dayWithin(rng, billed[rng.int(k + 2, months - 1)]!), change: 'option_remove', item: id });
    };
    if (heavy && rng.chance(0.2)) addOption(OPTIONS.dataPlus, rng.int(1, months - 1));
    if (rng.chance(0.25)) {
      addOption(rng.pick(catalog.options).id, rng.chance(0.5) ? 0 : rng.int(1, months - 1));
      if (rng.chance(0.2)) addOption(rng.pick(catalog.options).id, rng.int(1, months - 1));
    }

    // Promotions granted on joining; each ends after its number of cycles.
    const welcome = catalog.promotions.find((p) => p.id === PROMOTIONS.welcome)!;
    const eligible = welcome.target.kind === 'plan' && (welcome.target.planIds?.includes(firstPlan.id) ?? true);
    if (eligible && rng.chance(0.4)) events.push({ day: start, change: 'promotion_start', item: PROMOTIONS.welcome });
    if (firstPlan.id === 'fibre-mobile' && rng.chance(0.7)) events.push({ day: start, change: 'promotion_start', item: PROMOTIONS.fibre });
    events.sort((a, b) => a.day - b.day);

    // Customers at risk of leaving are more often those who pay late.
    const lateWeight = person.churnRisk === 'high' ? 3 : person.churnRisk === 'medium' ? 1.6 : 1;
    const roll = rng.float() * 100;
    const payer: Payer = roll < 0.6 * lateWeight ? 'defaulting' : roll < 5 * lateWeight ? 'struggling' : roll < 14 * lateWeight ? 'late' : 'prompt';

    const credits: CreditPlan[] = [];
    const creditCount = rng.chance(person.churnRisk === 'high' ? 0.3 : 0.12) ? (rng.chance(0.2) ? 2 : 1) : 0;
    for (let n = 0; n < creditCount; n++) {
      // Mostly in past cycles; one in ten is this month's and not on a bill yet.
      const k = rng.chance(0.1) ? months : rng.int(1, months - 1);
      const cycle = billed[k];
      const day = cycle ? dayWithin(rng, cycle) : this.current.start + rng.int(0, this.today - this.current.start);
      credits.push({ day, reason: CREDIT_REASONS.pick(rng), outageDays: rng.int(1, 6) });
    }

    const setupFees: Id[] = [];
    if (rng.chance(0.6)) setupFees.push(FEES.simCard);
    if (firstPlan.id === 'fibre-mobile') setupFees.push(FEES.installation);

    return {
      start,
      events,
      firstPlan,
      dataNeedMb,
      voiceNeed,
      smsNeed,
      payer,
      directDebit: rng.chance(0.8),
      paperBill: rng.chance(person.age >= 70 ? 0.35 : 0.05),
      setupFees,
      credits,
    };
  }
}
