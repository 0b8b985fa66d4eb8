/**
 * The discount and credit policy engine (pure): the policy document and its schema, a sample
 * policy, the decision, and its explanation in English and French.
 *
 *   const policy = compilePolicy(SAMPLE_POLICY);            // once per policy version
 *   const d = decide(policy, actor, facts, request, '2026-03-10');
 *   d.outcome, d.approverRole, d.maxAllowedNow              // 'needs_approval', 'senior_agent', 2000
 *   describeDecision(d, 'fr')                               // "Validation requise par un conseiller senior : …"
 */
export * from './schema';
export * from './decide';
export * from './explain';
export { SAMPLE_POLICY } from './sample-policy';
export * from './facts';
export * from './grant';
