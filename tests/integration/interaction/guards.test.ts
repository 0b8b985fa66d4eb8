/**
 * The guards are enforced by the dispatcher, so these tests call it directly — what a
 * compromised or buggy renderer could send — and check that nothing is written when refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InteractionState } from '../../../src/core/api';
import type { ClientContext } from '../../../src/main/api/sessions';
import { newClient, storeFingerprint } from '../../fixtures/app-host';
import { customerWithSecrets, startHarness, type Harness } from './harness';

let h: Harness;
let agent: ClientContext;
let agent2: ClientContext;
let supervisor: ClientContext;
let unverified: string;
let verified: string;
let ended: string;
let customerId: string;

const PIN = '5307';
const DOB = '1979-12-02';

beforeAll(async () => {
  h = startHarness();
  customerId = customerWithSecrets(h, PIN, DOB).customerId;
  agent = await h.client('agent');
  agent2 = await h.client('agent2');
  supervisor = await h.client('supervisor');
  const start = async () =>
    (await h.ok<InteractionState>(h.api, agent, 'interaction.start', { customerId, source: 'screen_pop', callerNumber: '+33612345678' })).interactionId;
  unverified = await start();
  verified = await start();
  ended = await start();
  for (const id of [verified, ended]) {
    expect(await h.ok(h.api, agent, 'verification.attempt', { interactionId: id, answers: { date_of_birth: DOB, account_pin: PIN } })).toMatchObject({
      status: 'passed',
    });
  }
  await h.ok(h.api, agent, 'interaction.wrapUp', { interactionId: ended, disposition: 'billing_question_answered' });
});
afterAll(() => h.dispose());

const VERIFIED_METHODS: Array<[string, (id: string) => unknown]> = [
  ['account.details', (interactionId) => ({ interactionId })],
  ['notes.add', (interactionId) => ({ interactionId, text: 'Caller asked about the roaming charge.' })],
  ['notes.list', (interactionId) => ({ interactionId })],
];
const OWN_METHODS: Array<[string, (id: string) => unknown]> = [
  ['interaction.get', (interactionId) => ({ interactionId })],
  ['verification.questions', (interactionId) => ({ interactionId })],
  ['verification.attempt', (interactionId) => ({ interactionId, answers: { date_of_birth: DOB, account_pin: PIN } })],
  ['interaction.wrapUp', (interactionId) => ({ interactionId, disposition: 'other' })],
];

async function refused(client: ClientContext, method: string, input: unknown, code: string) {
  const before = storeFingerprint(h.db);
  const r = await h.api.dispatch(client, method, input);
  expect(r, `${method}`).toMatchObject({ ok: false, error: { code, messageKey: expect.stringMatching(/^error\./) as unknown } });
  expect(storeFingerprint(h.db), `${method} wrote something`).toEqual(before);
}

describe('an unverified interaction gets nothing of the account', () => {
  it.each(VERIFIED_METHODS)('%s → VERIFICATION_REQUIRED', async (method, input) => {
    await refused(agent, method, input(unverified), 'VERIFICATION_REQUIRED');
  });

  it('while the same methods work once verified', async () => {
    for (const [method, input] of VERIFIED_METHODS) expect((await h.api.dispatch(agent, method, input(verified))).ok, method).toBe(true);
  });
});

describe("another agent's interaction looks like no interaction", () => {
  it.each([...VERIFIED_METHODS, ...OWN_METHODS])('%s → NOT_FOUND', async (method, input) => {
    await refused(agent2, method, input(verified), 'NOT_FOUND');
    await refused(agent2, method, input(unverified), 'NOT_FOUND');
  });

  it('an unknown id gets the same answer', async () => {
    await refused(agent, 'account.details', { interactionId: '01900000-0000-7000-8000-000000000000' }, 'NOT_FOUND');
  });
});

describe('after wrap-up every method on the call is refused', () => {
  it.each([...VERIFIED_METHODS, ...OWN_METHODS])('%s → INTERACTION_ENDED', async (method, input) => {
    await refused(agent, method, input(ended), 'INTERACTION_ENDED');
  });
});

describe('roles', () => {
  it.each([
    ['verification.unlock', { customerId: '01900000-0000-7000-8000-000000000000', reason: 'Caller identified at the shop' }],
    ['verification.locked', {}],
    ['audit.verify', {}],
    ['audit.interactions', {}],
  ])('%s as an agent → FORBIDDEN', async (method, input) => {
    await refused(agent, method, input, 'FORBIDDEN');
  });

  it('audit.interaction as an agent → FORBIDDEN, even for their own call', async () => {
    await refused(agent, 'audit.interaction', { interactionId: verified }, 'FORBIDDEN');
  });

  it('a senior agent is not a supervisor either', async () => {
    const senior = await h.client('senior');
    await refused(senior, 'verification.unlock', { customerId, reason: 'Caller identified at the shop' }, 'FORBIDDEN');
  });

  it('nothing at all before sign-in', async () => {
    const anonymous = newClient();
    await refused(anonymous, 'interaction.start', { customerId, source: 'lookup' }, 'UNAUTHENTICATED');
    await refused(anonymous, 'account.details', { interactionId: verified }, 'UNAUTHENTICATED');
    await refused(anonymous, 'interaction.dispositions', {}, 'UNAUTHENTICATED');
  });

  it('a supervisor cannot use another agent’s call as their own', async () => {
    await refused(supervisor, 'account.details', { interactionId: verified }, 'NOT_FOUND');
  });
});

describe('inputs are strict', () => {
  it.each([
    ['interaction.start', { customerId: 'x', source: 'lookup' }],
    ['interaction.start', { customerId: '01900000-0000-7000-8000-000000000000', source: 'telepathy' }],
    ['verification.attempt', { interactionId: '01900000-0000-7000-8000-000000000000', answers: { mothers_maiden_name: 'x' } }],
    ['verification.attempt', { interactionId: '01900000-0000-7000-8000-000000000000', answers: { account_pin: '1'.repeat(65) } }],
    ['account.details', { interactionId: '01900000-0000-7000-8000-000000000000', customerId: '01900000-0000-7000-8000-000000000000' }],
  ])('%s %j → INVALID_INPUT', async (method, input) => {
    await refused(agent, method, input, 'INVALID_INPUT');
  });

  it('an unknown customer cannot be called', async () => {
    await refused(agent, 'interaction.start', { customerId: '01900000-0000-7000-8000-000000000000', source: 'lookup' }, 'NOT_FOUND');
  });
});
