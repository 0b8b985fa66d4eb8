/**
 * The discount policy in force, from the store. Documents are versioned rows of `policies`
 * (later synced down from the hub); the one that applies on a day is the highest version whose
 * effectiveFrom is on or before that day. Each version is validated and compiled once.
 */
import type Database from 'better-sqlite3';
import { compilePolicy, parsePolicy, SAMPLE_POLICY, type CompiledPolicy } from '../../../core/policy';
import { uuidv7 } from '../../store/ids';

interface PolicyRow {
  version: number;
  effectiveFrom: string;
  document: string;
}

export class PolicyStore {
  private readonly inForce: Database.Statement<[string], PolicyRow>;
  private readonly earliest: Database.Statement<[], PolicyRow>;
  private readonly compiled = new Map<number, CompiledPolicy>();

  constructor(private readonly client: Database.Database) {
    this.inForce = client.prepare(
      `SELECT version, effective_from AS effectiveFrom, document FROM policies WHERE effective_from <= ? ORDER BY version DESC LIMIT 1`,
    );
    this.earliest = client.prepare(`SELECT version, effective_from AS effectiveFrom, document FROM policies ORDER BY version ASC LIMIT 1`);
  }

  /**
   * First start: an empty policies table gets the sample policy as version 1. Idempotent (a
   * store that already holds any version is left alone).
   */
  ensureSeeded(now: Date): boolean {
    const n = this.client.prepare(`SELECT count(*) FROM policies`).pluck().get() as number;
    if (n > 0) return false;
    const doc = parsePolicy(SAMPLE_POLICY);
    this.client
      .prepare(`INSERT INTO policies (id, version, effective_from, document, created_at) VALUES (?, ?, ?, ?, ?)`)
      .run(uuidv7(now.getTime()), doc.version, doc.effectiveFrom, JSON.stringify(doc), now.toISOString());
    return true;
  }

  /**
   * The policy for `day` ('YYYY-MM-DD'). When no version is in force yet, the earliest one is
   * returned: its decisions then fail the `policy_in_force` rule and say from when it applies.
   */
  current(day: string): CompiledPolicy {
    const row = this.inForce.get(day) ?? this.earliest.get();
    if (!row) throw new Error('no discount policy in the store');
    let policy = this.compiled.get(row.version);
    if (!policy) {
      policy = compilePolicy(JSON.parse(row.document));
      this.compiled.set(row.version, policy);
    }
    return policy;
  }
}
