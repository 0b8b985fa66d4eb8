/**
 * English sentences that main writes into what it returns (ledger rows, a request's status on
 * the call, VAT lines). Merged into the en catalogue.
 */
export const sentencesEn = {
  'sentence.ledger.recurring.one': '{label}: {amount} off {count} bill from {month}',
  'sentence.ledger.recurring.other': '{label}: {amount} off {count} bills from {month}',
  'sentence.ledger.feeWaiver': '{label}: {amount} late fee waived',
  'sentence.ledger.feeWaiverOnInvoice': '{label}: {amount} late fee waived (invoice {invoice})',
  'sentence.ledger.creditOnInvoice': '{label}: {amount} credit on invoice {invoice}',
  'sentence.ledger.creditOnAccount': '{label}: {amount} credit on the account',

  'sentence.request.monthly.one': '{amount} a month for {count} month',
  'sentence.request.monthly.other': '{amount} a month for {count} months',
  'sentence.request.aSupervisor': 'a supervisor',
  'sentence.request.comment': ' — “{comment}”',
  'sentence.request.pending': 'Waiting for approval: {label}, {worth}.',
  'sentence.request.approved': 'Approved by {who}: {amount}.{comment}',
  'sentence.request.approvedLower': 'Approved by {who}: {amount} (instead of {asked}).{comment}',
  'sentence.request.refused': 'Refused by {who}.{comment}',
  'sentence.request.cancelled': 'Request cancelled.',

  'sentence.vat': 'VAT at {rate} on {base}: {amount}',
} as const;
