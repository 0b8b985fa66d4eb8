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
  practiceRowsOf,
  practicesOverview,
  practicesPeriod,
  thisDeskChoice,
  unpackPracticeRow,
  waitsIn,
  type CallTable,
} from '../../../core/insights';
import { dataVersion, largestKey, rowsEverAdded } from '../../store/data-version';
import { periodDays, practiceQueries, type PracticeQueries, type PracticeRiskRow, type WaitRow } from '../../store/practices';
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
  private readonly version: () => string;
  /** Every call followed to today, of one day and data version (a pending count is shared). */
  private calls: { key: string; calls: Promise<CallTable>; waits: WaitRow[] } | null = null;
  /** The last period's rows: a re-slice by agent or desk is a filter over them. */
  private period: { key: string; rows: PracticeRiskRow[]; waits: WaitRow[] } | null = null;

  constructor(
    client: Database.Database,
    private readonly today: () => string,
    /** Where the risk sets are counted (risk-set-source.ts); main's connection by default. */
    private readonly source: RiskSetSource = new InThreadRiskSets(client),
  ) {
    this.q = practiceQueries(client);
    // Anything that changes the figures adds a row to one of these tables (rows are never
    // rewritten but for a call's wrap-up and an approval's decision, which bump the audit log),
    // or marks a call's facts stale (a churn risk, a standing, a bill: store/call-facts.ts).
    this.version = dataVersion(client, [
      largestKey('interactions'),
      largestKey('audit_log', 'seq'),
      largestKey('customer_outcomes'),
      largestKey('approval_requests'),
      largestKey('experiment_exposures'),
      rowsEverAdded('call_facts_stale'),
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
    const version = `${today}|${this.version()}`;
    if (this.calls?.key !== version) {
      const calls = this.source.followedCalls(today).then(callTable);
      this.calls = { key: version, calls, waits: this.q.everyWait() };
      calls.catch(() => {
        if (this.calls?.calls === calls) this.calls = null;
      });
    }
    const key = `${from}|${to}|${version}`;
    if (this.period?.key !== key) {
      const { calls, waits } = this.calls;
      const rows = practiceRowsOf(await calls, periodDays({ from, to, today })).map(unpackPracticeRow);
      this.period = { key, rows, waits: waitsIn(waits, { from, to }) };
    }
    return this.period;
  }
}
