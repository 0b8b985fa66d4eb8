import { Textarea, type TextareaProps } from '@mantine/core';
import type { ReactElement, Ref } from 'react';

/**
 * Words the agent types (a note, a reason, what the customer said): a textarea that grows with
 * its text from `rows[0]` lines to `rows[1]` (without it, as far as the text goes), `maxLength`
 * characters at most. `onChange` gets the text.
 */
export function FreeText(
  props: Omit<TextareaProps, 'value' | 'onChange' | 'autosize' | 'rows' | 'minRows' | 'maxRows' | 'maxLength'> & {
    readonly value: string;
    onChange(text: string): void;
    readonly rows: readonly [min: number, max?: number];
    readonly maxLength: number;
    readonly testId: string;
    readonly ref?: Ref<HTMLTextAreaElement>;
  },
): ReactElement {
  const { onChange, rows, testId, ...textarea } = props;
  return <Textarea {...textarea} onChange={(e) => onChange(e.currentTarget.value)} autosize minRows={rows[0]} maxRows={rows[1]} data-testid={testId} />;
}
