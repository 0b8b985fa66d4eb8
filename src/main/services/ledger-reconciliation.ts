/**
 * Every ledger row must be accounted for by the audit trail, so a row edited or slipped into
 * the store behind the app's back (a dropped trigger, INSERT OR REPLACE from another tool) is
 * found even though the ledger itself has no seal:
 *   - a row written by a command matches, field by field, the sealed audit entry that created
 *     it (credit_granted lists its entries; credit_reversed names its reversal);
 *   - rows that predate commands (the demo history, a store's first start) are covered by ONE
 *     'ledger_baseline' entry: their count and a SHA-256 digest of their content;
 *   - every entry an audit record names must still be in the ledger, unless a later entry says
 *     the desk withdrew it because the hub rejected its command (sync/provisional.ts);
 *   - on a desk synced with a hub, rows the hub sent are the hub's to vouch for: only those this
 *     desk's own audit names are compared.
 * The audit entries themselves are sealed and chained (audit-trail.ts), so this is as strong as
 * the seal.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../core/audit';
import { ledgerQueries, type LedgerQueries, type ReconciledLedgerRow } from '../store/ledger';
import type { AuditTrail } from './audit-trail';

export interface LedgerProblem {
  readonly ledgerEntryId: string | null;
  /** The audit entry concerned, when there is one. */
  readonly seq: number | null;
  readonly message: string;
}

export interface LedgerReconciliation {
  readonly checked: number;
  readonly problems: readonly LedgerProblem[];
}

/** Count and digest of the rows that no command wrote, in id order. */
export function ledgerBaseline(client: Database.Database): { count: number; digest: string } {
  const hash = createHash('sha256');
  let count = 0;
  for (const r of ledgerQueries(client).withoutCommand()) {
    hash.update(baselineLine(r));
    count++;
  }
  return { count, digest: hash.digest('hex') };
}

function baselineLine(r: ReconciledLedgerRow): string {
  return `${r.id}|${r.accountId}|${r.kind}|${r.amount}|${r.currency}|${r.reasonCode}|${r.invoiceId ?? ''}|${r.reversesId ?? ''}|${r.terms ?? ''}|${r.effectiveOn}\n`;
}

/** What an audit entry says a ledger row holds. */
interface Expected {
  readonly seq: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

const money = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency}`;

export function reconcileLedger(ledger: LedgerQueries, audit: AuditTrail): LedgerReconciliation {
  const expected = new Map<string, Expected>();
  let baseline: { seq: number; count: number; digest: string } | null = null;
  const problems: LedgerProblem[] = [];

  const withdrawn = new Set<string>();
  for (const e of audit.entriesWithActions(['credit_granted', 'credit_reversed', 'ledger_baseline', 'provisional_withdrawn'])) {
    const after = (e.after ?? {}) as Record<string, unknown>;
    if (e.action === 'provisional_withdrawn') {
      for (const id of (after['ledgerEntryIds'] as unknown[] | undefined) ?? []) if (typeof id === 'string') withdrawn.add(id);
    } else if (e.action === 'ledger_baseline') {
      const b = after as { count?: number; digest?: string };
      if (typeof b.count === 'number' && typeof b.digest === 'string') baseline = { seq: e.seq, count: b.count, digest: b.digest };
    } else if (e.action === 'credit_granted') {
      for (const x of (after['entries'] as Record<string, unknown>[] | undefined) ?? []) {
        const { id, kind, amount, currency, reason, invoiceId, terms } = x;
        if (typeof id === 'string') expected.set(id, { seq: e.seq, fields: { kind, amount, currency, reasonCode: reason, invoiceId, terms } });
      }
    } else {
      const before = (e.before ?? {}) as Record<string, unknown>;
      const id = after['reversalId'];
      if (typeof id === 'string')
        expected.set(id, { seq: e.seq, fields: { kind: 'reversal', amount: after['amount'], reversesId: before['id'], currency: before['currency'] } });
    }
  }

  const baselineHash = createHash('sha256');
  let baselineCount = 0;
  let checked = 0;
  const seen = new Set<string>();
  for (const r of ledger.all()) {
    checked++;
    if (r.fromHub && !expected.has(r.id)) continue;
    if (r.commandId === null) {
      baselineHash.update(baselineLine(r));
      baselineCount++;
      continue;
    }
    seen.add(r.id);
    const want = expected.get(r.id);
    if (!want) {
      problems.push({
        ledgerEntryId: r.id,
        seq: null,
        message: `ledger entry ${r.id} (${money(r.amount, r.currency)}) was written without the audit entry every credit has`,
      });
      continue;
    }
    const actual: Record<string, unknown> = {
      kind: r.kind,
      amount: r.amount,
      currency: r.currency,
      reasonCode: r.reasonCode,
      invoiceId: r.invoiceId,
      reversesId: r.reversesId,
      terms: r.terms === null ? null : (JSON.parse(r.terms) as unknown),
    };
    const differs = Object.entries(want.fields).filter(([k, v]) => v !== undefined && canonicalJson(v ?? null) !== canonicalJson(actual[k] ?? null));
    if (differs.length > 0) {
      const [field] = differs[0]!;
      const detail =
        field === 'amount'
          ? `${money(r.amount, r.currency)} where the audit recorded ${money(Number(want.fields['amount']), String(want.fields['currency'] ?? r.currency))}`
          : `its ${differs.map(([k]) => k).join(', ')} differ from what was recorded`;
      problems.push({
        ledgerEntryId: r.id,
        seq: want.seq,
        message: `ledger entry ${r.id} was changed after it was written: ${detail} (audit entry ${want.seq})`,
      });
    }
  }
  for (const [id, want] of expected) {
    if (!seen.has(id) && !withdrawn.has(id))
      problems.push({ ledgerEntryId: id, seq: want.seq, message: `ledger entry ${id}, recorded by audit entry ${want.seq}, is missing from the ledger` });
  }
  if (baselineCount > 0 || baseline !== null) {
    const digest = baselineHash.digest('hex');
    if (baseline === null)
      problems.push({
        ledgerEntryId: null,
        seq: null,
        message: `${baselineCount} ledger entries were written outside any command, with no baseline on record`,
      });
    else if (baseline.count !== baselineCount || baseline.digest !== digest) {
      problems.push({
        ledgerEntryId: null,
        seq: baseline.seq,
        message: `the ledger entries that predate commands no longer match their baseline (audit entry ${baseline.seq}): ${baselineCount} now, ${baseline.count} recorded`,
      });
    }
  }
  return { checked, problems };
}
