/**
 * How an engine invoice is kept in the store (invoice_lines rows: its lines, then its VAT per
 * rate): the rule is core's (src/core/billing/issue.ts), the same for the demo history, a
 * standalone desk's billing run and the hub's.
 */
export {
  invoiceLineRows,
  invoiceLineValues,
  invoiceRowValues,
  vatByRate,
  type InvoiceLineValues,
  type InvoiceRowValues,
  type LineRow,
} from '../../core/billing/issue';
