/**
 * The sections of a call, in the order of the Alt+1…8 shortcuts, and when each can be used.
 *
 * Rules (main enforces the same ones; the screen only explains them):
 * - Verify and Wrap-up are always open: a call may end without verification ("no verification").
 * - Account, Bills, Plan, Credit, Notes and Payments need a verified caller (their API methods are VERIFIED).
 */
import type { MessageKey } from '../../../../core/i18n';

/** 'payments' came last (Alt+8) so the shortcuts agents already know keep their digits. */
export const CALL_TABS = ['verify', 'account', 'bills', 'plan', 'credit', 'notes', 'wrapup', 'payments'] as const;
export type CallTab = (typeof CALL_TABS)[number];

export function isCallTab(value: unknown): value is CallTab {
  return typeof value === 'string' && (CALL_TABS as readonly string[]).includes(value);
}

const NEEDS_VERIFICATION: ReadonlySet<CallTab> = new Set(['account', 'bills', 'plan', 'credit', 'notes', 'payments']);

export type TabAvailability = { readonly enabled: true } | { readonly enabled: false; readonly reason: MessageKey };

export function tabAvailability(tab: CallTab, ctx: { readonly verified: boolean }): TabAvailability {
  if (NEEDS_VERIFICATION.has(tab) && !ctx.verified) return { enabled: false, reason: 'call.tab.needsVerification' };
  return { enabled: true };
}

/** Where a call opens: on verification until the caller is verified, then on the account. */
export function defaultTab(verified: boolean): CallTab {
  return verified ? 'account' : 'verify';
}

/** The tab for Alt+<digit> (1-based), or null. */
export function tabForDigit(digit: number): CallTab | null {
  return CALL_TABS[digit - 1] ?? null;
}

/** The shortcut's digit shown next to a tab. */
export function digitForTab(tab: CallTab): number {
  return CALL_TABS.indexOf(tab) + 1;
}
