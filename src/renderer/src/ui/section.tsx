import { Group, Paper, Stack, Title, type TitleOrder } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';

/**
 * A bordered section of a tab, named by its title (aria-labelledby `titleId`), with what goes on
 * the title's line at its right (a total, a close button), then its content.
 */
export function TitledSection(props: {
  titleId: string;
  title: ReactNode;
  order: TitleOrder;
  fz: string;
  testId: string;
  aside?: ReactNode;
  children: ReactNode;
}): ReactElement {
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={props.titleId} data-testid={props.testId}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={props.order} fz={props.fz} id={props.titleId}>
            {props.title}
          </Title>
          {props.aside}
        </Group>
        {props.children}
      </Stack>
    </Paper>
  );
}
