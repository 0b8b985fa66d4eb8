import { Alert, List, Text } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';

const OUTCOME_COLOR = { allowed: 'teal', needs_approval: 'yellow', refused: 'red' } as const;

/**
 * A refund's or a payment plan's decision as the agent types: coloured by its outcome, its
 * headline, what the decision adds (`children`, e.g. the schedule), and each rule's sentence.
 */
export function DecisionAlert({
  decision,
  testId,
  children,
}: {
  decision: {
    readonly outcome: keyof typeof OUTCOME_COLOR;
    readonly headline: string;
    readonly rules: readonly { readonly rule: string; readonly text: string }[];
  };
  testId: string;
  children?: ReactNode;
}): ReactElement {
  return (
    <Alert color={OUTCOME_COLOR[decision.outcome]} data-testid={testId} data-outcome={decision.outcome}>
      <Text fw={600}>{decision.headline}</Text>
      {children}
      <List size="sm">
        {decision.rules.map((r) => (
          <List.Item key={r.rule}>{r.text}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
