import { Alert, Text } from '@mantine/core';
import { useEffect, useState, type ReactElement } from 'react';
import type { CallExperiments } from '../../../../core/api';
import { api } from '../../api';
import { useT } from '../../i18n/use-t';
import { settle } from '../../lib/loadable';
import { useCallScope } from '../../store';

/**
 * At the top of the credit tab: main enrols the verified caller in the policy's experiments
 * ('experiments.enrol': assigned once, shown on every call) and says which arm. Held out: "no
 * proactive offer for this call", with why. In the usual-practice arm, one quiet line. Nothing
 * when the caller is in no experiment — and a failure here never blocks the credit form.
 */
export function ExperimentNotice(): ReactElement | null {
  const t = useT();
  const { interactionId } = useCallScope();
  const [answer, setAnswer] = useState<CallExperiments | null>(null);
  useEffect(() => {
    let live = true;
    void settle(api.call('experiments.enrol', { interactionId })).then((a) => {
      if (live && a.ok) setAnswer(a.value);
    });
    return () => {
      live = false;
    };
  }, [interactionId, t.locale]);
  if (!answer || answer.experiments.length === 0) return null;
  const held = answer.experiments.filter((e) => e.arm === 'holdout');
  if (held.length > 0) {
    return (
      <Alert color="orange" variant="light" title={t('experiments.holdout.title')} data-testid="experiment-holdout" role="status" mb="sm">
        {held.map((e) => (
          <Text key={e.experimentId} size="sm">
            {e.text}
          </Text>
        ))}
      </Alert>
    );
  }
  return (
    <Text size="xs" c="dimmed" data-testid="experiment-offer" mb="sm">
      {answer.experiments.map((e) => e.text).join(' ')}
    </Text>
  );
}
