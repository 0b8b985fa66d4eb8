/**
 * "Nothing of a caller stays in memory after the call": a whole call runs through the app's
 * real stores (a fake api answers), then ends — by wrap-up, or by signing out mid-call — and
 * every store's state is searched, all the way down, for the caller's name, phone, account
 * number and amounts. None may be left; late answers for the ended call must land nowhere.
 */
import { describe, expect, it } from 'vitest';
import type { MethodName } from '../../../src/core/api';
import { createLocaleStore } from '../../../src/renderer/src/i18n/locale-store';
import { createAppStores, type AppStores } from '../../../src/renderer/src/store/app-stores';
import type { CallScope } from '../../../src/renderer/src/store/call-scope';
import { createSessionStore } from '../../../src/renderer/src/store/session-store';
import { decision, policy } from './bills/fixtures';
import { CALL, CUSTOMER, interaction, questions, wrapUpResult } from './call/fixtures';
import { fakeApi, flush, type PendingCall } from './fake-api';

// The caller, as main would describe them. Every one of these is searched for afterwards.
const GIVEN = 'Héloïse';
const FAMILY = 'Vandermeersch';
const NAME = `${GIVEN} ${FAMILY}`;
const PHONE = '+33612345678';
const PHONE_LOCAL = '0612345678';
const PHONE_MASKED = '+33 6 •• •• •• 78';
const ACCOUNT_NUMBER = 'AR-00987654';
const ACCOUNT_MASKED = 'AR-••••7654';
const CITY = 'Quimperlé';
const INVOICE_TOTAL = 7391;
const BALANCE = 4237;
const CREDIT = 1357; // typed as "13,57"
const QUOTE_TOTAL = 6173;
const NOTE = `${FAMILY} asked why the bill is ${INVOICE_TOTAL / 100} €`;
const SECRETS: readonly (string | number)[] = [
  GIVEN,
  FAMILY,
  PHONE,
  PHONE_LOCAL,
  PHONE_MASKED,
  '612345678',
  ACCOUNT_NUMBER,
  ACCOUNT_MASKED,
  '987654',
  CITY,
  INVOICE_TOTAL,
  BALANCE,
  CREDIT,
  QUOTE_TOTAL,
  '73,91',
  '73.91',
  '13,57',
  '13.57',
];

const INVOICE = '0190c3a0-0000-7000-8000-0000000002a1';
const PREVIOUS_INVOICE = '0190c3a0-0000-7000-8000-0000000002a0';
const APPROVAL = '0190c3a0-0000-7000-8000-0000000003a1';

const maskedCaller = {
  customerId: CUSTOMER,
  accountId: '0190c3a0-0000-7000-8000-000000000101',
  accountNumberMasked: ACCOUNT_MASKED,
  displayName: NAME,
  phoneMasked: PHONE_MASKED,
  emailMasked: 'h•••e@o•••.fr',
  town: CITY,
  matchedOn: 'phone' as const,
};

const invoiceSummary = (id: string, total: number) => ({
  id,
  number: 'F-2026-000123',
  cycle: { start: '2026-10-01', end: '2026-10-31' },
  issuedOn: '2026-11-01',
  dueOn: '2026-11-15',
  currency: 'EUR',
  total,
  amountDue: total,
  status: 'unpaid' as const,
});
const invoiceList = {
  account: { id: maskedCaller.accountId, number: ACCOUNT_NUMBER, currency: 'EUR' },
  accounts: [{ id: maskedCaller.accountId, number: ACCOUNT_NUMBER }],
  invoices: [invoiceSummary(INVOICE, INVOICE_TOTAL), invoiceSummary(PREVIOUS_INVOICE, BALANCE)],
};

/** What main answers, by method: everything in it describes the caller. */
/** When main says the caller passed (its clock: the demo day in a demo, never this machine's now). */
const MAIN_VERIFIED_AT = '2031-05-20T09:04:00.000Z';

const ANSWERS: Partial<Record<MethodName, (input: never) => unknown>> = {
  'session.signIn': () => ({ userId: 'u1', username: 'agent', displayName: 'Sam Taylor', role: 'agent', locale: 'en' }),
  'session.signOut': () => ({ signedOut: true }),
  'interaction.listOpen': () => [],
  'calls.pending': () => null,
  'lookup.caller': () => maskedCaller,
  'interaction.start': () => interaction({ caller: maskedCaller, callerNumber: PHONE }),
  'interaction.dispositions': () => ({ codes: ['billing_question_answered', 'other'] }),
  'verification.questions': () => questions(),
  'verification.attempt': () => ({ status: 'passed', verifiedAt: MAIN_VERIFIED_AT }),
  'account.details': () => ({
    interactionId: CALL,
    customerId: CUSTOMER,
    givenName: GIVEN,
    familyName: FAMILY,
    category: 'residential',
    locale: 'fr',
    churnRisk: 'high',
    fraudFlag: false,
    phones: [{ e164: PHONE, kind: 'mobile', isPrimary: true }],
    emails: [{ email: 'heloise.v@orange.fr', isPrimary: true }],
    billingAddress: { line1: '12 rue des Halles', line2: null, postcode: '29300', city: CITY, country: 'FR' },
    accounts: [{ accountId: maskedCaller.accountId, number: ACCOUNT_NUMBER, status: 'active', balance: BALANCE, currency: 'EUR' }],
  }),
  'billing.invoices': () => invoiceList,
  'billing.invoice': () => ({
    ...invoiceSummary(INVOICE, INVOICE_TOTAL),
    previousInvoiceId: PREVIOUS_INVOICE,
    lines: [{ id: 'l1', kind: 'plan', sentence: `${NAME}, your plan this month`, amount: INVOICE_TOTAL }],
  }),
  'billing.compare': () => ({ previousTotal: BALANCE, currentTotal: INVOICE_TOTAL, difference: INVOICE_TOTAL - BALANCE, causes: [] }),
  'billing.bestPlans': () => ({
    currency: 'EUR',
    cycles: [],
    currentPlanId: 'confort',
    optionIds: [],
    plans: [
      {
        planId: 'essentiel',
        planName: 'Essentiel',
        monthlyFee: 1500,
        monthlyTotal: QUOTE_TOTAL,
        yearTotal: 12 * QUOTE_TOTAL,
        savingPerMonth: 1218,
        savingPerYear: 12 * 1218,
        isCurrent: false,
      },
      {
        planId: 'confort',
        planName: 'Confort',
        monthlyFee: 2500,
        monthlyTotal: INVOICE_TOTAL,
        yearTotal: 12 * INVOICE_TOTAL,
        savingPerMonth: 0,
        savingPerYear: 0,
        isCurrent: true,
      },
    ],
  }),
  'billing.quote': () => ({ currency: 'EUR', nextInvoice: { total: QUOTE_TOTAL }, monthlyAfter: { total: QUOTE_TOTAL } }),
  'policy.current': () => policy(),
  'discounts.ledger': () => ({
    currency: 'EUR',
    entries: [{ id: 'e1', amount: CREDIT, note: `Goodwill for ${NAME}`, reversible: true }],
    activeTotal12Months: CREDIT,
  }),
  'discounts.evaluate': () => decision('needs_approval', CREDIT),
  'discounts.grant': () => ({ status: 'pending_approval', approvalId: APPROVAL, approverRole: 'supervisor', decision: decision('needs_approval', CREDIT) }),
  'approvals.status': () => [
    {
      approvalId: APPROVAL,
      status: 'pending',
      requestedAt: '2026-11-15T10:03:00Z',
      request: { kind: 'one_off_credit', reason: 'goodwill', target: 'account', amount: CREDIT },
      amount: CREDIT,
      currency: 'EUR',
      reasonLabel: 'Goodwill gesture',
      approverRole: 'supervisor',
      approvedAmount: null,
      decidedBy: null,
      decidedAt: null,
      comment: null,
      ledgerEntryIds: [],
      summary: `Credit of 13,57 € for ${NAME}`,
    },
  ],
  'notes.add': () => ({ noteId: 'n1', interactionId: CALL, authorId: 'u1', authorName: 'Sam Taylor', at: '2026-11-15T10:04:00Z', text: NOTE }),
  'notes.list': () => [],
  'interaction.wrapUp': () => wrapUpResult({ note: NOTE }),
};

/** The app's stores over a fake api that answers every call, or keeps some answers back. */
function desk() {
  const fake = fakeApi();
  const app = createAppStores({ api: fake.api, locale: createLocaleStore('en') });
  const answered = new Set<PendingCall>();
  /** Answers every call made so far (and those they lead to), except the methods held back. */
  async function answerAll(holdBack: readonly MethodName[] = []): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const open = fake.calls.filter((c) => !answered.has(c) && !holdBack.includes(c.method));
      if (open.length === 0) return;
      for (const c of open) {
        answered.add(c);
        const answer = ANSWERS[c.method];
        if (!answer) throw new Error(`the test has no answer for ${c.method}`);
        c.resolve(answer(c.input as never));
      }
      await flush();
    }
  }
  /** Answers, late, what was held back. */
  async function answerLate(): Promise<void> {
    await answerAll();
  }
  return { fake, app, answerAll, answerLate };
}

/** Signs in, takes the screen-popped call, verifies, opens every section and does a bit of everything. */
async function runCall(d: ReturnType<typeof desk>, holdBack: readonly MethodName[] = []): Promise<CallScope> {
  const { app, answerAll } = d;
  void app.session.getState().signIn('agent', 'pw');
  await answerAll(holdBack);
  expect(app.session.getState().status).toBe('signedIn');

  // The phone rings: one match, the call starts by itself.
  app.pop.getState().receive({ from: PHONE_LOCAL, e164: PHONE, matches: [maskedCaller] });
  await answerAll(holdBack);
  const scope = app.callScope.getState().scope;
  if (!scope) throw new Error('no call container after the call started');
  expect(app.call.getState().interaction?.caller.displayName).toBe(NAME);

  scope.verify.getState().setAnswer('date_of_birth', '1985-03-12');
  scope.verify.getState().setAnswer('account_pin', '4802');
  void scope.verify.getState().submit();
  await answerAll(holdBack);
  expect(app.call.getState().verified).toBe(true);
  // The header's "verified at" is main's time of the pass, not this window's clock.
  expect(app.call.getState().verifiedAt).toBe(MAIN_VERIFIED_AT);

  scope.account.getState().open();
  void scope.bills.getState().load();
  void scope.plans.getState().load();
  void scope.credit.getState().load();
  const stopWatching = scope.approvals.getState().watch();
  await answerAll(holdBack);
  expect(scope.account.getState().details.value?.familyName).toBe(FAMILY);
  expect(scope.bills.getState().detail.value?.id).toBe(INVOICE);
  expect(scope.plans.getState().selectedPlanId).toBe('essentiel');

  scope.credit.getState().setValues({ reason: 'goodwill', amount: '13,57' });
  scope.credit.getState().submit();
  await answerAll(holdBack);
  expect(scope.credit.getState().grant.result?.status).toBe('pending_approval');
  expect(scope.approvals.getState().requests.value?.[0]?.amount).toBe(CREDIT);

  scope.notes.getState().open();
  scope.notes.getState().setDraft(NOTE);
  void scope.notes.getState().add();
  scope.wrapUp.getState().setDisposition('billing_question_answered');
  scope.wrapUp.getState().setNote(NOTE);
  await answerAll(holdBack);
  stopWatching();
  return scope;
}

/** Every value reachable from `root` (objects, arrays, maps, sets) that holds one of the secrets. */
function findSecrets(root: unknown): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  function walk(value: unknown, path: string): void {
    if (typeof value === 'string') {
      for (const s of SECRETS) if (value.includes(String(s))) found.push(`${path} holds ${JSON.stringify(s)}`);
      return;
    }
    if (typeof value === 'number') {
      if (SECRETS.includes(value)) found.push(`${path} = ${value}`);
      return;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Map) {
      for (const [k, v] of value) {
        walk(k, `${path}.key`);
        walk(v, `${path}[${String(k)}]`);
      }
    } else if (value instanceof Set) {
      for (const v of value) walk(v, `${path}{}`);
    } else {
      for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    }
  }
  walk(root, '$');
  return found;
}

/** The state of every store of the app, and of the stores of the ended call. */
function everyState(app: AppStores, ended: CallScope): Record<string, unknown> {
  return {
    locale: app.locale.getState(),
    session: app.session.getState(),
    lookup: app.lookup.getState(),
    pop: app.pop.getState(),
    call: app.call.getState(),
    nav: app.nav.getState(),
    dispositions: app.dispositions.getState(),
    lockouts: app.lockouts.getState(),
    audit: app.audit.getState(),
    inbox: app.inbox.getState(),
    callScope: app.callScope.getState(),
    endedCall: ended.stores.map((s) => s.getState()),
  };
}

describe('the call container: nothing of a caller stays after the call', () => {
  it('the search finds the caller while the call is on (the test can see them)', async () => {
    const d = desk();
    const scope = await runCall(d);
    const during = findSecrets(everyState(d.app, scope)).join('\n');
    for (const s of [GIVEN, FAMILY, PHONE, ACCOUNT_NUMBER, ACCOUNT_MASKED, CITY, `= ${INVOICE_TOTAL}`, `= ${CREDIT}`, `= ${QUOTE_TOTAL}`, `= ${BALANCE}`]) {
      expect(during).toContain(s);
    }
  });

  it('after wrap-up: the container is disposed and no store holds the caller', async () => {
    const d = desk();
    const scope = await runCall(d, ['billing.compare', 'billing.quote']);
    void scope.wrapUp.getState().submit();
    await d.answerAll(['billing.compare', 'billing.quote']);

    expect(d.app.call.getState().phase).toBe('idle');
    expect(d.app.call.getState().lastEnded?.disposition).toBe('billing_question_answered');
    expect(d.app.callScope.getState().scope).toBeNull();
    expect(scope.ended).toBe(true);
    // Answers that come after the call land nowhere.
    await d.answerLate();
    expect(findSecrets(everyState(d.app, scope))).toEqual([]);
    // And nothing more is asked for it.
    const asked = d.fake.calls.length;
    void scope.bills.getState().load({ force: true });
    scope.credit.getState().setValues({ amount: '20' });
    await flush();
    expect(d.fake.calls.length).toBe(asked);
  });

  it('signing out mid-call disposes the container and clears every store', async () => {
    const d = desk();
    const scope = await runCall(d, ['billing.compare', 'billing.quote', 'notes.add']);
    void d.app.session.getState().signOut();
    await d.answerAll(['billing.compare', 'billing.quote', 'notes.add']);

    expect(d.app.session.getState().status).toBe('signedOut');
    expect(d.app.callScope.getState().scope).toBeNull();
    expect(scope.ended).toBe(true);
    await d.answerLate();
    expect(findSecrets(everyState(d.app, scope))).toEqual([]);
  });

  it('a call ended elsewhere also takes its container with it', async () => {
    const d = desk();
    const scope = await runCall(d);
    // Main answers that the call is over (wrapped up in another window).
    void scope.account.getState().reload();
    const reload = d.fake.callsTo('account.details').at(-1)!;
    reload.reject({ code: 'INTERACTION_ENDED', messageKey: 'error.interactionEnded' });
    await flush();
    expect(d.app.call.getState().endedElsewhere).toBe(true);
    expect(d.app.callScope.getState().scope).toBeNull();
    expect(findSecrets(everyState(d.app, scope))).toEqual([]);
  });
});

describe('the signed-in stores, created with the signed-in screens’ code', () => {
  it('created after the sign-in answered: the open call and a call that rang are still fetched, once', async () => {
    const fake = fakeApi();
    const locale = createLocaleStore('en');
    const session = createSessionStore({ api: fake.api, locale });
    void session.getState().signIn('agent', 'pw');
    fake.callsTo('session.signIn')[0]!.resolve(ANSWERS['session.signIn']!({} as never));
    await flush();
    expect(session.getState().status).toBe('signedIn');

    const app = createAppStores({ api: fake.api, locale, session });
    expect(app.session).toBe(session);
    expect(fake.callsTo('interaction.listOpen')).toHaveLength(1);
    fake.callsTo('interaction.listOpen')[0]!.resolve([]);
    await flush();
    expect(fake.callsTo('calls.pending')).toHaveLength(1);
  });
});
