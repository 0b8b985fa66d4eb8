import { Alert, Badge, Button, CloseButton, DataList, EmptyState, Group, Kbd, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { useT } from '../../i18n/use-t';
import { keyName } from '../../ui/shortcuts';
import { callStore, lookupStore, useCall, useLookup } from '../../store';
import { IconShieldAlert, IconUserSearch } from '../../ui/icons';
import { IconPhone } from '../../ui/icons';
import { startCallWith } from '../call/start';
import { ErrorAlert } from '../../ui/load-state';

/**
 * The open caller, as main shows it before verification: a masked profile only. The panel says
 * plainly that the identity is not verified and that account details come after verification,
 * which happens in the call: "Start call" (or Enter again in the search box) opens it.
 */
export function CallerPanel(): ReactElement {
  const t = useT();
  const view = useLookup((s) => s.caller);
  const starting = useCall((s) => s.phase === 'starting' && s.startingFor === view?.customerId);
  const startError = useCall((s) => s.error);

  if (!view) {
    return (
      <Paper withBorder p="md" className="ard-column" style={{ justifyContent: 'center' }}>
        <EmptyState size="sm" icon={<IconUserSearch size={28} />} title={t('caller.none.title')} description={t('caller.none.body')} />
      </Paper>
    );
  }

  const { caller, status, error } = view;
  const none = t('lookup.notOnFile');

  return (
    <Paper
      withBorder
      p="md"
      className="ard-column"
      component="section"
      aria-labelledby="caller-name"
      aria-busy={status === 'loading'}
      data-testid="caller-panel"
      data-customer-id={view.customerId}
      data-status={status}
      data-verified="false"
    >
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Title order={2} fz="h3" id="caller-name" style={{ overflowWrap: 'anywhere' }}>
              {caller?.displayName ?? t('caller.loading')}
            </Title>
            {status === 'loading' && <Loader size="xs" aria-label={t('caller.loading')} />}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Badge color="orange" variant="light" size="md" data-testid="caller-unverified" leftSection={<IconShieldAlert size={12} />}>
              {t('caller.unverified')}
            </Badge>
            <CloseButton
              aria-label={t('caller.close')}
              title={`${t('caller.close')} (Esc)`}
              onClick={() => {
                const store = lookupStore.getState();
                store.closeCaller();
                store.requestFocus();
              }}
            />
          </Group>
        </Group>

        {status === 'error' && error && <ErrorAlert error={error} testId="caller-error" />}

        {caller && (
          <DataList size="sm" labelWidth="110px" withDivider>
            <DataList.Item>
              <DataList.ItemLabel>{t('field.phone')}</DataList.ItemLabel>
              <DataList.ItemValue className="ard-mono">{caller.phoneMasked ?? none}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('field.email')}</DataList.ItemLabel>
              <DataList.ItemValue>{caller.emailMasked ?? none}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('field.town')}</DataList.ItemLabel>
              <DataList.ItemValue>{caller.town ?? none}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('field.account')}</DataList.ItemLabel>
              <DataList.ItemValue className="ard-mono">{caller.accountNumberMasked}</DataList.ItemValue>
            </DataList.Item>
          </DataList>
        )}

        <Alert color="orange" variant="light" icon={<IconShieldAlert />} title={t('caller.unverified')} data-testid="caller-verification-state">
          <Text size="sm">{t('caller.unverified.body')}</Text>
          <Text size="sm" mt={6}>
            {t('call.start.verifyHint')}
          </Text>
        </Alert>

        <Group gap="sm" align="center">
          <Button
            size="md"
            leftSection={<IconPhone size={18} />}
            loading={starting}
            onClick={() => void startCallWith(view.customerId)}
            data-testid="caller-start-call"
          >
            {t('call.start')}
          </Button>
          <Text size="xs" c="dimmed" aria-hidden="true">
            <Kbd size="xs">{keyName(t.locale, 'Enter')}</Kbd> {t('call.start.hint')}
          </Text>
        </Group>
        {startError && (
          <ErrorAlert error={startError} lead={t('call.startFailed')} testId="call-start-error" onClose={() => callStore.getState().clearError()} />
        )}
      </Stack>
    </Paper>
  );
}
