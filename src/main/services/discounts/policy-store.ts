/**
 * The discount policy in force, from the store. Documents are versioned rows of `policies`
 * (later synced down from the hub); the one that applies on a day is the highest version whose
 * effectiveFrom is on or before that day. Each version is validated and compiled once.
 */
import type Database from 'better-sqlite3';
import { compilePolicy, parsePolicy, SAMPLE_POLICY, type CompiledPolicy } from '../../../core/policy';
import { uuidv7 } from '../../store/ids';
import { policyQueries, type PolicyQueries } from '../../store/policies';

export class PolicyStore {
  private readonly policies: PolicyQueries;
  private readonly compiled = new Map<number, CompiledPolicy>();

  constructor(client: Database.Database) {
    this.policies = policyQueries(client);
  }

  /**
   * First start: an empty policies table gets the sample policy as version 1. Idempotent (a
   * store that already holds any version is left alone).
   */
  ensureSeeded(now: Date): boolean {
    if (this.policies.count() > 0) return false;
    const doc = parsePolicy(SAMPLE_POLICY);
    this.policies.insert({
      id: uuidv7(now.getTime()),
      version: doc.version,
      effectiveFrom: doc.effectiveFrom,
      document: JSON.stringify(doc),
      createdAt: now.toISOString(),
    });
    return true;
  }

  /**
   * The policy for `day` ('YYYY-MM-DD'). When no version is in force yet, the earliest one is
   * returned: its decisions then fail the `policy_in_force` rule and say from when it applies.
   */
  current(day: string): CompiledPolicy {
    const row = this.policies.inForceOn(day) ?? this.policies.earliest();
    if (!row) throw new Error('no discount policy in the store');
    let policy = this.compiled.get(row.version);
    if (!policy) {
      policy = compilePolicy(JSON.parse(row.document));
      this.compiled.set(row.version, policy);
    }
    return policy;
  }
}
