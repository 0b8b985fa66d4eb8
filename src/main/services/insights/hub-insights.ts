/**
 * The insights across every desk, asked of the hub (POST /v1/insights) for a signed-in supervisor
 * or manager with the staff token the hub gave them at sign-in. When the hub cannot answer, the
 * caller falls back to this desk's store and says why (InsightsScopeReason).
 *
 * A re-slice by agent stays quick: the hub keeps a period's rows for a short time and slices them
 * (hub/services/insights-answers.ts), and this desk keeps each answer CACHE_MS by person and
 * filter — the screen asking for experiments and practices at once makes one request, and going
 * back to an agent already seen makes none.
 */
import type { AgentProfile, InsightsOverview, InsightsScopeReason, PracticesFilter, PracticesOverview } from '../../../core/api';
import { HubRefused, HubUnreachable, type HubClient } from '../../sync/hub-client';

export const CACHE_MS = 30_000;

/** The experiments' enrolment days, inclusive (null: not restricted). */
export interface EnrolledPeriod {
  readonly from: string | null;
  readonly to: string | null;
}
export const EVERY_ENROLMENT: EnrolledPeriod = { from: null, to: null };
const KEPT = 16;

/** How this desk reaches its hub for insights (absent: standalone). */
export interface HubReach {
  /** The hub's routes, or null when the desk is standalone. */
  readonly client: () => HubClient | null;
  /** The token the hub gave this person at their last sign-in through it (null: none). */
  readonly staffToken: (userId: string) => string | null;
}

export type HubInsightsAnswer =
  | { readonly ok: true; readonly experiments: InsightsOverview; readonly practices: PracticesOverview }
  | { readonly ok: false; readonly reason: InsightsScopeReason };

export class HubInsights {
  private readonly kept = new Map<string, { at: number; answer: Promise<HubInsightsAnswer> }>();

  constructor(
    private readonly reach: HubReach | undefined,
    private readonly log: (message: string) => void = () => {},
    private readonly cacheMs = CACHE_MS,
  ) {}

  /**
   * `filter`: the practices' period, agent and desk; `enrolled`: the experiments' enrolment days
   * (null: every enrolment). The experiments' agent and desk are the practices'; the offer and
   * reason are chosen on this side (core selectExperiments), so the screen's two sections, asked
   * with one filter, share one request.
   */
  answer(viewer: AgentProfile, filter: PracticesFilter, enrolled: EnrolledPeriod = EVERY_ENROLMENT): Promise<HubInsightsAnswer> {
    const hub = this.reach?.client() ?? null;
    if (!hub) return Promise.resolve({ ok: false, reason: 'standalone' });
    const token = this.reach!.staffToken(viewer.userId);
    if (token === null) return Promise.resolve({ ok: false, reason: 'signed_in_offline' });
    const key = JSON.stringify([viewer.userId, viewer.locale, filter.from, filter.to, filter.agentId, filter.deskId ?? null, enrolled.from, enrolled.to]);
    const now = Date.now();
    const found = this.kept.get(key);
    if (found && now - found.at < this.cacheMs) return found.answer;
    const answer = this.ask(hub, token, viewer, filter, enrolled);
    this.kept.delete(key);
    this.kept.set(key, { at: now, answer });
    // Only figures are remembered: a desk that could not reach the hub asks again next time.
    void answer.then((a) => {
      if (!a.ok && this.kept.get(key)?.answer === answer) this.kept.delete(key);
    });
    while (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
    return answer;
  }

  private async ask(hub: HubClient, staffToken: string, viewer: AgentProfile, filter: PracticesFilter, enrolled: EnrolledPeriod): Promise<HubInsightsAnswer> {
    try {
      const { experiments, practices } = await hub.call('insights', {
        staffToken,
        from: filter.from,
        to: filter.to,
        agentId: filter.agentId,
        // Sent only when set: a hub from before the desk filter refuses fields it does not know.
        ...(filter.deskId ? { deskId: filter.deskId } : {}),
        ...(enrolled.from ? { enrolledFrom: enrolled.from } : {}),
        ...(enrolled.to ? { enrolledTo: enrolled.to } : {}),
        locale: viewer.locale,
      });
      return { ok: true, experiments, practices };
    } catch (err) {
      if (err instanceof HubUnreachable) return { ok: false, reason: 'hub_unreachable' };
      if (err instanceof HubRefused) {
        this.log(`insights: the hub refused (${err.code}); answering with this desk's figures`);
        return { ok: false, reason: err.status >= 500 ? 'hub_unreachable' : 'hub_refused' };
      }
      throw err;
    }
  }
}
