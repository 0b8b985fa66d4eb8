/**
 * The bill as the customer holds it: a print-ready view of the open invoice (the same document,
 * mentions and figures as its PDF, made by core/billing/invoice-document.ts), printed with the
 * browser (CSS @media print shows the document alone), downloaded as the PDF made in main, and
 * "send a copy" by email or post — a command, refused by main for an unverified call.
 */
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import type { Key, ReactElement, ReactNode } from 'react';
import { useStore } from 'zustand';
import type { InvoiceCopyChannel, InvoiceDocumentView, Locale } from '../../../../core/api';
import { useT } from '../../i18n/use-t';
import { useCallScope } from '../../store';
import { LoadError, Loading } from '../../ui/load-state';
import { savePdf, type DocumentStore } from './document-store';
import './invoice-document.css';

/** The button that opens the print view of `invoiceId`. */
export function InvoiceDocumentButton(props: { invoiceId: string }): ReactElement {
  const t = useT();
  const store = useCallScope().invoiceDocument;
  return (
    <Button size="compact-sm" variant="default" onClick={() => store.getState().openView(props.invoiceId)} data-testid="invoice-document-open">
      {t('bills.doc.open')}
    </Button>
  );
}

export function InvoiceDocumentModal(): ReactElement {
  const t = useT();
  const store = useCallScope().invoiceDocument;
  const openId = useStore(store, (s) => s.openId);
  const doc = useStore(store, (s) => s.doc);
  return (
    <Modal
      opened={openId !== null}
      onClose={() => store.getState().closeView()}
      title={t('bills.doc.title')}
      closeButtonProps={{ 'aria-label': t('bills.doc.close') }}
      size="xl"
      transitionProps={{ duration: 0 }}
      data-testid="invoice-document"
    >
      <Stack gap="md">
        <Toolbar store={store} />
        {doc.status === 'error' ? (
          <LoadError error={doc.error!} onRetry={() => openId && store.getState().openView(openId)} testId="invoice-document-error" />
        ) : doc.value ? (
          <PrintedInvoice doc={doc.value} />
        ) : (
          <Loading label={t('bills.doc.loading')} testId="invoice-document-loading" />
        )}
      </Stack>
    </Modal>
  );
}

function Toolbar({ store }: { store: DocumentStore }): ReactElement {
  const t = useT();
  const locale = useStore(store, (s) => s.locale);
  const pdf = useStore(store, (s) => s.pdf);
  const send = useStore(store, (s) => s.send);
  const ready = useStore(store, (s) => s.doc.status === 'ready');
  return (
    <Stack gap="xs" className="ard-print-hide">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Captioned id="invoice-document-language" caption={t('bills.doc.language')}>
          <SegmentedControl
            size="xs"
            value={locale}
            onChange={(v) => store.getState().setLocale(v as Locale)}
            data={[
              { value: 'fr', label: t('locale.fr.name') },
              { value: 'en', label: t('locale.en.name') },
            ]}
            aria-labelledby="invoice-document-language"
            data-testid="invoice-document-locale"
          />
        </Captioned>
        <Button size="xs" variant="default" onClick={() => window.print()} disabled={!ready} data-testid="invoice-document-print">
          {t('bills.doc.print')}
        </Button>
        <Button
          size="xs"
          onClick={() => void store.getState().downloadPdf(savePdf)}
          loading={pdf.status === 'loading'}
          disabled={!ready}
          data-testid="invoice-document-pdf"
        >
          {t('bills.doc.download')}
        </Button>
      </Group>
      {pdf.status === 'error' && (
        <Alert color="red" variant="light" role="alert" py="xs" data-testid="invoice-document-pdf-error">
          {t('bills.doc.pdfFailed')} {t.error(pdf.error!)}
        </Alert>
      )}
      <Group gap="sm" align="flex-end" wrap="wrap" role="group" aria-labelledby="invoice-send-title">
        <Captioned id="invoice-send-title" caption={t('bills.doc.send.title')}>
          <SegmentedControl
            size="xs"
            value={send.channel}
            onChange={(v) => store.getState().setChannel(v as InvoiceCopyChannel)}
            data={[
              { value: 'email', label: t('bills.doc.send.email') },
              { value: 'post', label: t('bills.doc.send.post') },
            ]}
            aria-label={t('bills.doc.send.channel')}
            data-testid="invoice-send-channel"
          />
        </Captioned>
        <Button
          size="xs"
          variant="light"
          onClick={() => void store.getState().sendCopy()}
          loading={send.status === 'sending'}
          disabled={!ready || send.status === 'sent'}
          data-testid="invoice-send"
        >
          {t('bills.doc.send.submit')}
        </Button>
      </Group>
      {send.status === 'sent' && send.result && (
        <Alert color="teal" variant="light" py="xs" role="status" data-testid="invoice-send-done">
          {t(send.result.channel === 'email' ? 'bills.doc.send.sentEmail' : 'bills.doc.send.sentPost', { number: send.result.number, to: send.result.to })}
        </Alert>
      )}
      {send.status === 'error' && send.error && (
        <Alert color="red" variant="light" py="xs" role="alert" data-testid="invoice-send-error" data-code={send.error.code}>
          {t('bills.doc.send.failed')} {t.error(send.error)}
        </Alert>
      )}
    </Stack>
  );
}

/** A control of the toolbar under its small caption (`id`, for what the caption labels). */
function Captioned(props: { id: string; caption: string; children: ReactNode }): ReactElement {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" id={props.id}>
        {props.caption}
      </Text>
      {props.children}
    </Stack>
  );
}

/** The document as printed: its own language (lang attribute), whatever the agent's. */
export function PrintedInvoice({ doc }: { doc: InvoiceDocumentView }): ReactElement {
  return (
    <article className="ard-print-doc" lang={doc.locale} data-testid="invoice-document-body" aria-labelledby="invoice-document-title">
      <Title order={2} className="ard-doc-title" id="invoice-document-title" data-testid="invoice-document-title">
        {doc.title}
      </Title>
      <div className="ard-doc-parties">
        <Party party={doc.seller} testId="invoice-document-seller" />
        <Party party={doc.customer} testId="invoice-document-customer" />
      </div>
      <Pairs items={doc.facts} className="ard-doc-facts" />
      <DocTable
        head={[doc.columns.description, doc.columns.net, doc.columns.vatRate, doc.columns.total]}
        rows={doc.lines}
        rowKey={(_, i) => i}
        cells={(l) => [l.description, l.net, l.vatRate, l.total]}
        rowTestId="invoice-document-line"
      />
      <div className="ard-doc-sums">
        <DocTable
          caption={doc.vatHeading}
          head={[
            <span key="heading" className="ard-visually-hidden">
              {doc.vatHeading}
            </span>,
            doc.vatColumns.base,
            doc.vatColumns.amount,
          ]}
          rows={doc.vat}
          rowKey={(v) => v.label}
          cells={(v) => [v.label, v.baseText, v.amountText]}
          rowHeadings
          rowTestId="invoice-document-vat"
        />
        <Pairs items={doc.totals} className="ard-doc-totals" strongLast testId="invoice-document-total" />
      </div>
      <footer className="ard-doc-mentions">
        {doc.mentions.map((m) => (
          <p key={m.code} data-mention={m.code} data-testid="invoice-document-mention">
            {m.text}
          </p>
        ))}
      </footer>
    </article>
  );
}

/**
 * A table of the document: its column headings, then a row of cells per item. With `caption`,
 * the table is named by it; with `rowHeadings`, a row's first cell is its heading.
 */
function DocTable<R>(props: {
  head: readonly ReactNode[];
  rows: readonly R[];
  rowKey: (row: R, index: number) => Key;
  cells: (row: R) => readonly ReactNode[];
  rowTestId: string;
  caption?: string;
  rowHeadings?: boolean;
}): ReactElement {
  return (
    <table className="ard-doc-table" aria-label={props.caption}>
      {props.caption !== undefined && <caption>{props.caption}</caption>}
      <thead>
        <tr>
          {props.head.map((heading, i) => (
            <th key={i} scope="col">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, i) => (
          <tr key={props.rowKey(row, i)} data-testid={props.rowTestId}>
            {props.cells(row).map((cell, j) =>
              j === 0 && props.rowHeadings ? (
                <th key={j} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={j}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Labelled values one under the other (the document's facts, its totals); `strongLast`: the last one in bold. */
function Pairs(props: { items: InvoiceDocumentView['facts']; className: string; strongLast?: boolean; testId?: string }): ReactElement {
  const last = props.items.length - 1;
  return (
    <dl className={props.className}>
      {props.items.map((item, i) => (
        <div key={item.label} className={props.strongLast && i === last ? 'ard-doc-strong' : undefined} data-testid={props.testId}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The seller or the customer: a heading, then the lines of the address block, the name first in bold. */
function Party({ party, testId }: { party: InvoiceDocumentView['seller']; testId: string }): ReactElement {
  return (
    <section>
      <h3>{party.heading}</h3>
      {party.lines.map((l, i) => (
        <div key={i} className={i === 0 ? 'ard-doc-strong' : undefined} data-testid={testId}>
          {l}
        </div>
      ))}
    </section>
  );
}
