/**
 * The bill as the customer holds it: the document of an issued invoice (core's
 * buildInvoiceDocument from the stored invoice, the customer and the seller kept in settings),
 * its PDF (invoice-pdf.ts), and a copy sent to the customer — a command (outbox
 * 'invoice.sendCopy' + audit 'invoice_copy_sent' in one transaction), idempotent by the screen's key.
 *
 * Only the verified caller's invoices: BillingService.documentSource answers NOT_FOUND for any other.
 */
import type Database from 'better-sqlite3';
import { ApiError, type InvoiceCopyChannel, type InvoiceCopySent, type InvoiceDocumentView, type InvoicePdf, type Locale } from '../../../core/api';
import { buildInvoiceDocument, parseSeller, SELLER_SETTING_KEY, type Seller } from '../../../core/billing';
import { isLocale, t } from '../../../core/i18n';
import { maskEmail } from '../../../core/identity/mask';
import { customerQueries } from '../../store/customers';
import { settingsQueries } from '../../store/settings';
import { prepareStores } from '../../store/prepared';
import type { CommandLog } from '../command-log';
import type { BillingService } from './billing-service';
import { renderInvoicePdf } from './invoice-pdf';

export interface InvoiceDocumentsDeps {
  readonly client: Database.Database;
  readonly billing: BillingService;
  readonly commands: CommandLog;
}

export interface CopyActor {
  readonly agentId: string;
  readonly interactionId: string;
}

export class InvoiceDocuments {
  private readonly store;

  constructor(private readonly deps: InvoiceDocumentsDeps) {
    this.store = prepareStores(deps.client, { customers: customerQueries, settings: settingsQueries });
  }

  /** The stored seller; a store without a valid one is a set-up fault (INTERNAL), said in the log by the dispatcher. */
  seller(): Seller {
    return parseSeller(this.store.settings.value(SELLER_SETTING_KEY));
  }

  document(customerId: string, invoiceId: string, locale: Locale): InvoiceDocumentView {
    return this.build(customerId, invoiceId, locale).view;
  }

  private build(customerId: string, invoiceId: string, locale: Locale): { view: InvoiceDocumentView; issuedOn: string; seller: Seller } {
    const { detail, input, category } = this.deps.billing.documentSource(customerId, invoiceId, locale);
    const details = this.store.customers.details(customerId);
    if (!details) throw new ApiError('NOT_FOUND');
    const address = this.store.customers.billingAddress(customerId) ?? null;
    const seller = this.seller();
    const doc = buildInvoiceDocument(
      input,
      { name: `${details.givenName} ${details.familyName}`, category, accountNumber: detail.account.number, address },
      seller,
      locale,
    );
    return { view: { invoiceId, ...doc }, issuedOn: detail.issuedOn, seller };
  }

  async pdf(customerId: string, invoiceId: string, locale: Locale): Promise<InvoicePdf> {
    const { view: doc, issuedOn, seller } = this.build(customerId, invoiceId, locale);
    const bytes = await renderInvoicePdf(doc, { sellerName: seller.name, issuedOn });
    return {
      invoiceId,
      // Short, whatever the title says: "Facture-F-2026-000123.pdf", "Credit-note-AV-2026-000004.pdf".
      fileName: `${t(locale, doc.kind === 'credit-note' ? 'doc.file.creditNote' : 'doc.file.invoice')}-${doc.number.replace(/[^\p{L}\p{N}-]+/gu, '-')}.pdf`,
      contentType: 'application/pdf',
      byteLength: bytes.byteLength,
      base64: Buffer.from(bytes).toString('base64'),
    };
  }

  /**
   * Asks for a copy to be sent: checks that the invoice is the caller's and that the channel has
   * somewhere to go, then writes the command and its audit entry in one transaction. The payload
   * names the invoice, the channel and the language, never the address itself (it is the
   * customer's on file, read when the copy is made).
   */
  sendCopy(customerId: string, actor: CopyActor, invoiceId: string, channel: InvoiceCopyChannel, requested: Locale | undefined): InvoiceCopySent {
    const details = this.store.customers.details(customerId);
    if (!details) throw new ApiError('NOT_FOUND');
    const locale: Locale = requested ?? (isLocale(details.locale) ? details.locale : 'fr');
    // Makes the document (NOT_FOUND for another customer's invoice, a fault for an invalid seller).
    const doc = this.document(customerId, invoiceId, locale);
    let to: string;
    if (channel === 'email') {
      const email = this.store.customers.emails(customerId)[0]?.email;
      if (!email) throw new ApiError('INVALID_INPUT', [{ path: 'channel', message: 'no email address on file' }]);
      to = maskEmail(email);
    } else {
      const address = this.store.customers.billingAddress(customerId);
      if (!address) throw new ApiError('INVALID_INPUT', [{ path: 'channel', message: 'no postal address on file' }]);
      to = `${address.postcode} ${address.city}`;
    }
    const { commandId, result } = this.deps.commands.execute(
      {
        type: 'invoice.sendCopy',
        actorId: actor.agentId,
        interactionId: actor.interactionId,
        payload: { invoiceId, customerId, number: doc.number, channel, locale },
        audit: { action: 'invoice_copy_sent', subject: `customer:${customerId}`, after: { invoiceId, number: doc.number, channel, locale } },
      },
      ({ commandId, at }) => ({ commandId, at }),
    );
    return { commandId, invoiceId, number: doc.number, channel, to, locale, at: result.at };
  }
}
