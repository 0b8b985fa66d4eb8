/**
 * How services tell people something happened (an approval requested, decided): to a user,
 * to everyone with at least a role, to every signed-in desk. Services know people, not
 * sessions or transports; the host plugs in who is listening (the session registry today, the
 * hub's push across desks tomorrow).
 */
import type { ApiEvent, Role } from '../../core/api';

export interface EventPublisher {
  /** Every signed-in client of this user (an agent may have several windows). */
  toUser(userId: string, event: ApiEvent): void;
  /** Everyone signed in with at least this role. */
  toRole(minRole: Role, event: ApiEvent): void;
  /** Every signed-in client. */
  toAll(event: ApiEvent): void;
}

/** A publisher that tells nobody (tests, benchmarks, scripts). */
export const SILENT: EventPublisher = { toUser: () => {}, toRole: () => {}, toAll: () => {} };
