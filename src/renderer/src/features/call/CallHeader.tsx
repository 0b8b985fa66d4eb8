import { Badge, Button, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';
import { hasAtLeast, type AccountDetails, type InteractionState } from '../../../../core/api';
import { formatTime } from '../../../../core/i18n';
import { useT } from '../../i18n/use-t';
import { openAudit, useAccount, useCall, useSession } from '../../store';
import { IconShieldAlert } from '../../ui/icons';
import { displayCallerNumber } from '../screenpop/phone-format';
import { CallTimer } from './CallTimer';
import { IconHistory, IconShieldCheck } from '../../ui/icons';

function primaryPhone(details: AccountDetails): string | null {
  const phone = details.phones.find((p) => p.isPrimary) ?? details.phones[0];
  return phone ? displayCallerNumber({ from: phone.e164, e164: phone.e164 }) : null;
}

/**
 * Who is on the line, how long the call has run, and whether they are verified. Before
 * verification: the masked profile main gave (name, masked phone, town, masked account). After:
 * the full name, phone and account number from 'account.details'.
 */
export function CallHeader({ interaction }: { interaction: InteractionState }): ReactElement {
  const t = useT();
  const verified = useCall((s) => s.verified);
  const verifiedAt = useCall((s) => s.verifiedAt);
  const startedAtMs = useCall((s) => s.startedAtMs);
  const details = useAccount((s) => s.details.value);
  const role = useSession((s) => s.agent?.role ?? 'agent');
  const { caller } = interaction;
  const none = t('lookup.notOnFile');

  const full = verified && details;
  const name = full ? `${details.givenName} ${details.familyName}` : caller.displayName;
  const phone = full ? (primaryPhone(details) ?? none) : (caller.phoneMasked ?? none);
  const account = full ? (details.accounts[0]?.number ?? caller.accountNumberMasked) : caller.accountNumberMasked;
  const town = full ? (details.billingAddress?.city ?? caller.town ?? none) : (caller.town ?? none);
  const source = interaction.callerNumber ? 'screen_pop' : null;
  const fromNumber = interaction.callerNumber
    ? displayCallerNumber({ from: interaction.callerNumber, e164: interaction.callerNumber.startsWith('+') ? interaction.callerNumber : null })
    : null;

  return (
    <Paper
      withBorder
      px="md"
      py={6}
      component="header"
      className="ard-call-header"
      data-verified={verified}
      data-testid="call-header"
      data-source={source ?? undefined}
    >
      <Group justify="space-between" wrap="nowrap" align="center" gap="md">
        {/* One line: who, whether verified, then the facts (the screen pop's number folds in here). */}
        <Group gap="sm" wrap="wrap" align="center" style={{ minWidth: 0, rowGap: 2 }}>
          <Group gap="sm" wrap="nowrap" align="center">
            <Title order={2} fz="h4" id="call-caller-name" data-testid="call-caller-name" style={{ overflowWrap: 'anywhere' }}>
              {name}
            </Title>
            <Badge
              color={verified ? 'teal' : 'orange'}
              variant="light"
              size="md"
              leftSection={verified ? <IconShieldCheck size={12} /> : <IconShieldAlert size={12} />}
              data-testid="call-verification-badge"
              data-state={verified ? 'verified' : 'unverified'}
            >
              {!verified ? t('call.unverified') : verifiedAt ? t('call.verifiedAt', { time: formatTime(t.locale, verifiedAt) }) : t('call.verified')}
            </Badge>
            {source && (
              <Badge variant="outline" color="gray" size="sm">
                {t('call.source.screen_pop')}
              </Badge>
            )}
          </Group>
          <Group gap="md" wrap="wrap" className="ard-call-facts" data-testid="call-caller-facts">
            <Text size="sm" className="ard-mono" title={t('field.phone')}>
              {phone}
            </Text>
            <Text size="sm" title={t('field.town')}>
              {town}
            </Text>
            <Text size="sm" className="ard-mono" title={t('field.account')}>
              {account}
            </Text>
            {/* The number the call came from, when it is not the one just shown. */}
            {fromNumber && fromNumber !== phone && (
              <Text size="sm" c="dimmed">
                {t('call.from', { number: fromNumber })}
              </Text>
            )}
          </Group>
        </Group>
        <Group gap="md" wrap="nowrap" align="center" style={{ flexShrink: 0 }}>
          {hasAtLeast(role, 'supervisor') && (
            <Button
              variant="subtle"
              size="xs"
              color="gray"
              leftSection={<IconHistory size={16} />}
              onClick={() => openAudit(interaction.interactionId)}
              data-testid="call-open-audit"
            >
              {t('call.audit.open')}
            </Button>
          )}
          <CallTimer startedAtMs={startedAtMs} startedAt={t('call.startedAt', { time: formatTime(t.locale, interaction.startedAt) })} />
        </Group>
      </Group>
    </Paper>
  );
}
