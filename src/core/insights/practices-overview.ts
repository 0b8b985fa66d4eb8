/**
 * The practices overview from a period's rows — the risk sets, the approval requests and the
 * staff names — sliced to one agent or not. The desk (from its store) and the hub (across every
 * desk) both hand their rows here, so a figure cannot differ by where it was computed.
 */
import type { FilterChoice, PracticesFilter, PracticesOverview } from '../api/methods/insights';
import type { Locale } from '../i18n';
import { agentFunnel } from './agent-funnel';
import { practiceFigures } from './practice-figures';
import type { PracticeRiskRow } from './practice-rows';
import { waitingFigures, type WaitRow } from './waiting';

export interface PracticePeriodRows {
  readonly rows: readonly PracticeRiskRow[];
  readonly waits: readonly WaitRow[];
  /** Every staff member, by name then id (agents and deciders). */
  readonly staff: readonly { readonly id: string; readonly name: string }[];
  /** The desks the figures can be cut by (none given: no desk choice). */
  readonly desks?: readonly FilterChoice[];
}

/** The period asked, or the year up to `to` (default: today). */
export function practicesPeriod(input: { readonly from?: string | undefined; readonly to?: string | undefined }, today: string): { from: string; to: string } {
  const to = input.to ?? today;
  const from = input.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

export function practicesOverview(today: string, filter: PracticesFilter, period: PracticePeriodRows, locale: Locale): PracticesOverview {
  const { rows, waits, staff } = period;
  const mine = filter.agentId === null ? rows : rows.filter((r) => r.agentId === filter.agentId);
  const myWaits = filter.agentId === null ? waits : waits.filter((w) => w.requestedBy === filter.agentId);
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const agentIds = new Set<string>();
  for (const r of rows) agentIds.add(r.agentId);
  return {
    today,
    filter: { ...filter, deskId: filter.deskId ?? null },
    agents: staff.filter((s) => agentIds.has(s.id)),
    desks: period.desks ?? [],
    ...practiceFigures(mine, locale),
    waiting: waitingFigures(myWaits, names, locale),
    // Every agent of the period, whatever the filter: the funnel compares agents with each other.
    funnel: agentFunnel(rows, names, locale),
  };
}
