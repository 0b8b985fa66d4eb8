/**
 * The desktop store. Rules that hold for every table:
 * - primary keys are text UUIDv7 (sortable by creation, safe to mint offline);
 * - money is an integer number of minor units next to a currency code;
 * - instants are UTC ISO-8601 text ("2026-03-12T09:15:00.000Z"), calendar dates 'YYYY-MM-DD';
 * - synced tables only ever gain columns and tables (see tests/integration/store/migrations).
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';

const id = () => text('id').primaryKey();
const createdAt = () => text('created_at').notNull();
/** A required reference to a row of another table (its key column). */
const ref = (name: string, target: () => AnySQLiteColumn) => text(name).notNull().references(target);

// ── people who use Ardoise ───────────────────────────────────────────────────

export const roles = sqliteTable('roles', {
  name: text('name').primaryKey(),
  rank: integer('rank').notNull(),
  description: text('description').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: ref('role', () => roles.name),
    /** scrypt$N$r$p$salt$hash — never the password. */
    passwordHash: text('password_hash').notNull(),
    locale: text('locale').notNull().default('fr'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);

// ── customers and their accounts ─────────────────────────────────────────────

export const customers = sqliteTable(
  'customers',
  {
    id: id(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    dateOfBirth: text('date_of_birth').notNull(),
    category: text('category', { enum: ['residential', 'business'] }).notNull(),
    country: text('country').notNull(),
    locale: text('locale').notNull(),
    fraudFlag: integer('fraud_flag', { mode: 'boolean' }).notNull().default(false),
    churnRisk: text('churn_risk', { enum: ['low', 'medium', 'high'] })
      .notNull()
      .default('low'),
    createdAt: createdAt(),
  },
  (t) => [index('customers_family_name_idx').on(t.familyName)],
);

export const customerPhones = sqliteTable(
  'customer_phones',
  {
    id: id(),
    customerId: ref('customer_id', () => customers.id),
    /** Always E.164 ("+33612345678"): every format the agent types is normalised to this. */
    e164: text('e164').notNull(),
    kind: text('kind', { enum: ['mobile', 'landline'] }).notNull(),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('customer_phones_e164_idx').on(t.e164), index('customer_phones_customer_idx').on(t.customerId)],
);

export const customerEmails = sqliteTable(
  'customer_emails',
  {
    id: id(),
    customerId: ref('customer_id', () => customers.id),
    /** Lower-cased, trimmed. */
    email: text('email').notNull(),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('customer_emails_email_idx').on(t.email), index('customer_emails_customer_idx').on(t.customerId)],
);

export const addresses = sqliteTable(
  'addresses',
  {
    id: id(),
    customerId: ref('customer_id', () => customers.id),
    line1: text('line1').notNull(),
    line2: text('line2'),
    postcode: text('postcode').notNull(),
    city: text('city').notNull(),
    country: text('country').notNull(),
    isBilling: integer('is_billing', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('addresses_customer_idx').on(t.customerId)],
);

export const accounts = sqliteTable(
  'accounts',
  {
    id: id(),
    customerId: ref('customer_id', () => customers.id),
    /** What the caller reads off their bill, e.g. "AR-00012345". */
    number: text('number').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['active', 'suspended', 'closed'] }).notNull(),
    openedOn: text('opened_on').notNull(),
    paymentTermsDays: integer('payment_terms_days').notNull().default(14),
    paperBill: integer('paper_bill', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('accounts_number_uq').on(t.number),
    // With the id, a customer's accounts are read from the index alone (the experiments' revenue
    // asks it twice per enrolled customer).
    index('accounts_customer_idx').on(t.customerId, t.id),
  ],
);

// ── catalog ──────────────────────────────────────────────────────────────────

export const plans = sqliteTable(
  'plans',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['plan', 'option', 'fee'] }).notNull(),
    /** Allowances, overage rates and other rating parameters, validated by core/billing. */
    terms: text('terms', { mode: 'json' }).notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('plans_code_uq').on(t.code)],
);

/** Price of a catalog item from a date: a price increase is a new row, never an edit. */
export const catalogPrices = sqliteTable(
  'catalog_prices',
  {
    id: id(),
    itemCode: text('item_code').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    effectiveFrom: text('effective_from').notNull(),
  },
  (t) => [uniqueIndex('catalog_prices_item_from_uq').on(t.itemCode, t.currency, t.effectiveFrom)],
);

export const promotions = sqliteTable(
  'promotions',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    terms: text('terms', { mode: 'json' }).notNull(),
  },
  (t) => [uniqueIndex('promotions_code_uq').on(t.code)],
);

// ── subscriptions and what they consumed ─────────────────────────────────────

export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: id(),
    accountId: ref('account_id', () => accounts.id),
    planCode: text('plan_code').notNull(),
    startedOn: text('started_on').notNull(),
    endedOn: text('ended_on'),
  },
  (t) => [index('subscriptions_account_idx').on(t.accountId)],
);

/** Every change to a subscription, in order: the billing engine rates from this history. */
export const subscriptionChanges = sqliteTable(
  'subscription_changes',
  {
    id: id(),
    subscriptionId: ref('subscription_id', () => subscriptions.id),
    effectiveOn: text('effective_on').notNull(),
    change: text('change', {
      enum: ['start', 'plan_change', 'option_add', 'option_remove', 'promotion_start', 'cancel'],
    }).notNull(),
    itemCode: text('item_code'),
    recordedAt: text('recorded_at').notNull(),
    commandId: text('command_id'),
  },
  (t) => [index('subscription_changes_sub_idx').on(t.subscriptionId, t.effectiveOn)],
);

/**
 * The day an account was told of a catalog price change (catalog_prices: the item and the day
 * its new price takes effect), and how. One row per notice sent: a letter sent again is a second
 * row (the earliest counts). An increase is billed to a customer who already had the item only
 * from one month after their notice (core/billing/catalog.ts, the notice rule; Code de la
 * consommation L224-33): without a row, not at all.
 */
export const priceNotices = sqliteTable(
  'price_notices',
  {
    id: id(),
    accountId: ref('account_id', () => accounts.id),
    itemCode: text('item_code').notNull(),
    /** The day the new price takes effect in the catalog (catalog_prices.effective_from). */
    effectiveFrom: text('effective_from').notNull(),
    notifiedOn: text('notified_on').notNull(),
    channel: text('channel', { enum: ['letter', 'email', 'sms', 'contract'] }).notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('price_notices_account_idx').on(t.accountId, t.itemCode, t.effectiveFrom)],
);

export const usageRecords = sqliteTable(
  'usage_records',
  {
    id: id(),
    subscriptionId: ref('subscription_id', () => subscriptions.id),
    /** The billing cycle, 'YYYY-MM'. */
    cycle: text('cycle').notNull(),
    dataMb: integer('data_mb').notNull(),
    voiceMinutes: integer('voice_minutes').notNull(),
    sms: integer('sms').notNull(),
  },
  (t) => [uniqueIndex('usage_records_sub_cycle_uq').on(t.subscriptionId, t.cycle)],
);

// ── bills and money ──────────────────────────────────────────────────────────

export const invoices = sqliteTable(
  'invoices',
  {
    id: id(),
    accountId: ref('account_id', () => accounts.id),
    number: text('number').notNull(),
    cycleStart: text('cycle_start').notNull(),
    cycleEnd: text('cycle_end').notNull(),
    issuedOn: text('issued_on').notNull(),
    dueOn: text('due_on').notNull(),
    currency: text('currency').notNull(),
    subtotal: integer('subtotal').notNull(),
    tax: integer('tax').notNull(),
    total: integer('total').notNull(),
    previousBalance: integer('previous_balance').notNull(),
    paymentsReceived: integer('payments_received').notNull(),
    amountDue: integer('amount_due').notNull(),
    // ── added for frozen documents (migration 0012) ──
    /**
     * An issued bill is a frozen document (triggers in the migration refuse changing or deleting
     * it and its lines). A bill whose total is negative is issued as a credit note ('avoir'),
     * numbered in its own series, correcting the invoice before it (`corrects_invoice_id`).
     */
    documentKind: text('document_kind', { enum: ['invoice', 'credit_note'] })
      .notNull()
      .default('invoice'),
    correctsInvoiceId: text('corrects_invoice_id').references((): AnySQLiteColumn => invoices.id),
  },
  // (account, cycle) with the issue day and total beside them: reading an account's latest bills as
  // of a day (the insights' bill shock, store/practices.ts) never leaves the index.
  (t) => [uniqueIndex('invoices_number_uq').on(t.number), index('invoices_account_bill_idx').on(t.accountId, t.cycleStart, t.issuedOn, t.total)],
);

/**
 * The next number of each numbering series ('F-2026', 'AV-2026': core/billing/numbering.ts),
 * taken in the transaction that writes the document (store/invoice-numbers.ts): a rollback
 * gives the number back, so a series has no gap. Kept by the billing authority only, never
 * synced (see invoice-numbers.ts for who numbers).
 */
export const invoiceSeries = sqliteTable('invoice_series', {
  series: text('series').primaryKey(),
  nextNumber: integer('next_number').notNull(),
});

export const invoiceLines = sqliteTable(
  'invoice_lines',
  {
    id: id(),
    invoiceId: ref('invoice_id', () => invoices.id),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    amount: integer('amount').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    /** Structured explanation: a reason code and its parameters (core/billing), never prose. */
    explanation: text('explanation', { mode: 'json' }).notNull(),
  },
  (t) => [uniqueIndex('invoice_lines_invoice_pos_uq').on(t.invoiceId, t.position)],
);

export const payments = sqliteTable(
  'payments',
  {
    id: id(),
    accountId: ref('account_id', () => accounts.id),
    invoiceId: text('invoice_id').references(() => invoices.id),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    receivedOn: text('received_on').notNull(),
    method: text('method', { enum: ['direct_debit', 'card', 'transfer', 'cheque'] }).notNull(),
    // ── added for receivables (migration 0010) ──
    /**
     * received: counts; failed: never moved money (counts for nothing); returned: came back
     * (`returned_amount` of it, all when null); refund: paid back out of a credit balance, counts
     * against the customer. One rule in core/receivables/payments.ts (PAYMENT_NET_SQL).
     */
    status: text('status', { enum: ['received', 'failed', 'returned', 'refund'] })
      .notNull()
      .default('received'),
    /** A card payment's last four digits — never more (a trigger refuses anything but four digits). */
    cardLast4: text('card_last4'),
    returnedAmount: integer('returned_amount'),
    /** Why it failed or came back (a code: insufficient_funds, card_declined, …), or a refund's reason. */
    statusReason: text('status_reason'),
    statusOn: text('status_on'),
    /** A refund asked during a call: who, on which call, under which command and approval. */
    actorId: text('actor_id'),
    interactionId: text('interaction_id'),
    commandId: text('command_id'),
    approvalId: text('approval_id'),
  },
  // Covering what an experiment's revenue reads of a payment (currency and core/receivables'
  // PAYMENT_NET_SQL): a window of an account's payments is summed from the index alone, without a
  // seek into the table per payment (revenue on a 100,000-customer store: 120 → 65 ms).
  (t) => [index('payments_account_idx').on(t.accountId, t.receivedOn, t.currency, t.status, t.amount, t.returnedAmount)],
);

/**
 * Credits and discounts: immutable. A mistake is corrected by a reversing entry that points at
 * the entry it reverses (triggers in the migration refuse UPDATE and DELETE).
 */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: id(),
    accountId: ref('account_id', () => accounts.id),
    kind: text('kind', { enum: ['credit', 'recurring_discount', 'fee_waiver', 'reversal'] }).notNull(),
    /** Positive: money given back to the customer. */
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    reasonCode: text('reason_code').notNull(),
    invoiceId: text('invoice_id').references(() => invoices.id),
    reversesId: text('reverses_id'),
    terms: text('terms', { mode: 'json' }),
    effectiveOn: text('effective_on').notNull(),
    createdAt: createdAt(),
    actorId: text('actor_id'),
    interactionId: text('interaction_id'),
    commandId: text('command_id'),
    note: text('note'),
  },
  (t) => [
    index('ledger_entries_account_idx').on(t.accountId, t.effectiveOn),
    index('ledger_entries_actor_created_idx').on(t.actorId, t.createdAt),
    index('ledger_entries_reverses_idx').on(t.reversesId),
  ],
);

// ── calls, verification, audit ───────────────────────────────────────────────

export const interactions = sqliteTable(
  'interactions',
  {
    id: id(),
    customerId: text('customer_id').references(() => customers.id),
    agentId: ref('agent_id', () => users.id),
    channel: text('channel', { enum: ['phone'] })
      .notNull()
      .default('phone'),
    callerNumber: text('caller_number'),
    startedAt: text('started_at').notNull(),
    verifiedAt: text('verified_at'),
    endedAt: text('ended_at'),
    disposition: text('disposition'),
    note: text('note'),
    handleSeconds: integer('handle_seconds'),
  },
  (t) => [
    // With id, verified_at and ended_at, a customer's call before another is read from the index
    // alone, in key order (store/call-facts.ts).
    index('interactions_customer_idx').on(t.customerId, t.startedAt, t.id, t.verifiedAt, t.endedAt),
    index('interactions_agent_idx').on(t.agentId, t.startedAt),
  ],
);

export const verificationAttempts = sqliteTable(
  'verification_attempts',
  {
    id: id(),
    interactionId: ref('interaction_id', () => interactions.id),
    customerId: ref('customer_id', () => customers.id),
    agentId: ref('agent_id', () => users.id),
    at: text('at').notNull(),
    passed: integer('passed', { mode: 'boolean' }).notNull(),
    /** Which questions were asked — never the answers. */
    questions: text('questions', { mode: 'json' }).notNull(),
  },
  (t) => [index('verification_attempts_customer_idx').on(t.customerId, t.at)],
);

/** Append-only and hash-chained; see core/audit. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    at: text('at').notNull(),
    actorId: text('actor_id'),
    interactionId: text('interaction_id'),
    action: text('action').notNull(),
    subject: text('subject'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** HMAC-SHA256 of `hash` under the audit key kept outside the store (security/keys.ts); null only before migration 0005. */
    mac: text('mac'),
  },
  (t) => [uniqueIndex('audit_log_id_uq').on(t.id), index('audit_log_interaction_idx').on(t.interactionId)],
);

/** Every state change an agent makes, written in the same transaction as its local effect. */
export const commandOutbox = sqliteTable(
  'command_outbox',
  {
    id: id(),
    deviceSeq: integer('device_seq').notNull(),
    type: text('type').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    actorId: text('actor_id').notNull(),
    interactionId: text('interaction_id'),
    createdAt: createdAt(),
    status: text('status', { enum: ['pending', 'sent', 'accepted', 'rejected', 'pending_approval'] })
      .notNull()
      .default('pending'),
    receipt: text('receipt', { mode: 'json' }),
  },
  (t) => [uniqueIndex('command_outbox_device_seq_uq').on(t.deviceSeq), check('command_outbox_seq_positive', sql`${t.deviceSeq} > 0`)],
);

// ── policy and sync ──────────────────────────────────────────────────────────

export const policies = sqliteTable(
  'policies',
  {
    id: id(),
    version: integer('version').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    document: text('document', { mode: 'json' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('policies_version_uq').on(t.version)],
);

/** Small key/value state of this desktop: device id, hub cursor and epoch, dataset marker. */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// ── added for verification, notes, approvals (migration 0002) ────────────────

/** Small configuration documents as data: the verification policy, the wrap-up dispositions. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * What only the caller knows. Held apart from the customer row so that no query that builds a
 * profile can pick it up by accident; read only by the verification service in main.
 */
export const customerSecrets = sqliteTable('customer_secrets', {
  customerId: text('customer_id')
    .primaryKey()
    .references(() => customers.id),
  /** Plaintext PIN of stores before migration 0005: moved to account_pin_digest at start, then null. */
  accountPin: text('account_pin'),
  /** HMAC-SHA256 of the normalised PIN under the PIN pepper kept outside the store. */
  accountPinDigest: text('account_pin_digest'),
});

/** A supervisor lifting a verification lockout: resets the count, with the reason on record. */
export const verificationUnlocks = sqliteTable(
  'verification_unlocks',
  {
    id: id(),
    customerId: ref('customer_id', () => customers.id),
    supervisorId: ref('supervisor_id', () => users.id),
    at: text('at').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('verification_unlocks_customer_idx').on(t.customerId, t.at)],
);

/** Notes taken during a call; screened for card numbers before they are written. */
export const interactionNotes = sqliteTable(
  'interaction_notes',
  {
    id: id(),
    interactionId: ref('interaction_id', () => interactions.id),
    authorId: ref('author_id', () => users.id),
    at: text('at').notNull(),
    text: text('text').notNull(),
  },
  (t) => [index('interaction_notes_interaction_idx').on(t.interactionId, t.at)],
);

/**
 * What a call left to do: a callback at a time, or a promise ("the credit will appear on the next
 * bill") due by a time. Made at the call's wrap-up (the same command), marked done once by a
 * command of its own; the text is screened like a note.
 */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: id(),
    interactionId: ref('interaction_id', () => interactions.id),
    customerId: ref('customer_id', () => customers.id),
    kind: text('kind', { enum: ['callback', 'promise'] }).notNull(),
    /** When it is due, UTC instant. */
    dueAt: text('due_at').notNull(),
    text: text('text').notNull(),
    createdBy: ref('created_by', () => users.id),
    createdAt: createdAt(),
    doneAt: text('done_at'),
    doneBy: text('done_by').references(() => users.id),
  },
  (t) => [index('follow_ups_customer_idx').on(t.customerId, t.dueAt), index('follow_ups_owner_idx').on(t.createdBy, t.doneAt, t.dueAt)],
);

/**
 * A dispute on an invoice line (issue 13): what the customer contests, why (a reason code from
 * core/receivables/disputes.ts) and what they said. While open, its amount is held out of the
 * overdue rule and the late fee; resolved ONCE, by a billing-error credit (credit_entry_id) or a
 * rejection with a reason.
 */
export const disputes = sqliteTable(
  'disputes',
  {
    id: id(),
    accountId: ref('account_id', () => accounts.id),
    invoiceId: ref('invoice_id', () => invoices.id),
    invoiceLineId: ref('invoice_line_id', () => invoiceLines.id),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    reasonCode: text('reason_code').notNull(),
    customerSaid: text('customer_said').notNull(),
    status: text('status', { enum: ['open', 'credited', 'rejected'] })
      .notNull()
      .default('open'),
    openedBy: ref('opened_by', () => users.id),
    openedAt: text('opened_at').notNull(),
    interactionId: ref('interaction_id', () => interactions.id),
    commandId: text('command_id').notNull(),
    resolvedBy: text('resolved_by').references(() => users.id),
    resolvedAt: text('resolved_at'),
    /** credited: what the credit gave back; rejected: null. */
    creditedAmount: integer('credited_amount'),
    creditEntryId: text('credit_entry_id'),
    rejectionReason: text('rejection_reason'),
    resolveCommandId: text('resolve_command_id'),
  },
  (t) => [index('disputes_account_idx').on(t.accountId, t.status), index('disputes_line_idx').on(t.invoiceLineId)],
);

/**
 * A payment plan (issue 14): an overdue balance in monthly instalments, agreed on a call within
 * the policy's limits (core/receivables/payment-plans.ts). The instalments are its schedule;
 * their status (due, paid, missed) is computed from payments, never stored.
 */
export const paymentPlans = sqliteTable(
  'payment_plans',
  {
    id: id(),
    accountId: ref('account_id', () => accounts.id),
    customerId: ref('customer_id', () => customers.id),
    balance: integer('balance').notNull(),
    currency: text('currency').notNull(),
    instalmentCount: integer('instalment_count').notNull(),
    agreedOn: text('agreed_on').notNull(),
    status: text('status', { enum: ['agreed', 'cancelled'] })
      .notNull()
      .default('agreed'),
    /** The decision as agreed (rules and their params), for the audit and the hub's re-check. */
    decision: text('decision', { mode: 'json' }).notNull(),
    createdBy: ref('created_by', () => users.id),
    createdAt: createdAt(),
    interactionId: ref('interaction_id', () => interactions.id),
    commandId: text('command_id').notNull(),
  },
  (t) => [index('payment_plans_account_idx').on(t.accountId, t.agreedOn)],
);

export const paymentPlanInstalments = sqliteTable(
  'payment_plan_instalments',
  {
    id: id(),
    planId: ref('plan_id', () => paymentPlans.id),
    seq: integer('seq').notNull(),
    dueOn: text('due_on').notNull(),
    amount: integer('amount').notNull(),
  },
  (t) => [uniqueIndex('payment_plan_instalments_plan_seq_uq').on(t.planId, t.seq)],
);

/** A credit or discount over the agent's limit, waiting for (or decided by) a supervisor. */
export const approvalRequests = sqliteTable(
  'approval_requests',
  {
    id: id(),
    interactionId: ref('interaction_id', () => interactions.id),
    customerId: ref('customer_id', () => customers.id),
    accountId: ref('account_id', () => accounts.id),
    requestedBy: ref('requested_by', () => users.id),
    requestedAt: text('requested_at').notNull(),
    /** The discount request as the agent made it (core/policy DiscountRequest). */
    request: text('request', { mode: 'json' }).notNull(),
    /** The policy engine's decision at request time, with its reasons, for the approver. */
    decision: text('decision', { mode: 'json' }).notNull(),
    approverRole: text('approver_role').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'refused', 'applied', 'cancelled'] })
      .notNull()
      .default('pending'),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: text('decided_at'),
    approvedAmount: integer('approved_amount'),
    comment: text('comment'),
    appliedCommandId: text('applied_command_id'),
  },
  (t) => [index('approval_requests_status_idx').on(t.status, t.requestedAt), index('approval_requests_interaction_idx').on(t.interactionId)],
);

// ── added for money and data safety (migration 0005) ─────────────────────────

/**
 * Failed staff credential checks per username (sign-in and a supervisor deciding at an agent's
 * desk share it), so a pause survives a restart. Known and unknown usernames alike.
 */
export const credentialFailures = sqliteTable('credential_failures', {
  username: text('username').primaryKey(),
  failures: integer('failures').notNull(),
  pausedUntil: text('paused_until'),
  lastFailureAt: text('last_failure_at').notNull(),
});

/**
 * One row per intent of a money command (grant, reversal, approval decision, plan change): the
 * key the screen made once for that intent, what was asked (a hash of the canonical input) and
 * the first answer, so a repeat gets that answer and nothing happens twice.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    key: text('key').primaryKey(),
    actorId: text('actor_id').notNull(),
    method: text('method').notNull(),
    payloadHash: text('payload_hash').notNull(),
    result: text('result', { mode: 'json' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('idempotency_keys_created_idx').on(t.createdAt)],
);

// ── added for sync with a hub (migration 0007) ───────────────────────────────

/**
 * The hub's change-log sequence of the last version a desk applied, per synced row. A row
 * replayed out of order (the change log is read in transaction order, not commit order) is
 * applied only if it is newer; a deleted row keeps its sequence here as a tombstone. Rows from
 * a snapshot have none (sequence 0): every replayed change is newer than them.
 */
export const syncVersions = sqliteTable(
  'sync_versions',
  {
    tbl: text('tbl').notNull(),
    pk: text('pk').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [uniqueIndex('sync_versions_row_uq').on(t.tbl, t.pk)],
);

// ── added for insights: outcomes and experiments (migration 0009) ────────────

/**
 * What happened to a customer after their calls: a cancellation (the day, and the reason they
 * gave) or a downgrade to a cheaper plan. Retention is measured from these. The demo generator
 * writes them from a planted truth (src/main/demo/outcomes.ts); in production billing feeds them.
 */
export const customerOutcomes = sqliteTable(
  'customer_outcomes',
  {
    id: id(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: ['cancellation', 'downgrade'] }).notNull(),
    occurredOn: text('occurred_on').notNull(),
    /** Why, in the customer's words as coded by the desk: price, competitor, moving, service, other. */
    reason: text('reason'),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('customer_outcomes_customer_idx').on(t.customerId, t.kind, t.occurredOn), index('customer_outcomes_kind_day_idx').on(t.kind, t.occurredOn)],
);

/**
 * A customer enrolled in an experiment: the arm (a hash of experiment and customer, see
 * core/experiments), the day, and the covariates as they were at enrolment (measured before any
 * offer, so adjusting for them cannot absorb the offer's effect). One row per (experiment,
 * customer): intention to treat, the first enrolment is the one analysed.
 */
export const experimentAssignments = sqliteTable(
  'experiment_assignments',
  {
    id: id(),
    experimentId: text('experiment_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    arm: text('arm', { enum: ['offer', 'holdout'] }).notNull(),
    bucket: integer('bucket').notNull(),
    assignedOn: text('assigned_on').notNull(),
    assignedAt: text('assigned_at').notNull(),
    policyVersion: integer('policy_version').notNull(),
    interactionId: text('interaction_id'),
    actorId: text('actor_id'),
    churnRisk: text('churn_risk', { enum: ['low', 'medium', 'high'] }).notNull(),
    standing: text('standing', { enum: ['good', 'late', 'collections'] }).notNull(),
    tenureMonths: integer('tenure_months').notNull(),
    /** The latest bill was at least 20 % above the one before. */
    billShock: integer('bill_shock', { mode: 'boolean' }).notNull(),
    commandId: text('command_id'),
  },
  (t) => [
    uniqueIndex('experiment_assignments_uq').on(t.experimentId, t.customerId),
    index('experiment_assignments_arm_idx').on(t.experimentId, t.arm),
    // A call's facts read the enrolment made on it (store/call-facts.ts).
    index('experiment_assignments_interaction_idx').on(t.interactionId),
    // The insights' agent filter lists who enrolled anyone: a seek per member of staff, not a scan.
    index('experiment_assignments_actor_idx').on(t.actorId),
  ],
);

/** The agent was shown the arm during a call (holdout: "no proactive offer"), and whether an offer was then made. */
export const experimentExposures = sqliteTable(
  'experiment_exposures',
  {
    id: id(),
    experimentId: text('experiment_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    arm: text('arm', { enum: ['offer', 'holdout'] }).notNull(),
    interactionId: text('interaction_id'),
    actorId: text('actor_id'),
    exposedAt: text('exposed_at').notNull(),
    /** Whether the offer was made on that call (always 0 in the holdout); null until known. */
    offerMade: integer('offer_made', { mode: 'boolean' }),
    commandId: text('command_id'),
  },
  (t) => [
    // With offer_made, whether a customer was offered is read from the index alone (risk sets).
    index('experiment_exposures_customer_idx').on(t.experimentId, t.customerId, t.offerMade),
    // A call's facts read whether an offer was made on it (store/call-facts.ts).
    index('experiment_exposures_interaction_idx').on(t.interactionId),
  ],
);

// ── added for insights at scale: what the agent did on each call (migration call_practices) ──

/**
 * What the call's audit entries say the agent did, one bit per practice (store/practices.ts:
 * PRACTICE_BIT — explained, compared, quoted, planChanged, granted, escalated), one row per call
 * that has any. Kept by triggers on audit_log in the same transaction as the entry (audit_log is
 * append-only, so an insert trigger is all it takes); the migration fills it from the entries
 * already there. The insights read one row per call here instead of every audit entry of the call.
 * No foreign key: audit entries may name a call this desk does not hold.
 */
export const callPractices = sqliteTable('call_practices', {
  interactionId: text('interaction_id').primaryKey(),
  flags: integer('flags').notNull(),
});

// ── added for insights at scale: one row of facts per call (migration call_facts) ──

/**
 * What the insights need of each verified, wrapped-up call, worked out once instead of on every
 * load (store/call-facts.ts): its agent, disposition, practice bits (PRACTICE_BIT) and the
 * segment covariates as the risk sets read them. Rebuilt from the rows it comes from whenever one
 * of them changes — triggers put the call in call_facts_stale and the next insights load rebuilds
 * it — so it always equals what the rows say now. Ordered by customer then start (WITHOUT ROWID,
 * hand-written in the migration): "each customer's first call of a period" is one ordered pass.
 * No foreign keys: derived, never synced.
 */
export const callFacts = sqliteTable(
  'call_facts',
  {
    customerId: text('customer_id').notNull(),
    startedAt: text('started_at').notNull(),
    interactionId: text('interaction_id').notNull(),
    /** The call's day as a whole Julian day number (CAST(julianday(day) AS INTEGER)): days followed by subtraction. */
    dayNo: integer('day_no').notNull(),
    /** The customer's first account (by opening day), whose bills and status the segment reads. */
    accountId: text('account_id').notNull(),
    agentId: text('agent_id'),
    disposition: text('disposition'),
    mask: integer('mask').notNull(),
    highRisk: integer('high_risk').notNull(),
    newCustomer: integer('new_customer').notNull(),
    billShock: integer('bill_shock').notNull(),
    notGood: integer('not_good').notNull(),
    /** The day (as day_no) of the customer's verified, wrapped-up call just before this one; null: none. */
    previousDayNo: integer('previous_day_no'),
    /** The customer's first cancellation on or after the call's day, as stored (a day); null: none yet. */
    cancelledOn: text('cancelled_on'),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.startedAt, t.interactionId] }), uniqueIndex('call_facts_interaction_uq').on(t.interactionId)],
);

/** Calls whose facts must be rebuilt before the next count; seq orders them and versions the facts. */
export const callFactsStale = sqliteTable('call_facts_stale', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  interactionId: text('interaction_id').notNull().unique(),
});
