import { Text, Title } from '@mantine/core';
import type { ReactElement } from 'react';

/** A screen's title at its heading level, and the one dimmed line that says what it is for. */
export function Heading(props: { order: 1 | 2; id: string; title: string; subtitle: string }): ReactElement {
  return (
    <>
      <Title order={props.order} fz="h3" id={props.id}>
        {props.title}
      </Title>
      <Text size="sm" c="dimmed">
        {props.subtitle}
      </Text>
    </>
  );
}
