/** The approvals stores wired to the real api: one per call for the agent, one inbox (kept out of unit tests). */
import { api } from '../../api';
import { perCall } from '../bills/per-call';
import { createCallApprovalsStore, type CallApprovalsStore } from './call-approvals-store';
import { createInboxStore, type InboxStore } from './inbox-store';

export const callApprovalsStoreFor = perCall<CallApprovalsStore>((interactionId) => createCallApprovalsStore({ api, interactionId }));

let inbox: InboxStore | null = null;
export function inboxStore(): InboxStore {
  return (inbox ??= createInboxStore({ api }));
}
