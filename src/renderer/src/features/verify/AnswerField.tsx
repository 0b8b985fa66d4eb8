import { ActionIcon, Badge, Group, Text, TextInput, Tooltip } from '@mantine/core';
import { forwardRef, useState, type ReactElement } from 'react';
import { currencySymbol, formatDate } from '../../../../core/i18n';
import { dateOrderFor, type QuestionKind } from '../../../../core/verification';
import { useT, type Translator } from '../../i18n/use-t';
import { IconEye, IconEyeOff } from '../../ui/icons';
import { safeAmount } from '../account/format';
import { readAnswer, type AnswerReading } from './answers';

export interface AnswerFieldProps {
  kind: QuestionKind;
  value: string;
  onChange(value: string): void;
  nonPublic: boolean;
  currency: string;
  today: string;
  disabled: boolean;
}

function readingText(t: Translator, kind: QuestionKind, reading: AnswerReading): { text: string; ok: boolean } | null {
  if (reading.state === 'empty') return null;
  if (reading.state === 'unreadable') return { text: t(`verify.unreadable.${kind}`), ok: false };
  switch (reading.kind) {
    case 'date':
      // Pinned to UTC: the ISO date is a calendar day, not an instant.
      return { text: t('verify.readAs', { value: formatDate(t.locale, `${reading.isoDate}T00:00:00Z`, 'longDate', 'UTC') }), ok: true };
    case 'postcode':
      return { text: t('verify.readAs', { value: reading.postcode }), ok: true };
    case 'amount':
      return { text: t('verify.readAs', { value: safeAmount(t.locale, reading.minor, reading.currency) }), ok: true };
    case 'pin':
      return null; // never echo anything about a PIN beyond "readable"
  }
}

/**
 * One question as a labelled input suited to its kind. Under it, how Ardoise reads what was
 * typed ("Read as 12 March 1985"), so a slip is caught before it costs an attempt. The PIN is
 * masked and never read back.
 *
 * Nothing typed here may be remembered by the browser: autocomplete is off, and the PIN is a
 * text field drawn masked (-webkit-text-security) rather than a password field — a password
 * field in a submitted form makes a browser offer to save it, which would store the caller's
 * PIN in the agent's password manager.
 */
export const AnswerField = forwardRef<HTMLInputElement, AnswerFieldProps>(function AnswerField(props, ref): ReactElement {
  const { kind, value, onChange, nonPublic, currency, today, disabled } = props;
  const t = useT();
  const [shown, setShown] = useState(false);
  const reading = readAnswer(kind, value, { today, currency, dateOrder: dateOrderFor(t.locale) });
  const hint = readingText(t, kind, reading);
  const label = (
    <Group gap={6} component="span" wrap="nowrap">
      <span>{t(`verify.kind.${kind}`)}</span>
      {nonPublic && (
        <Tooltip label={t('verify.private.hint')} openDelay={300}>
          <Badge size="xs" variant="light" color="ardoise" component="span">
            {t('verify.private')}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
  const description = hint ? (
    <Text component="span" size="xs" c={hint.ok ? 'teal.8' : 'orange.9'} data-testid={`verify-reading-${kind}`} data-ok={hint.ok}>
      {hint.text}
    </Text>
  ) : undefined;
  const common = {
    ref,
    label,
    description,
    inputWrapperOrder: ['label', 'input', 'description'] as ('label' | 'input' | 'description')[],
    value,
    disabled,
    placeholder: t(`verify.placeholder.${kind}`),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange(e.currentTarget.value),
    autoComplete: 'off',
    autoCorrect: 'off',
    spellCheck: false,
    maxLength: 64,
    name: `ard-answer-${kind}`,
    'data-testid': `verify-answer-${kind}`,
    'data-1p-ignore': true,
    'data-lpignore': 'true',
  };

  if (kind === 'account_pin') {
    return (
      <TextInput
        {...common}
        inputMode="numeric"
        data-masked={!shown}
        styles={{ input: { WebkitTextSecurity: shown ? 'none' : 'disc' } as React.CSSProperties }}
        rightSection={
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => setShown((v) => !v)}
            aria-label={t(shown ? 'verify.pin.hide' : 'verify.pin.show')}
            aria-pressed={shown}
            tabIndex={-1}
          >
            {shown ? <IconEyeOff size={16} /> : <IconEye size={16} />}
          </ActionIcon>
        }
      />
    );
  }
  if (kind === 'last_invoice_amount') {
    return (
      <TextInput
        {...common}
        inputMode="decimal"
        rightSection={
          <Text size="sm" c="dimmed">
            {currencySymbol(t.locale, currency)}
          </Text>
        }
      />
    );
  }
  return <TextInput {...common} />;
});
