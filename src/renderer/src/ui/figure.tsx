import { Stack, Text } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import './ui.css';

/** A figure the agent reads at a glance: a small label above a large value. */
export function Figure(props: { label: string; children: ReactNode; testId?: string }): ReactElement {
  return (
    <div className="ard-figure" data-testid={props.testId}>
      <span className="ard-figure-label">{props.label}</span>
      <span className="ard-figure-value">{props.children}</span>
    </div>
  );
}

/** A header's summary: a small dimmed label above its value, right-aligned. */
export function Labelled(props: { label: string; children: ReactNode }): ReactElement {
  return (
    <Stack gap={0} align="flex-end">
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      {props.children}
    </Stack>
  );
}
