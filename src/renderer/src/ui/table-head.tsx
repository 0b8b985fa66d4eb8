import { Table } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';

/** A column of a table's header: its label, and a width where the column must not grow. */
export interface Column {
  readonly label: ReactNode;
  readonly w?: number;
}

/** A table's header row from its columns, in order. */
export function TableHead({ columns }: { readonly columns: readonly Column[] }): ReactElement {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c, i) => (
          <Table.Th key={i} {...(c.w !== undefined ? { w: c.w } : {})}>
            {c.label}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
