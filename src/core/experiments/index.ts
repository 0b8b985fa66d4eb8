/**
 * Experiments (pure): the declaration the policy document carries, the deterministic arm of a
 * customer, and who is eligible. The statistics live in ../stats; the store, the commands and the
 * insights service in src/main.
 *
 *   const e = SAMPLE_POLICY.experiments![0]!;
 *   assignArm(e, customerId)                         // 'offer' | 'holdout', same on every desk
 *   enrolment(SAMPLE_POLICY, e, facts, '2026-03-10') // eligible? which arm? or why not
 */
export * from './declaration';
export * from './assign';
export * from './eligibility';
