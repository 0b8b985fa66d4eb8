/** Arm assignment: a pure function of (experiment, customer); the held-out share converges; eligibility follows the policy. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignArm, assignmentBucket, enrolment, enrolments, fnv1a32, heldOutReasons, type Experiment } from '../../../src/core/experiments';
import { parsePolicy, PolicyError, SAMPLE_POLICY } from '../../../src/core/policy';

const experiment = SAMPLE_POLICY.experiments![0]!;
const uuid = fc.uuid();

describe('arm assignment', () => {
  it('FNV-1a matches the published test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('is a function of experiment and customer only: same answer on any desk, at any time, in any order', () => {
    fc.assert(
      fc.property(fc.array(uuid, { minLength: 1, maxLength: 50 }), fc.integer({ min: 0, max: 2 ** 40 }), (ids, fakeNow) => {
        const first = ids.map((c) => assignArm(experiment, c));
        // Another "desk": the ids in reverse order, after other work, with a different clock reading.
        const realNow = Date.now;
        Date.now = () => fakeNow;
        try {
          const again = [...ids]
            .reverse()
            .map((c) => assignArm(experiment, c))
            .reverse();
          expect(again).toEqual(first);
        } finally {
          Date.now = realNow;
        }
      }),
    );
  });

  it('a bucket is in 0…9999 and the arm follows it', () => {
    fc.assert(
      fc.property(uuid, fc.integer({ min: 100, max: 5000 }), (c, holdoutBp) => {
        const b = assignmentBucket(experiment.id, c);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThan(10_000);
        expect(assignArm({ id: experiment.id, holdoutBp }, c)).toBe(b < holdoutBp ? 'holdout' : 'offer');
      }),
    );
  });

  it('the held-out share converges to the declared share (within 4 binomial SE) for any share and experiment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 5000 }),
        fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,20}$/),
        fc.integer({ min: 0, max: 1e6 }),
        (holdoutBp, id, offset) => {
          const n = 20_000;
          let held = 0;
          for (let i = 0; i < n; i++) if (assignArm({ id, holdoutBp }, `c-${offset + i}`) === 'holdout') held++;
          const p = holdoutBp / 10_000;
          expect(Math.abs(held / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
        },
      ),
      { numRuns: 20 },
    );
  });

  it('UUIDv7s minted a millisecond apart are spread evenly (no clumping from shared prefixes)', () => {
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 50_000; i++) {
      const ms = (0x019a0000000 + i).toString(16).padStart(12, '0');
      const id = `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7000-8000-000000000000`;
      counts[Math.floor(assignmentBucket(experiment.id, id) / 1000)]!++;
    }
    for (const c of counts) expect(Math.abs(c - 5000)).toBeLessThan(4 * Math.sqrt(5000 * 0.9));
  });

  it('different experiments assign independently', () => {
    let both = 0;
    const n = 40_000;
    for (let i = 0; i < n; i++) {
      const a = assignArm({ id: 'exp-a', holdoutBp: 5000 }, `c${i}`) === 'holdout';
      const b = assignArm({ id: 'exp-b', holdoutBp: 5000 }, `c${i}`) === 'holdout';
      if (a && b) both++;
    }
    expect(Math.abs(both / n - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / n));
  });
});

describe('experiment declaration in the policy', () => {
  const withExperiments = (list: unknown[]) => ({ ...JSON.parse(JSON.stringify(SAMPLE_POLICY)), experiments: list });
  const base = JSON.parse(JSON.stringify(experiment)) as Record<string, unknown>;

  it('the sample policy declares a valid experiment; a document without experiments is still valid', () => {
    expect(parsePolicy(SAMPLE_POLICY).experiments).toHaveLength(1);
    const { experiments: _drop, ...old } = SAMPLE_POLICY;
    expect(parsePolicy(old).experiments).toBeUndefined();
  });

  it.each([
    ['an owed reason held out', { reason: 'billing_error' }, 'experiments.0.reason'],
    ['a share over 50 %', { holdoutBp: 6000 }, 'experiments.0.holdoutBp'],
    ['an end before the start', { endsOn: '2025-12-31' }, 'experiments.0.endsOn'],
    ['an id with capitals', { id: 'Retention' }, 'experiments.0.id'],
    ['an unknown key', { colour: 'red' }, 'experiments.0'],
  ])('refuses %s', (_what, change, path) => {
    try {
      parsePolicy(withExperiments([{ ...base, ...change }]));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyError);
      expect((e as PolicyError).issues.map((i) => i.path).some((p) => p.startsWith(path))).toBe(true);
    }
  });

  it('refuses two experiments with the same id', () => {
    expect(() => parsePolicy(withExperiments([base, base]))).toThrow(/another experiment/);
  });
});

describe('eligibility', () => {
  const facts = {
    customerId: '019a0000-0000-7000-8000-000000000001',
    tenureMonths: 12,
    standing: 'good' as const,
    fraudFlag: false,
    churnRisk: 'high' as const,
  };

  it('enrols a customer who could get the offer, in the hashed arm', () => {
    const e = enrolment(SAMPLE_POLICY, experiment, facts, '2026-03-10T10:00:00Z');
    expect(e).toEqual({ eligible: true, experiment, arm: assignArm(experiment, facts.customerId), bucket: assignmentBucket(experiment.id, facts.customerId) });
  });

  it('does not enrol who the policy would never offer to, and says why', () => {
    const e = enrolment(SAMPLE_POLICY, experiment, { ...facts, churnRisk: 'low', standing: 'late', tenureMonths: 2, fraudFlag: true }, '2026-03-10');
    expect(e.eligible).toBe(false);
    if (!e.eligible) expect(e.because).toEqual(['fraud_flag', 'tenure', 'standing', 'churn_risk']);
  });

  it('does not enrol before the experiment starts or after it ends', () => {
    expect(enrolment(SAMPLE_POLICY, experiment, facts, '2025-12-31')).toMatchObject({ eligible: false, because: ['not_running'] });
    const ended: Experiment = { ...experiment, endsOn: '2026-06-30' };
    expect(enrolment(SAMPLE_POLICY, ended, facts, '2026-07-01')).toMatchObject({ eligible: false, because: ['not_running'] });
    expect(enrolment(SAMPLE_POLICY, ended, facts, '2026-06-30').eligible).toBe(true);
  });

  it('the experiment may narrow eligibility further', () => {
    const narrow: Experiment = { ...experiment, eligibility: { churnRiskAtLeast: 'high' } };
    expect(enrolment(SAMPLE_POLICY, narrow, { ...facts, churnRisk: 'medium' }, '2026-03-10')).toMatchObject({ eligible: false, because: ['churn_risk'] });
  });

  it('lists the held-out reasons of a call', () => {
    const all = Array.from({ length: 200 }, (_, i) => enrolments(SAMPLE_POLICY, { ...facts, customerId: `c-${i}` }, '2026-03-10'));
    const held = all.filter((l) => heldOutReasons(l).length > 0);
    expect(held.length).toBeGreaterThan(0);
    for (const l of held) expect(heldOutReasons(l)).toEqual(['retention_offer']);
  });
});
