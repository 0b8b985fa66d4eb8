/** Shapes main returns, for the call feature's store tests. */
import type { InteractionState, LockoutView, MaskedCaller, VerificationQuestions, WrapUpResult } from '../../../../src/core/api';

export const CUSTOMER = '0190c3a0-0000-7000-8000-000000000001';
export const OTHER_CUSTOMER = '0190c3a0-0000-7000-8000-000000000002';
export const CALL = '0190c3a0-0000-7000-8000-0000000000a1';
export const OTHER_CALL = '0190c3a0-0000-7000-8000-0000000000a2';

export const caller = (customerId = CUSTOMER): MaskedCaller => ({
  customerId,
  accountId: '0190c3a0-0000-7000-8000-000000000101',
  accountNumberMasked: 'AR-••••1234',
  displayName: 'Marie D.',
  phoneMasked: '+33 6 •• •• •• 78',
  emailMasked: 'm•••@example.fr',
  town: 'Lyon',
  matchedOn: 'name',
});

export const interaction = (over: Partial<InteractionState> = {}): InteractionState => ({
  interactionId: CALL,
  customerId: CUSTOMER,
  caller: caller(over.customerId ?? CUSTOMER),
  callerNumber: null,
  agentId: '0190c3a0-0000-7000-8000-0000000000f1',
  startedAt: '2026-11-15T10:00:00.000Z',
  verified: false,
  verifiedAt: null,
  elapsedSeconds: 0,
  notes: [],
  ...over,
});

export const lockout = (over: Partial<LockoutView> = {}): LockoutView => ({
  locked: false,
  lockedUntil: null,
  reason: null,
  attemptsLeft: 5,
  consecutiveFailures: 0,
  maxConsecutiveFailures: 5,
  mode: 'online',
  ...over,
});

export const questions = (over: Partial<VerificationQuestions> = {}): VerificationQuestions => ({
  interactionId: CALL,
  verified: false,
  verifiedAt: null,
  available: true,
  ask: ['date_of_birth', 'account_pin'],
  alternatives: ['postcode', 'last_invoice_amount'],
  nonPublic: ['account_pin', 'last_invoice_amount'],
  requiredPasses: 2,
  requireNonPublic: true,
  currency: 'EUR',
  lockout: lockout(),
  ...over,
});

export const wrapUpResult = (over: Partial<WrapUpResult> = {}): WrapUpResult => ({
  interactionId: CALL,
  endedAt: '2026-11-15T10:04:05.000Z',
  disposition: 'billing_question_answered',
  note: null,
  handleSeconds: 245,
  followUp: null,
  ...over,
});
