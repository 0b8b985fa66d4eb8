import { Button } from '@mantine/core';
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import { insightsCsv, insightsCsvFileName } from '../../../../core/insights';
import { useT } from '../../i18n/use-t';
import type { ScopedInsights } from './insights-store';
import { practices } from './stores';

/** The file as the browser downloads it: a Blob, an object URL, a temporary anchor (Electron's renderer and the browser host alike). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Export CSV": what the screen shows (both overviews as main sent them), in the viewer's language. */
export function ExportCsv({ experiments }: { experiments: ScopedInsights | null }): ReactElement {
  const t = useT();
  const shown = useStore(practices.store, (s) => s.value.value);
  const today = experiments?.today ?? shown?.today ?? null;
  return (
    <Button
      size="xs"
      variant="light"
      disabled={today === null}
      onClick={() =>
        // The file's name and header rows carry the filter the figures were computed with.
        downloadText(insightsCsv(experiments, shown, t.locale), insightsCsvFileName(today!, experiments?.filter ?? shown?.filter), 'text/csv;charset=utf-8')
      }
      data-testid="insights-export"
    >
      {t('insights.export')}
    </Button>
  );
}
