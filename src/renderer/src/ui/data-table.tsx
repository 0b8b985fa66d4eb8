import { Table, type TableProps } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';

/**
 * A column of a table's header: its label, or the label with a width where the column must not
 * grow, or right-aligned (amounts).
 */
export type Column = string | { readonly label: ReactNode; readonly w?: number; readonly ta?: 'right' };

/** A table's header row from its columns, in order. */
function TableHead({ columns }: { readonly columns: readonly Column[] }): ReactElement {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column, i) => {
          const c = typeof column === 'string' ? { label: column } : column;
          return (
            <Table.Th key={i} {...(c.w !== undefined ? { w: c.w } : {})} {...(c.ta !== undefined ? { ta: c.ta } : {})}>
              {c.label}
            </Table.Th>
          );
        })}
      </Table.Tr>
    </Table.Thead>
  );
}

/**
 * A table of rows under a header of column labels: Mantine's Table with its own props (striped,
 * borders, spacing…), its caption when there is one, the header, and `children` — the rows — as
 * its body.
 */
export function DataTable(
  props: Omit<TableProps, 'children' | 'data'> & {
    readonly columns: readonly Column[];
    readonly caption?: ReactNode;
    readonly testId?: string;
    readonly children: ReactNode;
  },
): ReactElement {
  const { columns, caption, testId, children, ...table } = props;
  return (
    <Table {...table} data-testid={testId}>
      {caption !== undefined && <Table.Caption>{caption}</Table.Caption>}
      <TableHead columns={columns} />
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}
