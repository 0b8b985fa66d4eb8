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
  const choose = (all: string, list: readonly FilterChoice[]) => [{ value: '', label: all }, ...list.map((c) => ({ value: c.id, label: c.name }))];
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('insights.filter.title')} data-testid="insights-filter">
      <Stack gap="xs">
        <Group align="flex-end" gap="sm">
          <TextInput
            type="date"
            label={t('insights.filter.from')}
            value={draft.from}
            max={draft.to || undefined}
            onChange={(ev) => filter.getState().change({ from: ev.currentTarget.value })}
            data-testid="insights-filter-from"
          />
          <TextInput
            type="date"
            label={t('insights.filter.to')}
            value={draft.to}
            min={draft.from || undefined}
            onChange={(ev) => filter.getState().change({ to: ev.currentTarget.value })}
            error={problem ? t(problem) : undefined}
            data-testid="insights-filter-to"
          />
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
          <NativeSelect
            label={t('insights.filter.offer')}
            value={draft.experimentId}
            onChange={(ev) => filter.getState().change({ experimentId: ev.currentTarget.value })}
            data={choose(t('insights.filter.allOffers'), offers)}
            data-testid="insights-filter-offer"
          />
          <NativeSelect
            label={t('insights.filter.desk')}
            value={draft.deskId}
            onChange={(ev) => filter.getState().change({ deskId: ev.currentTarget.value })}
            data={choose(t('insights.filter.allDesks'), desks)}
            data-testid="insights-filter-desk"
          />
          <NativeSelect
            label={t('insights.filter.agent')}
            value={draft.agentId}
            onChange={(ev) => filter.getState().change({ agentId: ev.currentTarget.value })}
            data={choose(t('insights.filter.allAgents'), agents)}
            data-testid="insights-filter-agent"
          />
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
