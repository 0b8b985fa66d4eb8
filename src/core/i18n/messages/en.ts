/**
 * The English catalogue. Its keys define `MessageKey`: every other catalogue must have exactly
 * these keys (checked by the type of `fr`, and by the unit tests for placeholders).
 *
 * Conventions:
 * - Flat dotted keys, grouped by screen: `signin.*`, `shell.*`, `lookup.*`, `caller.*`, `pop.*`.
 * - `error.*` mirrors the message keys of src/core/api/errors.ts, plus renderer-side failures.
 * - Placeholders are `{name}`; numbers passed as params are formatted for the locale.
 * - Plurals are two keys, `<base>.one` and `<base>.other`, chosen by Intl.PluralRules (see `tn`).
 */
import { callEn } from './call.en';
import { billsEn } from './bills.en';
import { sentencesEn } from './sentences.en';
import { insightsEn } from './insights.en';
import { documentEn } from './document.en';
import { keysEn } from './keys.en';
import { historyEn } from './history.en';
import { receivablesEn } from './receivables.en';

export const en = {
  'app.name': 'Ardoise',
  'app.tagline': 'Billing calls, handled in one screen',
  'app.loading': 'Starting Ardoise…',

  'locale.label': 'Language',
  'locale.en': 'EN',
  'locale.fr': 'FR',
  'locale.en.name': 'English',
  'locale.fr.name': 'Français',

  'role.agent': 'Agent',
  'role.senior_agent': 'Senior agent',
  'role.supervisor': 'Supervisor',

  'signin.title': 'Sign in',
  'signin.subtitle': 'Use your Ardoise account.',
  'signin.username': 'Username',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.submitting': 'Signing in…',
  'signin.enterHint': 'Press Enter to sign in',
  'signin.restoring': 'Restoring your session…',
  'signin.usernameRequired': 'Enter your username.',
  'signin.passwordRequired': 'Enter your password.',
  'signin.sessionEnded': 'Your session has ended. Sign in again to continue.',
  'signin.demo.title': 'Demo accounts',
  'signin.demo.use': 'Fill in {username}',

  'sync.online': 'Hub: online',
  'sync.offlineSince': 'Offline since {since}',
  'sync.downloading': 'Downloading from the hub: {rows} rows',
  'sync.enrolling': 'Not yet joined to the hub',
  'sync.never': 'never',
  'sync.lastSync': 'Last sync: {at}',
  'sync.waiting.one': '{count} change waiting to sync',
  'sync.waiting.other': '{count} changes waiting to sync',
  'sync.rejected.one': '{count} refused by the hub',
  'sync.rejected.other': '{count} refused by the hub',
  'sync.command.credit': 'The hub refused a credit you granted offline',
  'sync.command.reversal': 'The hub refused a reversal',
  'sync.command.approval': 'The hub refused an approval',
  'sync.command.plan': 'The hub refused a plan change',
  'sync.command.dispute': 'The hub refused a dispute you opened offline',
  'sync.command.disputeResolve': 'The hub refused how you settled a dispute',
  'sync.command.paymentPlan': 'The hub refused a payment plan you agreed offline',
  'sync.command.other': 'The hub refused a change made at this desk',
  'sync.rejectedWithdrawn': 'It has been removed from the customer’s account: the bill will not show it. If the caller was told about it, call them back.',
  'sync.rejectedBody': 'What this desk recorded has been put back as the hub has it.',
  'sync.rejectedDispute':
    'The dispute has been removed from the customer’s account: its amount is no longer held off the bill. If the caller was told about it, call them back.',
  'sync.rejectedDisputeResolve':
    'The dispute is open again, as the hub has it: its amount is still held off the bill. If the caller was told it was settled, call them back.',
  'sync.rejectedPaymentPlan':
    'The payment plan has been removed with its instalments: the overdue balance is due as before. If the caller was told about it, call them back.',
  'shell.signedInAs': 'Signed in as {name}',
  'shell.signOut': 'Sign out',
  'shell.loadingScreen': 'Opening the screen…',
  'shell.signingOut': 'Signing out…',
  'shell.localeFailed': 'The language could not be saved to your profile.',

  'connection.ipc': 'Desktop',
  'connection.http': 'Browser',
  'connection.connected': 'Connected',
  'connection.reconnecting': 'Reconnecting…',
  'connection.offline': 'Not responding',
  'connection.tooltip': '{transport} link: {status}',
  'connection.noToken.title': 'This page cannot reach Ardoise',
  'connection.noToken.body':
    'Open Ardoise from the desktop application, or from the link printed by the Ardoise host: that link carries the access key for this browser tab.',

  'lookup.search.label': 'Find the caller',
  'lookup.search.placeholder': 'Phone, account number, email or name',
  'lookup.kind.phone': 'Searching by phone number',
  'lookup.kind.account': 'Searching by account number',
  'lookup.kind.email': 'Searching by email',
  'lookup.kind.name': 'Searching by name',
  'lookup.kind.none': 'Keep typing: a phone number, account number, email or name',
  'lookup.searching': 'Searching…',
  'lookup.count.one': '{count} caller found',
  'lookup.count.other': '{count} callers found',
  'lookup.empty.title': 'Who is calling?',
  'lookup.empty.body': 'Type the number they are calling from, their account number, email or name.',
  'lookup.noResults.title': 'No caller found',
  'lookup.noResults.body': 'Check what was typed, or try another detail: phone, account number or email.',
  'lookup.tooShort.title': 'Keep typing the number',
  'lookup.tooShort.body': 'A search by phone number starts at {minDigits} digits after the leading 0 or the country code.',
  'lookup.results.label': 'Matching callers',
  'lookup.matchedOn': 'Matched on {what}',
  'lookup.match.phone': 'Phone',
  'lookup.match.account': 'Account',
  'lookup.match.email': 'Email',
  'lookup.match.name': 'Name',
  'lookup.notOnFile': 'Not on file',
  'lookup.keys.move': 'move',
  'lookup.keys.open': 'open',
  'lookup.keys.clear': 'clear',
  'lookup.keys.focus': 'search',

  'field.phone': 'Phone',
  'field.email': 'Email',
  'field.town': 'Town',
  'field.account': 'Account',

  'caller.loading': 'Opening the caller’s file…',
  'caller.close': 'Close',
  'caller.unverified': 'Identity not verified',
  'caller.unverified.body': 'Only a masked profile is shown. The address, balance and invoices appear once the caller’s identity has been verified.',
  'caller.none.title': 'No caller open',
  'caller.none.body': 'Choose a caller in the list to see their masked profile.',

  'pop.incoming': 'Incoming call from {number}',
  'pop.receivedAt': 'Received at {time}',
  'pop.one': 'Caller identified: {name}. Their file is open.',
  'pop.many': '{count} customers have this number. Choose the caller in the list.',
  'pop.none': 'No customer has this number. Search by name, account number or email.',
  'pop.dismiss': 'Dismiss',

  'sim.title': 'Simulate an incoming call',
  'sim.number': 'Caller number',
  'sim.submit': 'Simulate',
  'sim.hint': 'Sends the number through the real incoming-call path.',

  'error.unknownMethod': 'This action is not available in this version of Ardoise.',
  'error.invalidInput': 'Some of what was entered is not valid. Check it and try again.',
  'error.unauthenticated': 'Your session has ended. Sign in again to continue.',
  'error.forbidden': 'Your role does not allow this action.',
  'error.badCredentials': 'Incorrect username or password.',
  'error.tooManyAttempts': 'Too many failed sign-ins for this username. Wait a minute, then try again.',
  'error.tooManyLookups': 'Too many searches in a short time. Wait a few seconds, then search again.',
  'error.notFound': 'Not found: it may have been removed or merged.',
  'error.verificationRequired': 'Verify the caller’s identity first.',
  'error.badToken': 'The access key of this window is not valid any more. Reopen Ardoise from the desktop application or the host link.',
  'error.badOrigin': 'Request refused: this page was not served by Ardoise.',
  'error.payloadTooLarge': 'The request is too large to be sent.',
  'error.internal': 'Something went wrong in Ardoise. Try again; if it keeps happening, tell your supervisor.',
  'error.unreachable': 'Ardoise is not responding. Check that the application is running, then try again.',
  'error.interactionEnded': 'This call has been wrapped up; start a new one to continue.',
  'error.verificationLocked': 'Verification is locked for this customer after too many failed attempts.',
  'error.noteContainsCardNumber': 'This note contains a card number. Card numbers must never be written down: remove it and save again.',
  'error.noteTooLong': 'This note is too long.',
  'error.noteEmpty': 'The note is empty.',
  'error.policyRefused': 'Company policy does not allow this.',
  'error.approvalInvalid': 'This approval cannot be used here: it belongs to another request, was already used, or was refused.',
  'error.conflict': 'Someone changed this in the meantime. Reload and try again.',
  'error.idempotencyMismatch': 'This was already sent as a different request. Start again from the form.',
  'error.decisionMismatch': 'The decision sent is not the one on the screen. Nothing was decided: check the request and decide again.',
  ...callEn,
  ...billsEn,
  ...sentencesEn,
  ...insightsEn,
  ...documentEn,
  ...keysEn,
  ...historyEn,
  ...receivablesEn,
} as const;

export type MessageKey = keyof typeof en;

/** A catalogue for another language: every English key, nothing else, all strings. */
export type Catalogue = { readonly [K in MessageKey]: string };
