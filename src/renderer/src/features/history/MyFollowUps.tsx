import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import type { ApiErrorBody, FollowUpView } from '../../../../core/api';
import { formatDateTime } from '../../../../core/i18n';
import { api } from '../../api';
import { useT } from '../../i18n/use-t';
import { intentKeys } from '../../lib/intent-key';
import { settle } from '../../lib/loadable';
import { EmptyLine, ErrorAlert } from '../../ui/load-state';

/**
 * The agent's home: their own follow-ups not done yet, soonest due first (those due now marked),
 * each markable done. Callers are named as lookups name them (the masked display name).
 */
export function MyFollowUps(): ReactElement {
  const t = useT();
  const [items, setItems] = useState<readonly FollowUpView[] | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [marking, setMarking] = useState<string | null>(null);
  const keys = useRef(intentKeys());

  const load = useCallback(async () => {
    const answer = await settle(api.call('followUps.mine', {}));
    if (answer.ok) {
      setItems(answer.value);
      setError(null);
    } else setError(answer.error);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function markDone(followUpId: string): Promise<void> {
    setMarking(followUpId);
    const answer = await settle(api.call('followUps.done', { followUpId, idempotencyKey: keys.current.keyFor({ followUpId }) }));
    setMarking(null);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    keys.current.done();
    await load();
  }

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="my-followups-title" data-testid="my-followups" mt="sm">
      <Title order={2} fz="sm" fw={650} id="my-followups-title" mb={6}>
        {t('followup.home.title')}
      </Title>
      {error && <ErrorAlert error={error} lead={t('followup.home.loadFailed')} />}
      {items && items.length === 0 && <EmptyLine testId="my-followups-empty">{t('followup.home.empty')}</EmptyLine>}
      {items && items.length > 0 && (
        <Stack gap={4}>
          {items.map((f) => (
            <Group key={f.followUpId} gap="xs" wrap="nowrap" data-testid="my-followup" data-due={f.due}>
              <Badge size="sm" variant="light" color={f.due ? 'orange' : 'blue'}>
                {t(f.kind === 'callback' ? 'followup.kind.callback' : 'followup.kind.promise')}
              </Badge>
              <Text size="sm" fw={650}>
                {f.callerName ?? ''}
              </Text>
              <Text size="sm">{f.text}</Text>
              <Text size="xs" c={f.due ? 'orange.9' : 'dimmed'}>
                {t('followup.dueAt', { date: formatDateTime(t.locale, f.dueAt) })}
              </Text>
              <Button
                size="compact-xs"
                variant="light"
                loading={marking === f.followUpId}
                onClick={() => void markDone(f.followUpId)}
                data-testid="my-followup-done"
              >
                {t('followup.markDone')}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
