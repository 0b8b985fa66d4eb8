import { Badge, Group, List, Text } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';

/** What a line of the payments tab says of something that has a status (a payment, a dispute). */
interface StatusItem<S extends string> {
  readonly id: string;
  readonly status: S;
  readonly statusLabel: string;
  readonly sentence: string;
}

/**
 * A list of what has a status, each item its status badge (coloured by status) before its
 * sentence, and `more` under it; each item is `itemTestId` with its status in data-status.
 */
export function StatusList<S extends string, T extends StatusItem<S>>(props: {
  items: readonly T[];
  colors: Readonly<Record<S, string>>;
  testId: string;
  itemTestId: string;
  more?: (item: T) => ReactNode;
}): ReactElement {
  return (
    <List spacing={4} data-testid={props.testId}>
      {props.items.map((item) => (
        <List.Item key={item.id} data-testid={props.itemTestId} data-status={item.status}>
          <Group gap="xs" wrap="nowrap">
            <Badge color={props.colors[item.status]} variant="light">
              {item.statusLabel}
            </Badge>
            <Text size="sm">{item.sentence}</Text>
          </Group>
          {props.more?.(item)}
        </List.Item>
      ))}
    </List>
  );
}
