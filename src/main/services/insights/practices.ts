/**
 * Retention by what agents did on calls, and how long callers waited for a supervisor.
 *
 * DESCRIPTIVE ONLY: agents choose when to explain a bill, quote a plan or escalate, and they do
 * it more with callers who look like leaving, so "customers with practice X stayed more" is not
 * X's effect. The screen says so on every figure; what it can do is point at the practices worth
 * a randomised holdout next (the same machinery as the discount experiments).
 *
 * The store (main/store/practices.ts) groups each customer's first call of the period into
 * risk-set rows; this service keeps the rows of the last period asked (a re-slice by agent is a
 * filter over them, no SQL) and, for each practice, fits the Cox model with the experiments'
 * covariates (churn risk high, tenure under 12 months, bill shock, standing not good) plus the
 * practice, and gives retention at 90 days on each side — only for customers followed that long,
 * and only when each side has the minimum sample.
 */
import type Database from 'better-sqlite3';
import type { AgentProfile, PracticesFilter, PracticesOverview } from '../../../core/api';
import { t } from '../../../core/i18n';
import {
  MIN_PER_GROUP,
  MIN_WAITS,
  ownStoreHoldsDesk,
  callTable,
  practiceRiskRows,
  practicesOverview,
  practicesPeriod,
  thisDeskChoice,
  waitsIn,
  type CallTable,
} from '../../../core/insights';
import { changedElsewhere, dataVersion, largestKey, rowsEverAdded } from '../../store/data-version';
import { practiceQueries, type PracticeQueries, type PracticeRiskRow, type WaitRow } from '../../store/practices';
import { InThreadRiskSets, type RiskSetSource } from './risk-set-source';

/** Below this many customers on a side, no figure for that practice (core/insights/practice-figures.ts). */
export { MIN_PER_GROUP };
/** Below this many decided requests, no wait percentile for that group (core/insights/waiting.ts). */
export { MIN_WAITS };

export interface PracticesRequest {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly agentId?: string | undefined;
  readonly deskId?: string | undefined;
}

export class PracticesService {
  private readonly q: PracticeQueries;
  private readonly callsVersion: () => string;
  private readonly waitsVersion: () => string;
  /** Every call followed to today, of one day and version of the calls' facts (a pending count is shared). */
  private calls: { key: string; calls: Promise<CallTable> } | null = null;
  /** Every approval request, of one version of the requests. */
  private waits: { key: string; waits: WaitRow[] } | null = null;
  /** The last period's rows: a re-slice by agent or desk is a filter over them. */
  private period: { key: string; rows: PracticeRiskRow[]; waits: WaitRow[] } | null = null;

  constructor(
    client: Database.Database,
    private readonly today: () => string,
    /** Where the risk sets are counted (risk-set-source.ts); main's connection by default. */
    private readonly source: RiskSetSource = new InThreadRiskSets(client),
  ) {
    this.q = practiceQueries(client);
    // The calls are read from their facts, which triggers mark stale whenever a row they come
    // from is written (store/call-facts.ts): the stale counter, with the cancellations (only ever
    // added), says whether they changed — an agent's other audited actions do not make the next
    // ask read every call again. Approval requests are decided in place, which the audit log
    // records, and their call's end is the call's. Any row rewritten by another connection (behind
    // the app's back) is caught by changedElsewhere.
    this.callsVersion = dataVersion(client, [rowsEverAdded('call_facts_stale'), largestKey('customer_outcomes'), changedElsewhere()]);
    this.waitsVersion = dataVersion(client, [
      largestKey('approval_requests'),
      largestKey('audit_log', 'seq'),
      rowsEverAdded('call_facts_stale'),
      changedElsewhere(),
    ]);
  }

  async overview(viewer: AgentProfile, input: PracticesRequest): Promise<PracticesOverview> {
    const today = this.today();
    const { from, to } = practicesPeriod(input, today);
    const filter: PracticesFilter = { from, to, agentId: input.agentId ?? null, deskId: input.deskId ?? null };
    const desks = [thisDeskChoice(t(viewer.locale, 'insights.filter.thisDesk'))];
    // This store holds this desk's calls only: another desk's figures are empty, not an error.
    const { rows, waits } = ownStoreHoldsDesk(filter.deskId) ? await this.load(from, to, today) : { rows: [], waits: [] };
    return practicesOverview(today, filter, { rows, waits, staff: this.q.staff(), desks }, viewer.locale);
  }

  /**
   * The rows of a period. The calls and approval requests are read from the store once per day
   * and data version; a period is then one pass over them (core/insights practiceRowsOf, waitsIn),
   * no SQL.
   */
  private async load(from: string, to: string, today: string): Promise<{ rows: PracticeRiskRow[]; waits: WaitRow[] }> {
    const callsKey = `${today}|${this.callsVersion()}`;
    if (this.calls?.key !== callsKey) {
      const calls = this.source.followedCalls(today).then(callTable);
      this.calls = { key: callsKey, calls };
      calls.catch(() => {
        if (this.calls?.calls === calls) this.calls = null;
      });
    }
    const waitsKey = this.waitsVersion();
    if (this.waits?.key !== waitsKey) this.waits = { key: waitsKey, waits: this.q.everyWait() };
    const key = `${from}|${to}|${callsKey}|${waitsKey}`;
    if (this.period?.key !== key) {
      const { calls } = this.calls;
      const { waits } = this.waits;
      const rows = practiceRiskRows(await calls, { from, to, today });
      this.period = { key, rows, waits: waitsIn(waits, { from, to }) };
    }
    return this.period;
  }
}
