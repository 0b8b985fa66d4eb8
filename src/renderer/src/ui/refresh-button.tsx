import { Button } from '@mantine/core';
import type { ReactElement } from 'react';
import { IconRefresh } from './icons';

/** Read again now (a list, a lock, the audit chain): busy while the answer is on its way. */
export function RefreshButton(props: { label: string; loading: boolean; onClick(): void; testId: string }): ReactElement {
  return (
    <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} loading={props.loading} onClick={props.onClick} data-testid={props.testId}>
      {props.label}
    </Button>
  );
}
