/**
 * The insights screen's filter, pure: what a request's filter means once defaults are applied,
 * which experiments it selects, and how a desk's own store answers the desk filter.
 *
 * Filtering the experiments by enrolment period, enrolling agent or desk keeps the comparison
 * randomised: the call that enrolled a customer happened before the arm was drawn (the arm is a
 * hash of the customer, not of the call), so the subgroup "enrolled on agent A's calls in March"
 * holds both arms in their planned shares and intention to treat still applies within it. The
 * offer and the reason only choose which experiments are shown.
 */
import { THIS_DESK_ID, type ExperimentsFilter, type ExperimentsInput, type FilterChoice } from '../api/methods/insights';

/** The filter as echoed: every field present, null when not restricted. */
export function experimentsFilter(input: ExperimentsInput): ExperimentsFilter {
  return {
    from: input.from ?? null,
    to: input.to ?? null,
    reason: input.reason ?? null,
    experimentId: input.experimentId ?? null,
    agentId: input.agentId ?? null,
    deskId: input.deskId ?? null,
  };
}

/** Whether the filter's offer and reason select the experiment with this id and reason. */
export function selects(filter: Pick<ExperimentsFilter, 'reason' | 'experimentId'>, experimentId: string, reason: string): boolean {
  return (filter.reason === null || reason === filter.reason) && (filter.experimentId === null || experimentId === filter.experimentId);
}

/** The experiments (declarations) the filter's offer and reason select, in the policy's order. */
export function selectExperiments<E extends { readonly id: string; readonly reason: string }>(
  experiments: readonly E[],
  filter: Pick<ExperimentsFilter, 'reason' | 'experimentId'>,
): E[] {
  return experiments.filter((e) => selects(filter, e.id, e.reason));
}

/**
 * On a desk's own store (standalone: only its own calls) the desk filter is "this desk" (every
 * row) or a desk it holds nothing of (no row).
 */
export function ownStoreHoldsDesk(deskId: string | null | undefined): boolean {
  return deskId === null || deskId === undefined || deskId === THIS_DESK_ID;
}

/** The one desk a desk's own store can be cut by, named in the viewer's words. */
export function thisDeskChoice(name: string): FilterChoice {
  return { id: THIS_DESK_ID, name };
}

/**
 * A filter in a file name: only the fields set, ids cut to 8 characters (names may hold any
 * script and characters a file system refuses; the header rows carry them in full).
 */
export function filterFileSuffix(filter: Partial<Record<keyof ExperimentsFilter, string | null | undefined>>): string {
  const parts: string[] = [];
  if (filter.from) parts.push(`from-${filter.from}`);
  if (filter.to) parts.push(`to-${filter.to}`);
  if (filter.reason) parts.push(filter.reason.replace(/_/g, '-'));
  if (filter.experimentId) parts.push(filter.experimentId);
  if (filter.agentId) parts.push(`agent-${filter.agentId.slice(0, 8)}`);
  if (filter.deskId) parts.push(`desk-${filter.deskId.slice(0, 8)}`);
  return parts.length === 0 ? '' : `_${parts.join('_')}`;
}

/** The filter bar as the screen holds it: '' is "not restricted". */
export interface FilterDraft {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly experimentId: string;
  readonly agentId: string;
  readonly deskId: string;
}

export const NO_FILTER: FilterDraft = { from: '', to: '', reason: '', experimentId: '', agentId: '', deskId: '' };

const set = <K extends string>(entries: readonly (readonly [K, string])[]): Partial<Record<K, string>> =>
  Object.fromEntries(entries.filter(([, v]) => v !== '')) as Partial<Record<K, string>>;

/**
 * What each section is asked with: the experiments take every field, the practices the period,
 * agent and desk (offer and reason are the experiments' own). Fields left empty are not sent.
 */
export function insightsQueries(draft: FilterDraft): {
  readonly experiments: Partial<Record<keyof FilterDraft, string>>;
  readonly practices: Partial<Record<'from' | 'to' | 'agentId' | 'deskId', string>>;
} {
  return {
    experiments: set(Object.entries(draft) as [keyof FilterDraft, string][]),
    practices: set([
      ['from', draft.from],
      ['to', draft.to],
      ['agentId', draft.agentId],
      ['deskId', draft.deskId],
    ] as const),
  };
}

/** The screen's own check before asking: a period that ends before it starts (main says the same, typed). */
export function draftProblem(draft: FilterDraft): 'insights.filter.badRange' | null {
  return draft.from !== '' && draft.to !== '' && draft.from > draft.to ? 'insights.filter.badRange' : null;
}

/** The choices of a filter bar from both sections' lists: each id once, the first name given, by name. */
export function mergeChoices(...lists: readonly (readonly FilterChoice[] | undefined)[]): FilterChoice[] {
  const byId = new Map<string, FilterChoice>();
  for (const list of lists) for (const c of list ?? []) if (!byId.has(c.id)) byId.set(c.id, c);
  return [...byId.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
