/**
 * The insights route's answers (experiments, practices and waiting, across every desk), with a
 * short memory: a period's rows (the one SQL pass that costs) and the experiments' figures are
 * kept CACHE_MS, so a manager re-slicing by agent, or the screen asking for both parts at once,
 * costs the figures from rows, not another pass over every desk's calls. Figures a few seconds
 * old are fine for a descriptive view over months; the cache is per process, nothing to share.
 */
import type { ExperimentsFilter, InsightsOverview, PracticesFilter, PracticesOverview } from '../../core/api';
import type { Locale } from '../../core/i18n';
import { experimentsFilter, practicesOverview, type PracticePeriodRows } from '../../core/insights';
import type { Sql } from '../db/open';
import { hubInsights } from './insights';
import { hubPracticePeriodRows } from './practices';

export const CACHE_MS = 30_000;
const KEPT = 8;

interface Kept<T> {
  readonly at: number;
  readonly value: Promise<T>;
}

export class HubInsightsAnswers {
  private readonly periods = new Map<string, Kept<PracticePeriodRows>>();
  private readonly experiments = new Map<string, Kept<InsightsOverview>>();

  constructor(
    private readonly sql: Sql,
    private readonly now: () => Date,
    private readonly cacheMs = CACHE_MS,
  ) {}

  /**
   * `filter`: the practices' period, agent and desk; `experiments`: the experiments' filter (its
   * agent and desk restrict enrolments in SQL, its offer and reason choose experiments).
   */
  async answer(
    filter: PracticesFilter,
    locale: Locale,
    experiments: ExperimentsFilter = { ...experimentsFilter({}), agentId: null, deskId: null },
  ): Promise<{ experiments: InsightsOverview; practices: PracticesOverview }> {
    const today = this.now().toISOString().slice(0, 10);
    const deskId = filter.deskId ?? null;
    const [rows, overview] = await Promise.all([
      this.kept(this.periods, JSON.stringify([today, filter.from, filter.to, deskId]), () =>
        hubPracticePeriodRows(this.sql, { from: filter.from, to: filter.to, today, deskId }),
      ),
      this.kept(this.experiments, JSON.stringify([today, locale, experiments]), () => hubInsights(this.sql, today, locale, experiments)),
    ]);
    return { experiments: overview, practices: practicesOverview(today, { ...filter, deskId }, rows, locale) };
  }

  private kept<T>(map: Map<string, Kept<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const at = Date.now();
    const found = map.get(key);
    if (found && at - found.at < this.cacheMs) return found.value;
    const value = load();
    map.delete(key);
    map.set(key, { at, value });
    // A failed load is not remembered; the oldest entries go first.
    value.catch(() => {
      if (map.get(key)?.value === value) map.delete(key);
    });
    while (map.size > KEPT) map.delete(map.keys().next().value!);
    return value;
  }
}
