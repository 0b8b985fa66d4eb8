/**
 * Handlers of the interaction feature: the call lifecycle, caller verification, the verified
 * account, notes and the audit view. Guards are applied by the dispatcher before any of these
 * run: a handler guarded OWN_INTERACTION / VERIFIED gets ctx.interaction, the checked open call
 * of THIS agent, and only ever reads that call's customer.
 */
import type { interactionMethods } from '../../core/api';
import { ApiError } from '../../core/api';
import { DEFAULT_VERIFICATION_POLICY } from '../../core/verification';
import type { HandlerContext } from '../api/dispatcher';
import type { OpenInteraction } from '../api/interaction-gate';
import type { Session } from '../api/sessions';
import { readDemoMarker } from '../demo/load';
import { AccountViewService } from '../services/account-view';
import { AuditViewService } from '../services/audit-view';
import { ensureDispositions, InteractionService } from '../services/interactions';
import { NotesService } from '../services/notes';
import { POLICY_SETTING_KEY, VerificationService } from '../services/verification';
import { ensureDemoPins } from '../demo/pins';
import { pinDigest, sealPlainPins } from '../security/pins';
import type { AppDeps, FeatureHandlers } from './types';

/** The feature's services, built once from the app's deps (tests pass overrides: clock, connectivity). */
export function createInteractionServices(deps: AppDeps) {
  const client = deps.db.$client;
  const notes = new NotesService({ client, commands: deps.commands });
  const interactions = new InteractionService({ client, commands: deps.commands, lookup: deps.lookup, notes, now: deps.now, log: deps.log });
  const verification = new VerificationService({
    client,
    commands: deps.commands,
    lookup: deps.lookup,
    now: deps.now,
    connectivity: deps.connectivity,
    log: deps.log,
    pinPepper: deps.keys.key('pin-pepper'),
  });
  const accounts = new AccountViewService({ client, commands: deps.commands, now: deps.now });
  const auditView = new AuditViewService({ client, audit: deps.audit, interactions, now: deps.now });
  return { notes, interactions, verification, accounts, auditView };
}

export function createInteractionHandlers(deps: AppDeps): FeatureHandlers<typeof interactionMethods> {
  const { notes, interactions, verification, accounts, auditView } = createInteractionServices(deps);
  return {
    'interaction.start': (input, ctx) => interactions.start(sessionOf(ctx), input),
    'interaction.get': (_input, ctx) => interactions.state(interactionOf(ctx)),
    'interaction.listOpen': (_input, ctx) => interactions.listOpen(sessionOf(ctx)),
    'interaction.wrapUp': (input, ctx) => interactions.wrapUp(sessionOf(ctx), interactionOf(ctx), input),
    'interaction.dispositions': () => interactions.dispositions(),
    'verification.questions': (_input, ctx) => verification.questions(interactionOf(ctx)),
    'verification.attempt': (input, ctx) => verification.attempt(interactionOf(ctx), sessionOf(ctx).agent.userId, input.answers),
    'verification.unlock': (input, ctx) => verification.unlock(input.customerId, sessionOf(ctx).agent.userId, input.reason),
    'verification.locked': () => verification.locked(),
    'account.details': (_input, ctx) => accounts.details(interactionOf(ctx), sessionOf(ctx).agent.userId),
    'notes.add': (input, ctx) => notes.add(sessionOf(ctx), interactionOf(ctx), input.text),
    'notes.list': (_input, ctx) => notes.list(interactionOf(ctx).id),
    'audit.interaction': (input) => auditView.interaction(input.interactionId),
    'audit.interactions': (input) => auditView.recent(input),
    'audit.verify': () => auditView.verify(),
  };
}

/**
 * First-start set-up (idempotent, fast): the verification policy and the disposition list as
 * settings when none is configured, and PINs for demo customers who have no secrets row yet
 * (~70 % get one, derived from their id; the others are verified with the last invoice amount).
 */
export function ensureInteractionSetup(deps: AppDeps): void {
  const client = deps.db.$client;
  const at = deps.now().toISOString();
  client.transaction(() => {
    client
      .prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING`)
      .run(POLICY_SETTING_KEY, JSON.stringify(DEFAULT_VERIFICATION_POLICY), at);
    ensureDispositions(client, at);
  })();
  const pepper = deps.keys.key('pin-pepper');
  const sealed = sealPlainPins(client, pepper);
  if (sealed > 0) deps.log(`verification: replaced ${sealed} plain-text PINs by their keyed digests`);
  // Only generated demo customers get made-up PINs; real customers' secrets come from the hub.
  if (readDemoMarker(client)) {
    const seeded = ensureDemoPins(client, (pin) => pinDigest(pepper, pin));
    if (seeded > 0) deps.log(`demo: gave ${seeded} customers their verification secrets`);
  }
}

function sessionOf(ctx: HandlerContext): Session {
  if (!ctx.session) throw new ApiError('UNAUTHENTICATED');
  return ctx.session;
}

function interactionOf(ctx: HandlerContext): OpenInteraction {
  // The dispatcher's gate sets it for every OWN_INTERACTION / VERIFIED method.
  if (!ctx.interaction) throw new ApiError('INTERNAL');
  return ctx.interaction;
}
