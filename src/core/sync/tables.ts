/**
 * Which tables the hub syncs down to desks, in the order a desk applies them (parents before
 * children, so foreign keys hold at every step). The hub owns every one of them; a desk only
 * ever changes them through commands the hub accepts (or, standalone, through its own).
 *
 * Desk-local, never synced: audit_log (each desk's own sealed chain; its head is acknowledged
 * by the hub), command_outbox, sync_state, idempotency_keys, credential_failures, and the derived
 * search index.
 */
export const SYNCED_TABLES = [
  'roles',
  'users',
  'customers',
  'customer_phones',
  'customer_emails',
  'addresses',
  'customer_secrets',
  'accounts',
  'plans',
  'catalog_prices',
  'promotions',
  'subscriptions',
  'subscription_changes',
  // The notice rule (issue 13): what billing reads to know when an increase is owed.
  'price_notices',
  'usage_records',
  'invoices',
  'invoice_lines',
  'payments',
  'ledger_entries',
  'interactions',
  'verification_attempts',
  'verification_unlocks',
  'interaction_notes',
  'follow_ups',
  'disputes',
  'payment_plans',
  'payment_plan_instalments',
  'approval_requests',
  // Insights (issue 12): what the experiments and the retention figures are computed from.
  'experiment_assignments',
  'experiment_exposures',
  'customer_outcomes',
  'policies',
  'settings',
] as const;

export type SyncedTable = (typeof SYNCED_TABLES)[number];

/** The primary key column of each synced table. */
export const PRIMARY_KEYS: Readonly<Record<SyncedTable, string>> = {
  roles: 'name',
  users: 'id',
  customers: 'id',
  customer_phones: 'id',
  customer_emails: 'id',
  addresses: 'id',
  customer_secrets: 'customer_id',
  accounts: 'id',
  plans: 'id',
  catalog_prices: 'id',
  promotions: 'id',
  subscriptions: 'id',
  subscription_changes: 'id',
  price_notices: 'id',
  usage_records: 'id',
  invoices: 'id',
  invoice_lines: 'id',
  payments: 'id',
  ledger_entries: 'id',
  interactions: 'id',
  verification_attempts: 'id',
  verification_unlocks: 'id',
  interaction_notes: 'id',
  follow_ups: 'id',
  disputes: 'id',
  payment_plans: 'id',
  payment_plan_instalments: 'id',
  approval_requests: 'id',
  experiment_assignments: 'id',
  experiment_exposures: 'id',
  customer_outcomes: 'id',
  policies: 'id',
  settings: 'key',
};

/**
 * Columns a desk is never sent: a staff member's password hash travels only to a desk where
 * they sign in (for offline sign-in there), with the sign-in's answer.
 */
export const WITHHELD_COLUMNS: Readonly<Partial<Record<SyncedTable, readonly string[]>>> = {
  users: ['password_hash'],
};
