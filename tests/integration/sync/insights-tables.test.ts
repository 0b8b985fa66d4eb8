/**
 * The insights' tables come down from the hub like any synced table: an assignment the hub kept
 * for a customer this desk also enrolled offline (another id, same experiment) replaces the
 * desk's own row instead of breaking the pull on the (experiment, customer) unique index;
 * exposures and outcomes are applied as sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../src/core/sync/protocol';
import { createSyncApplier } from '../../../src/main/sync/apply';
import { tempStore } from '../demo/helpers';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const CUSTOMER = '019a0000-0000-7000-8000-000000000001';
const assignment = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  experiment_id: 'retention-holdout-2026',
  customer_id: CUSTOMER,
  arm: 'offer',
  bucket: 4321,
  assigned_on: '2026-03-02',
  assigned_at: '2026-03-02T09:00:00.000Z',
  policy_version: 1,
  interaction_id: null,
  actor_id: null,
  churn_risk: 'high',
  standing: 'good',
  tenure_months: 7,
  bill_shock: 1,
  command_id: null,
  ...over,
});

function store() {
  const s = tempStore();
  cleanups.push(s.cleanup);
  const c = s.db.$client;
  c.prepare(
    "INSERT INTO customers (id, given_name, family_name, date_of_birth, category, country, locale, churn_risk, created_at) VALUES (?, 'A', 'B', '1980-01-01', 'residential', 'FR', 'fr', 'high', '2024-01-01T00:00:00Z')",
  ).run(CUSTOMER);
  const insert = c.prepare(
    `INSERT INTO experiment_assignments (id, experiment_id, customer_id, arm, bucket, assigned_on, assigned_at, policy_version, interaction_id, actor_id, churn_risk, standing, tenure_months, bill_shock, command_id)
     VALUES (@id, @experiment_id, @customer_id, @arm, @bucket, @assigned_on, @assigned_at, @policy_version, @interaction_id, @actor_id, @churn_risk, @standing, @tenure_months, @bill_shock, @command_id)`,
  );
  const applier = createSyncApplier(c, { setCursor: () => {}, setSnapshotProgress: () => {} });
  const rows = () => c.prepare('SELECT id, tenure_months AS tenure FROM experiment_assignments ORDER BY id').all();
  return { c, insert, applier, rows };
}

const change = (seq: number, table: string, row: Record<string, unknown>): Change => ({
  xid: '10',
  seq: String(seq),
  table,
  pk: String(row['id']),
  op: 'upsert',
  row,
});

describe('insights tables from the hub', () => {
  it('the hub’s first assignment replaces the desk’s own for the same customer; a newer version of it updates it', () => {
    const { insert, applier, rows } = store();
    insert.run(assignment('desk-own', { tenure_months: 30 }));
    applier.applyChanges([change(1, 'experiment_assignments', assignment('hub-first'))], { xid: '10', seq: '1' });
    expect(rows()).toEqual([{ id: 'hub-first', tenure: 7 }]);
    applier.applyChanges([change(2, 'experiment_assignments', assignment('hub-first', { tenure_months: 8 }))], { xid: '10', seq: '2' });
    expect(rows()).toEqual([{ id: 'hub-first', tenure: 8 }]);
  });

  it('another experiment’s or another customer’s assignment is left alone; the desk still cannot enrol twice itself', () => {
    const { insert, applier, rows } = store();
    insert.run(assignment('desk-own'));
    applier.applyChanges([change(1, 'experiment_assignments', assignment('hub-other', { experiment_id: 'goodwill-holdout-2026' }))], { xid: '10', seq: '1' });
    expect(rows()).toEqual([
      { id: 'desk-own', tenure: 7 },
      { id: 'hub-other', tenure: 7 },
    ]);
    // The enrolment reads before it writes; a plain second insert of the same id still fails.
    expect(() => insert.run(assignment('desk-own'))).toThrow(/UNIQUE|constraint/);
  });

  it('exposures and outcomes are applied as the hub sends them', () => {
    const { c, applier } = store();
    applier.applyChanges(
      [
        change(1, 'experiment_exposures', {
          id: 'x1',
          experiment_id: 'retention-holdout-2026',
          customer_id: CUSTOMER,
          arm: 'offer',
          interaction_id: null,
          actor_id: null,
          exposed_at: '2026-03-02T09:00:00.000Z',
          offer_made: 1,
          command_id: null,
        }),
        change(2, 'customer_outcomes', {
          id: 'o1',
          customer_id: CUSTOMER,
          kind: 'cancellation',
          occurred_on: '2026-05-01',
          reason: 'price',
          recorded_at: '2026-05-01T10:00:00.000Z',
        }),
      ],
      { xid: '10', seq: '2' },
    );
    expect(c.prepare('SELECT offer_made FROM experiment_exposures').pluck().all()).toEqual([1]);
    expect(c.prepare('SELECT occurred_on FROM customer_outcomes').pluck().all()).toEqual(['2026-05-01']);
  });
});
