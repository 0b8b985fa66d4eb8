/**
 * Property, through the API: whatever two agents ask for, in whatever order, on one customer —
 * grants of every reason and kind, with any amounts and justifications, and reversals of their
 * own grants — what the ledger ends up holding never exceeds the customer's caps, a reason's caps,
 * an agent's per-credit limit or an agent's daily limit. Checked from the raw ledger rows, not
 * with the service's own arithmetic. 200 runs, each on a fresh customer and two fresh agents.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GrantResult } from '../../../src/core/api';
import { SAMPLE_POLICY, effectiveLimits, type ReasonCode } from '../../../src/core/policy';
import { startTestHost, type TestHost } from '../../fixtures/app-host';
import { call, freshStaff, ledgerRows, makeCustomer, verifiedCall } from './helpers';

let t: TestHost;
beforeAll(() => {
  t = startTestHost(60);
});
afterAll(() => t.dispose());

const amount = (max: number) => fc.integer({ min: 1, max });
/** Mostly amounts an agent can grant alone (so the ledger fills up), sometimes far over. */
const request = fc.oneof(
  fc.record({
    kind: fc.constant('one_off_credit'),
    reason: fc.constant('goodwill'),
    target: fc.constantFrom('invoice', 'account'),
    amount: fc.oneof(amount(1000), amount(4000)),
  }),
  fc.oneof(amount(8500), fc.integer({ min: 3000, max: 8000 })).chain((a) =>
    fc.record({
      kind: fc.constant('one_off_credit'),
      reason: fc.constant('billing_error'),
      target: fc.constantFrom('invoice', 'account'),
      amount: fc.constant(a),
      disputedAmount: fc.oneof(fc.constant(a), amount(9000)),
    }),
  ),
  fc.record({
    kind: fc.constant('one_off_credit'),
    reason: fc.constant('service_outage'),
    target: fc.constant('account'),
    amount: fc.oneof(amount(2000), amount(6000)),
    outageDays: fc.integer({ min: 0, max: 31 }),
  }),
  fc.record({
    kind: fc.constant('recurring_discount'),
    reason: fc.constant('retention_offer'),
    form: fc.constant('amount'),
    amountPerCycle: fc.oneof(amount(1000), amount(3000)),
    cycles: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    kind: fc.constant('recurring_discount'),
    reason: fc.constant('retention_offer'),
    form: fc.constant('percent'),
    percentBp: fc.integer({ min: 1, max: 3000 }),
    cycles: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    kind: fc.constant('fee_waiver'),
    reason: fc.constant('late_fee_waiver'),
    fee: fc.constant('late_fee'),
    amount: fc.oneof(fc.constant(750), amount(1000)),
  }),
);
const action = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('grant' as const), agent: fc.integer({ min: 0, max: 1 }), request }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('reverse' as const), agent: fc.integer({ min: 0, max: 1 }), pick: fc.nat() }) },
);
const customer = fc.record({
  churnRisk: fc.constantFrom('low' as const, 'medium' as const, 'high' as const),
  standing: fc.constantFrom('good' as const, 'late' as const),
  totals: fc.array(fc.integer({ min: 6000, max: 20_000 }), { minLength: 3, maxLength: 3 }),
});

const CUSTOMER_CAP = SAMPLE_POLICY.customerCaps.rolling12Months;

it('no sequence of allowed grants by two agents exceeds a cap or a limit', async () => {
  await fc.assert(
    fc.asyncProperty(customer, fc.array(action, { minLength: 4, maxLength: 20, size: '+1' }), async (spec, actions) => {
      const db = t.host.db.$client;
      const c = makeCustomer(db, spec);
      const agents = [freshStaff(t.host, 'agent'), freshStaff(t.host, 'agent')];
      const calls = [await verifiedCall(t.host, agents[0]!, c.customerId), await verifiedCall(t.host, agents[1]!, c.customerId)];
      const granted: string[][] = [[], []];

      for (const a of actions) {
        const who = agents[a.agent]!;
        if (a.type === 'grant') {
          const r = await call(t.host, who.client, 'discounts.grant', { interactionId: calls[a.agent], request: a.request });
          if (r.ok) {
            const v = r.value as GrantResult;
            if (v.status === 'granted') granted[a.agent]!.push(...v.ledgerEntryIds);
          } else {
            expect(r.error.code).toBe('POLICY_REFUSED');
          }
        } else if (granted[a.agent]!.length > 0) {
          const ids = granted[a.agent]!;
          const r = await call(t.host, who.client, 'discounts.reverse', {
            interactionId: calls[a.agent],
            ledgerEntryId: ids[a.pick % ids.length],
            reason: 'property run',
          });
          if (!r.ok) expect(r.error.code).toBe('CONFLICT');
        }
      }

      // What the ledger holds, from raw rows: entries not reversed (every entry here is granted
      // today, so a reversed recurring discount was billed on no invoice yet).
      const rows = ledgerRows(db, c.accountId);
      const reversed = new Set(rows.filter((r) => r.kind === 'reversal').map((r) => r.reverses_id));
      const live = rows.filter((r) => r.kind !== 'reversal' && !reversed.has(r.id));
      expect(
        rows
          .filter((r) => r.kind !== 'reversal')
          .map((r) => r.id)
          .sort(),
      ).toEqual([...granted[0]!, ...granted[1]!].sort());

      for (let k = 0; k < 2; k++) {
        const mine = live.filter((r) => r.actor_id === agents[k]!.userId);
        expect(mine.reduce((s, r) => s + r.amount, 0)).toBeLessThanOrEqual(SAMPLE_POLICY.roleLimits.agent.perDayMax);
        for (const r of mine) expect(r.amount).toBeLessThanOrEqual(effectiveLimits(SAMPLE_POLICY, r.reason_code as ReasonCode, 'agent').perActionMax);
      }
      const toward = live.filter((r) => SAMPLE_POLICY.reasons[r.reason_code as ReasonCode].countsTowardCustomerCap);
      expect(toward.length).toBeLessThanOrEqual(CUSTOMER_CAP.maxCount);
      expect(toward.reduce((s, r) => s + r.amount, 0)).toBeLessThanOrEqual(CUSTOMER_CAP.maxAmount);
      for (const [reason, rules] of Object.entries(SAMPLE_POLICY.reasons)) {
        if (!rules.caps) continue;
        const of = live.filter((r) => r.reason_code === reason);
        expect(of.length).toBeLessThanOrEqual(rules.caps.rolling12Months.maxCount);
        expect(of.reduce((s, r) => s + r.amount, 0)).toBeLessThanOrEqual(rules.caps.rolling12Months.maxAmount);
      }
      // A recurring discount never runs longer or deeper than the policy allows.
      for (const r of live.filter((x) => x.kind === 'recurring_discount')) {
        const terms = JSON.parse(r.terms!) as { cycles: number; amountPerCycle: number };
        expect(terms.cycles).toBeLessThanOrEqual(SAMPLE_POLICY.reasons.retention_offer.kinds.recurring_discount!.maxCycles);
        expect(terms.amountPerCycle * terms.cycles).toBe(r.amount);
      }
    }),
    { numRuns: 200 },
  );
}, 300_000);
