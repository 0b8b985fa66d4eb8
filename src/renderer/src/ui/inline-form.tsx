import { Group, Text } from '@mantine/core';
import type { CSSProperties, FormEvent, ReactElement, ReactNode } from 'react';

/** A form on one line: its field and button side by side, bottom-aligned, and what failed under them. */
export function InlineForm(props: {
  onSubmit(event: FormEvent): void;
  children: ReactNode;
  /** Why the last submit failed, in words. */
  problem?: ReactNode;
  testId?: string;
  ariaLabel?: string;
  style?: CSSProperties;
}): ReactElement {
  return (
    <form onSubmit={props.onSubmit} data-testid={props.testId} aria-label={props.ariaLabel} style={props.style}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        {props.children}
      </Group>
      {props.problem && (
        <Text size="xs" c="red.8" mt={4} role="alert">
          {props.problem}
        </Text>
      )}
    </form>
  );
}
