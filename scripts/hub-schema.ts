/**
 * The hub's PostgreSQL copy of every table it syncs down to desks, for drizzle-kit
 * (drizzle.hub.config.ts reads it beside src/hub/db/schema.ts): built from the desktop's own
 * table definitions by src/hub/db/synced-tables.ts. The wiring lives here because the hub's code
 * may not import the desk's (eslint-rules/layers.mjs); nothing runs it but drizzle-kit.
 *
 * After changing a synced table in src/main/store/schema.ts: `npm run db:generate:hub`.
 */
import * as desk from '../src/main/store/schema';
import { SYNCED_TABLES } from '../src/core/sync/tables';
import { syncedTablesOf } from '../src/hub/db/synced-tables';

// drizzle-kit finds tables among a module's named exports: one per synced table.
export const {
  roles,
  users,
  customers,
  customerPhones,
  customerEmails,
  addresses,
  customerSecrets,
  accounts,
  plans,
  catalogPrices,
  promotions,
  subscriptions,
  subscriptionChanges,
  priceNotices,
  usageRecords,
  invoices,
  invoiceLines,
  payments,
  ledgerEntries,
  interactions,
  verificationAttempts,
  verificationUnlocks,
  interactionNotes,
  followUps,
  disputes,
  paymentPlans,
  paymentPlanInstalments,
  approvalRequests,
  experimentAssignments,
  experimentExposures,
  customerOutcomes,
  policies,
  settings,
} = syncedTablesOf(desk, SYNCED_TABLES);
