/**
 * Handlers of the interaction feature: the call lifecycle, caller verification, the verified
 * account, notes and the audit view. Guards are applied by the dispatcher before any of these
 * run: a handler guarded OWN_INTERACTION / VERIFIED gets ctx.interaction, the checked open call
 * of THIS agent, and only ever reads that call's customer.
 */
import type { historyMethods, interactionMethods } from '../../core/api';
import { DEFAULT_VERIFICATION_POLICY } from '../../core/verification';
import { AccountViewService } from '../services/account-view';
import { AuditViewService } from '../services/audit-view';
import { ensureDispositions, InteractionService } from '../services/interactions';
import { NotesService } from '../services/notes';
import { HistoryService } from '../services/history';
import { POLICY_SETTING_KEY, VerificationService } from '../services/verification';
import { sealPlainPins } from '../security/pins';
import { settingsQueries } from '../store/settings';
import { commandServiceDeps, type AppDeps, type FeatureHandlers } from './types';

/** The feature's services, built once from the app's deps (tests pass overrides: clock, connectivity). */
export function createInteractionServices(deps: AppDeps) {
  const client = deps.db.$client;
  const notes = new NotesService({ client, commands: deps.commands });
  const history = new HistoryService({ ...commandServiceDeps(deps), lookup: deps.lookup });
  const interactions = new InteractionService({
    ...commandServiceDeps(deps),
    lookup: deps.lookup,
    notes,
    followUps: history,
    log: deps.log,
  });
  const verification = new VerificationService({
    ...commandServiceDeps(deps),
    lookup: deps.lookup,
    connectivity: deps.connectivity,
    log: deps.log,
    pinPepper: () => deps.keys.key('pin-pepper'),
  });
  const accounts = new AccountViewService(commandServiceDeps(deps));
  const auditView = new AuditViewService({
    client,
    audit: deps.audit,
    interactions,
    now: deps.now,
    ...(deps.hubAuditHead ? { hubAuditHead: deps.hubAuditHead } : {}),
  });
  return { notes, interactions, verification, accounts, auditView, history };
}

export function createInteractionHandlers(deps: AppDeps): FeatureHandlers<typeof interactionMethods> {
  const { notes, interactions, verification, accounts, auditView } = createInteractionServices(deps);
  return {
    'interaction.start': (input, { actor }) => interactions.start(actor, input),
    'interaction.get': (_input, { call }) => interactions.state(call),
    'interaction.listOpen': (_input, { actor }) => interactions.listOpen(actor),
    'interaction.wrapUp': (input, { actor, call }) => interactions.wrapUp(actor, call, input),
    'interaction.dispositions': () => interactions.dispositions(),
    'verification.questions': (_input, { call }) => verification.questions(call),
    'verification.attempt': (input, { actor, call }) => verification.attempt(call, actor.userId, input.answers, actor.locale),
    'verification.unlock': (input, { actor }) => verification.unlock(input.customerId, actor.userId, input.reason),
    'verification.locked': () => verification.locked(),
    'account.details': (_input, { actor, call }) => accounts.details(call, actor.userId),
    'notes.add': (input, { actor, call }) => notes.add(actor, call, input.text),
    'notes.list': (_input, { call }) => notes.list(call.id),
    'audit.interaction': (input) => auditView.interaction(input.interactionId),
    'audit.interactions': (input) => auditView.recent(input),
    'audit.verify': () => auditView.verify(),
  };
}

/**
 * First-start set-up (idempotent, fast): the verification policy and the disposition list as
 * settings when none is configured, and any PIN still in plain text (an older store) replaced
 * by its keyed digest. Demo customers' PINs are the demo loader's (see app.ts).
 */
/** The history feature: earlier calls, follow-ups, the call's recap. */
export function createHistoryHandlers(
  deps: AppDeps,
  history: HistoryService = createInteractionServices(deps).history,
): FeatureHandlers<typeof historyMethods> {
  return {
    'history.timeline': (_input, { call }) => history.timeline(call),
    'interaction.recap': (input, { actor, call }) => history.recap(call, input.locale ?? actor.locale),
    'followUps.mine': (_input, { actor }) => history.mine(actor),
    'followUps.done': (input, { actor }) => deps.idempotency.run(input.idempotencyKey, actor.userId, 'followUps.done', input, () => history.done(actor, input)),
  };
}

export function ensureInteractionSetup(deps: AppDeps): void {
  const client = deps.db.$client;
  const at = deps.now().toISOString();
  const settings = settingsQueries(client);
  client.transaction(() => {
    settings.putIfAbsent(POLICY_SETTING_KEY, JSON.stringify(DEFAULT_VERIFICATION_POLICY), at);
    ensureDispositions(settings, at);
  })();
  const sealed = sealPlainPins(client, deps.keys.key('pin-pepper'));
  if (sealed > 0) deps.log(`verification: replaced ${sealed} plain-text PINs by their keyed digests`);
}
