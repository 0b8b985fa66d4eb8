/**
 * The rows the generator writes, as positional tuples in the column order of their INSERT.
 * The generator hands each row to a RowSink; the loader's sink runs a prepared statement, the
 * benchmark's baseline sink keeps the rows in arrays to insert them later with a plain loop.
 * Column names come from the drizzle schema, so a renamed column fails the typecheck here.
 */
import { getTableName, type Table } from 'drizzle-orm';
import * as s from '../store/schema';

type Flag = 0 | 1;
type Text = string;
type MaybeText = string | null;
type Int = number;

export interface Rows {
  customer: [
    id: Text,
    givenName: Text,
    familyName: Text,
    dateOfBirth: Text,
    category: 'residential' | 'business',
    country: Text,
    locale: Text,
    fraudFlag: Flag,
    churnRisk: 'low' | 'medium' | 'high',
    createdAt: Text,
  ];
  phone: [id: Text, customerId: Text, e164: Text, kind: 'mobile' | 'landline', isPrimary: Flag];
  email: [id: Text, customerId: Text, email: Text, isPrimary: Flag];
  address: [id: Text, customerId: Text, line1: Text, line2: MaybeText, postcode: Text, city: Text, country: Text, isBilling: Flag];
  account: [
    id: Text,
    customerId: Text,
    number: Text,
    currency: Text,
    status: 'active' | 'suspended' | 'closed',
    openedOn: Text,
    paymentTermsDays: Int,
    paperBill: Flag,
  ];
  subscription: [id: Text, accountId: Text, planCode: Text, startedOn: Text, endedOn: MaybeText];
  change: [
    id: Text,
    subscriptionId: Text,
    effectiveOn: Text,
    change: 'start' | 'plan_change' | 'option_add' | 'option_remove' | 'promotion_start' | 'cancel',
    itemCode: MaybeText,
    recordedAt: Text,
  ];
  usage: [id: Text, subscriptionId: Text, cycle: Text, dataMb: Int, voiceMinutes: Int, sms: Int];
  invoice: [
    id: Text,
    accountId: Text,
    number: Text,
    cycleStart: Text,
    cycleEnd: Text,
    issuedOn: Text,
    dueOn: Text,
    currency: Text,
    subtotal: Int,
    tax: Int,
    total: Int,
    previousBalance: Int,
    paymentsReceived: Int,
    amountDue: Int,
  ];
  line: [id: Text, invoiceId: Text, position: Int, kind: Text, amount: Int, taxRateBp: Int, explanation: Text];
  payment: [
    id: Text,
    accountId: Text,
    invoiceId: MaybeText,
    amount: Int,
    currency: Text,
    receivedOn: Text,
    method: 'direct_debit' | 'card' | 'transfer' | 'cheque',
  ];
  ledger: [
    id: Text,
    accountId: Text,
    kind: 'credit' | 'recurring_discount' | 'fee_waiver' | 'reversal',
    amount: Int,
    currency: Text,
    reasonCode: Text,
    invoiceId: MaybeText,
    effectiveOn: Text,
    createdAt: Text,
    actorId: MaybeText,
    note: MaybeText,
  ];
  notice: [
    id: Text,
    accountId: Text,
    itemCode: Text,
    effectiveFrom: Text,
    notifiedOn: Text,
    channel: 'letter' | 'email' | 'sms' | 'contract',
    recordedAt: Text,
  ];
}

export type RowKind = keyof Rows;
export type RowSink = { [K in RowKind]: (row: Rows[K]) => void };

/** Parents before children, so every foreign key holds at each insert. */
export const ROW_KINDS: readonly RowKind[] = [
  'customer',
  'phone',
  'email',
  'address',
  'account',
  'subscription',
  'change',
  'usage',
  'invoice',
  'line',
  'payment',
  'ledger',
  'notice',
];

function insert(table: Table, columns: ReadonlyArray<{ name: string }>): string {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  return `INSERT INTO "${getTableName(table)}" (${names}) VALUES (${columns.map(() => '?').join(', ')})`;
}

export const INSERT_SQL: Readonly<Record<RowKind, string>> = {
  customer: insert(s.customers, [
    s.customers.id,
    s.customers.givenName,
    s.customers.familyName,
    s.customers.dateOfBirth,
    s.customers.category,
    s.customers.country,
    s.customers.locale,
    s.customers.fraudFlag,
    s.customers.churnRisk,
    s.customers.createdAt,
  ]),
  phone: insert(s.customerPhones, [s.customerPhones.id, s.customerPhones.customerId, s.customerPhones.e164, s.customerPhones.kind, s.customerPhones.isPrimary]),
  email: insert(s.customerEmails, [s.customerEmails.id, s.customerEmails.customerId, s.customerEmails.email, s.customerEmails.isPrimary]),
  address: insert(s.addresses, [
    s.addresses.id,
    s.addresses.customerId,
    s.addresses.line1,
    s.addresses.line2,
    s.addresses.postcode,
    s.addresses.city,
    s.addresses.country,
    s.addresses.isBilling,
  ]),
  account: insert(s.accounts, [
    s.accounts.id,
    s.accounts.customerId,
    s.accounts.number,
    s.accounts.currency,
    s.accounts.status,
    s.accounts.openedOn,
    s.accounts.paymentTermsDays,
    s.accounts.paperBill,
  ]),
  subscription: insert(s.subscriptions, [
    s.subscriptions.id,
    s.subscriptions.accountId,
    s.subscriptions.planCode,
    s.subscriptions.startedOn,
    s.subscriptions.endedOn,
  ]),
  change: insert(s.subscriptionChanges, [
    s.subscriptionChanges.id,
    s.subscriptionChanges.subscriptionId,
    s.subscriptionChanges.effectiveOn,
    s.subscriptionChanges.change,
    s.subscriptionChanges.itemCode,
    s.subscriptionChanges.recordedAt,
  ]),
  usage: insert(s.usageRecords, [
    s.usageRecords.id,
    s.usageRecords.subscriptionId,
    s.usageRecords.cycle,
    s.usageRecords.dataMb,
    s.usageRecords.voiceMinutes,
    s.usageRecords.sms,
  ]),
  invoice: insert(s.invoices, [
    s.invoices.id,
    s.invoices.accountId,
    s.invoices.number,
    s.invoices.cycleStart,
    s.invoices.cycleEnd,
    s.invoices.issuedOn,
    s.invoices.dueOn,
    s.invoices.currency,
    s.invoices.subtotal,
    s.invoices.tax,
    s.invoices.total,
    s.invoices.previousBalance,
    s.invoices.paymentsReceived,
    s.invoices.amountDue,
  ]),
  line: insert(s.invoiceLines, [
    s.invoiceLines.id,
    s.invoiceLines.invoiceId,
    s.invoiceLines.position,
    s.invoiceLines.kind,
    s.invoiceLines.amount,
    s.invoiceLines.taxRateBp,
    s.invoiceLines.explanation,
  ]),
  payment: insert(s.payments, [
    s.payments.id,
    s.payments.accountId,
    s.payments.invoiceId,
    s.payments.amount,
    s.payments.currency,
    s.payments.receivedOn,
    s.payments.method,
  ]),
  ledger: insert(s.ledgerEntries, [
    s.ledgerEntries.id,
    s.ledgerEntries.accountId,
    s.ledgerEntries.kind,
    s.ledgerEntries.amount,
    s.ledgerEntries.currency,
    s.ledgerEntries.reasonCode,
    s.ledgerEntries.invoiceId,
    s.ledgerEntries.effectiveOn,
    s.ledgerEntries.createdAt,
    s.ledgerEntries.actorId,
    s.ledgerEntries.note,
  ]),
  notice: insert(s.priceNotices, [
    s.priceNotices.id,
    s.priceNotices.accountId,
    s.priceNotices.itemCode,
    s.priceNotices.effectiveFrom,
    s.priceNotices.notifiedOn,
    s.priceNotices.channel,
    s.priceNotices.recordedAt,
  ]),
};
