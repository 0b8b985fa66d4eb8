import { Button, Group, Loader, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import { EXPERIMENT_REASONS, type FilterChoice } from '../../../../core/api';
import { draftProblem, mergeChoices } from '../../../../core/insights';
import { useT } from '../../i18n/use-t';
import { experiments, filter, practices } from './stores';

/**
 * The screen's one filter bar: period, offer, reason, desk, agent — by name, the choices as main
 * sent them (experiments' offers, enrolling agents and desks; practices' agents and desks). Each
 * change asks both sections again; the inputs stay the bar's, so typing is never held up by an
 * answer, and the figures below show the last filter's answer when it comes.
 */
export function FilterBar(): ReactElement {
  const t = useT();
  const draft = useStore(filter, (s) => s.draft);
  const e = useStore(experiments.store, (s) => s.value);
  const p = useStore(practices.store, (s) => s.value);
  const problem = draftProblem(draft);
  const offers = (e.value?.offers ?? []).filter((o) => draft.reason === '' || o.reason === draft.reason);
  const agents = mergeChoices(e.value?.agents, p.value?.agents);
  const desks = mergeChoices(e.value?.desks, p.value?.desks);
  const busy = e.status === 'loading' || p.status === 'loading';
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('insights.filter.title')} data-testid="insights-filter">
      <Stack gap="xs">
        <Group align="flex-end" gap="sm">
          <PeriodEnd end="from" max={draft.to} />
          <PeriodEnd end="to" min={draft.from} error={problem ? t(problem) : undefined} />
          <NativeSelect
            label={t('insights.filter.reason')}
            value={draft.reason}
            onChange={(ev) => {
              const reason = ev.currentTarget.value;
              // An offer of another reason would select nothing: the reason clears it.
              const keep = (e.value?.offers ?? []).some((o) => o.id === draft.experimentId && (reason === '' || o.reason === reason));
              filter.getState().change({ reason, ...(keep ? {} : { experimentId: '' }) });
            }}
            data={[{ value: '', label: t('insights.filter.allReasons') }, ...EXPERIMENT_REASONS.map((r) => ({ value: r, label: t(`insights.reason.${r}`) }))]}
            data-testid="insights-filter-reason"
          />
          <ChoiceSelect field="experimentId" name="offer" all={t('insights.filter.allOffers')} choices={offers} />
          <ChoiceSelect field="deskId" name="desk" all={t('insights.filter.allDesks')} choices={desks} />
          <ChoiceSelect field="agentId" name="agent" all={t('insights.filter.allAgents')} choices={agents} />
          <Button variant="subtle" onClick={() => filter.getState().clear()} data-testid="insights-filter-clear">
            {t('insights.filter.clear')}
          </Button>
          {busy && (
            <Group gap={4} data-testid="insights-filter-updating">
              <Loader size="xs" />
              <Text size="xs" c="dimmed">
                {t('insights.filter.updating')}
              </Text>
            </Group>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('insights.filter.note')}
        </Text>
      </Stack>
    </Paper>
  );
}

/** One end of the period (from, to): a date that may not pass the other end, when that is set. */
function PeriodEnd(props: { end: 'from' | 'to'; min?: string; max?: string; error?: string | undefined }): ReactElement {
  const t = useT();
  const value = useStore(filter, (s) => s.draft[props.end]);
  return (
    <TextInput
      type="date"
      label={t(`insights.filter.${props.end}`)}
      value={value}
      min={props.min || undefined}
      max={props.max || undefined}
      onChange={(ev) => filter.getState().change({ [props.end]: ev.currentTarget.value })}
      error={props.error}
      data-testid={`insights-filter-${props.end}`}
    />
  );
}

/** A select of the bar whose choices came from main (by name), with "all" first. */
function ChoiceSelect(props: {
  field: 'experimentId' | 'deskId' | 'agentId';
  name: 'offer' | 'desk' | 'agent';
  all: string;
  choices: readonly FilterChoice[];
}): ReactElement {
  const t = useT();
  const value = useStore(filter, (s) => s.draft[props.field]);
  return (
    <NativeSelect
      label={t(`insights.filter.${props.name}`)}
      value={value}
      onChange={(ev) => filter.getState().change({ [props.field]: ev.currentTarget.value })}
      data={[{ value: '', label: props.all }, ...props.choices.map((c) => ({ value: c.id, label: c.name }))]}
      data-testid={`insights-filter-${props.name}`}
    />
  );
}
