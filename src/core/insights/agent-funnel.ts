/**
 * Agents on a funnel plot (Spiegelhalter 2005, stats/funnel.ts), never a league table: each
 * agent's retention at PRACTICE_HORIZON days among their customers followed that long — the unit
 * and rule of the practices' retention (countKeptBy) — against that volume, around the overall
 * rate with exact binomial 95 % and 99.8 % limits. Agents below MIN_FUNNEL_VOLUME are shown but
 * not classified (the exact limits flag tiny volumes for nothing, see funnel.ts). The agents come
 * by name, never by rate. DESCRIPTIVE ONLY: agents are not randomly assigned callers.
 */
import type { AgentFunnel, AgentFunnelPoint, FunnelClass, FunnelLimitsAt } from '../api/methods/insights';
import { formatNumber, intlLocale, t, type Locale } from '../i18n';
import { classifyFunnel, funnelLimits, type FunnelPosition } from '../stats';
import { countKeptBy, PRACTICE_HORIZON } from './practice-figures';
import type { PracticeRiskRow } from './practice-rows';

/** Below this many customers followed PRACTICE_HORIZON days, an agent is shown but not classified. */
export const MIN_FUNNEL_VOLUME = 30;
/** About this many volumes to draw the limits at (plus each agent's own). */
const CURVE_STEPS = 40;

function classOf(at95: FunnelPosition, at998: FunnelPosition): FunnelClass {
  if (at998 === 'above') return 'above998';
  if (at998 === 'below') return 'below998';
  if (at95 === 'above') return 'above95';
  if (at95 === 'below') return 'below95';
  return 'within';
}

function plain(l: FunnelLimitsAt): FunnelLimitsAt {
  return { n: l.n, lower95: l.lower95, upper95: l.upper95, lower998: l.lower998, upper998: l.upper998 };
}

/** The funnel of every agent with rows in the period; `names` gives staff names by id. */
export function agentFunnel(rows: readonly PracticeRiskRow[], names: ReadonlyMap<string, string>, locale: Locale): AgentFunnel {
  const collator = new Intl.Collator(intlLocale(locale));
  const counted = [...countKeptBy(rows, (r) => r.agentId).entries()]
    .map(([agentId, count]) => ({ agentId, name: names.get(agentId) ?? agentId, ...count }))
    .sort((a, b) => collator.compare(a.name, b.name) || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  let followed = 0;
  let kept = 0;
  for (const a of counted) {
    followed += a.followed;
    kept += a.kept;
  }
  const overall = followed > 0 ? kept / followed : null;
  const canClassify = overall !== null && overall > 0 && overall < 1;
  const big = counted.filter((a) => a.followed >= MIN_FUNNEL_VOLUME);
  const placed =
    canClassify && big.length > 0
      ? classifyFunnel(
          big.map((a) => ({ x: a.kept, n: a.followed })),
          { target: overall },
        )
      : null;
  const where = new Map(placed?.points.map((p, i) => [big[i]!.agentId, p]) ?? []);
  const pct = (x: number) => formatNumber(locale, x * 100, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  const agents: AgentFunnelPoint[] = counted.map((a) => {
    const p = where.get(a.agentId);
    const classification: FunnelClass = p ? classOf(p.at95, p.at998) : !canClassify ? 'none' : 'tooFew';
    return {
      agentId: a.agentId,
      name: a.name,
      customers: a.followed,
      kept: a.kept,
      rate: a.followed > 0 ? a.kept / a.followed : null,
      limits: p ? plain(p.limits) : null,
      classification,
      classText: t(locale, `funnel.class.${classification}`, { min: MIN_FUNNEL_VOLUME, days: PRACTICE_HORIZON }),
    };
  });

  let curve: FunnelLimitsAt[] = [];
  if (canClassify && counted.length > 0) {
    const top = Math.max(MIN_FUNNEL_VOLUME, ...counted.map((a) => a.followed));
    const step = Math.max(1, Math.ceil((top - MIN_FUNNEL_VOLUME) / CURVE_STEPS));
    const ns = new Set<number>();
    for (let n = MIN_FUNNEL_VOLUME; n < top; n += step) ns.add(n);
    ns.add(top);
    for (const a of big) ns.add(a.followed);
    curve = funnelLimits(
      overall,
      [...ns].sort((x, y) => x - y),
    ).map(plain);
  }

  const outside = agents.filter((a) => a.classification === 'above998' || a.classification === 'below998').length;
  const sentence =
    overall === null || !canClassify
      ? t(locale, 'funnel.sentence.none', { days: PRACTICE_HORIZON })
      : t(locale, 'funnel.sentence', {
          agents: formatNumber(locale, big.length),
          min: MIN_FUNNEL_VOLUME,
          days: PRACTICE_HORIZON,
          overall: pct(overall),
          outside: formatNumber(locale, outside),
        });
  return { days: PRACTICE_HORIZON, minimumVolume: MIN_FUNNEL_VOLUME, overall, curve, agents, sentence };
}
