import { Anchor, Button, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactElement } from 'react';
import type { ApiErrorBody } from '../../../../core/api';
import { api } from '../../api';
import { useT } from '../../i18n/use-t';
import { settle } from '../../lib/loadable';
import { popStore } from '../../store';
import { InlineForm } from '../../ui/inline-form';

/**
 * Demo and testing: report an incoming call through the real 'calls.incoming' method. Main
 * matches the number and pushes 'call.incoming'; the answer is handled here too (the pop store
 * drops the duplicate), so the pop shows even if the event channel is down.
 */
export function SimulateCall(): ReactElement {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const number = from.trim();
    if (!number || busy) return;
    setBusy(true);
    setError(null);
    const answer = await settle(api.call('calls.incoming', { from: number }));
    if (answer.ok) popStore.getState().receive(answer.value);
    else setError(answer.error);
    setBusy(false);
  }

  if (!open) {
    return (
      <Anchor component="button" type="button" size="xs" c="dimmed" onClick={() => setOpen(true)} data-testid="simulate-open">
        {t('sim.title')}
      </Anchor>
    );
  }

  return (
    <InlineForm onSubmit={(e) => void submit(e)} ariaLabel={t('sim.title')} problem={error && t.error(error)}>
      <TextInput
        size="xs"
        label={t('sim.number')}
        description={t('sim.hint')}
        value={from}
        onChange={(e) => setFrom(e.currentTarget.value)}
        maxLength={40}
        autoComplete="off"
        autoFocus
        inputMode="tel"
        data-testid="simulate-number"
        style={{ flex: 1 }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      />
      <Button size="xs" type="submit" variant="light" loading={busy} data-testid="simulate-submit">
        {t('sim.submit')}
      </Button>
    </InlineForm>
  );
}
