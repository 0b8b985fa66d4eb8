/**
 * Whether the offer was made on a call that showed the agent an experiment's arm
 * (experiment_exposures.offer_made): 1 when a grant of the experiment's reason is written on that
 * call (in the grant's transaction), 0 when the call ends without one (in the wrap-up's), null
 * until then. The grant and the wrap-up are commands of their own, so the hub can tell the same
 * from what it receives; this flag is the desk's reading of them for the insights.
 */
import type Database from 'better-sqlite3';

export function exposureQueries(db: Database.Database) {
  const offered = db.prepare<[string, string]>(
    `UPDATE experiment_exposures SET offer_made = 1 WHERE interaction_id = ? AND experiment_id IN (SELECT value FROM json_each(?)) AND coalesce(offer_made, 0) = 0`,
  );
  const closed = db.prepare<[string]>(`UPDATE experiment_exposures SET offer_made = 0 WHERE interaction_id = ? AND offer_made IS NULL`);
  return {
    /** The call's exposures to these experiments: the offer was made. Returns the rows changed. */
    markOffered: (interactionId: string, experimentIds: readonly string[]): number =>
      experimentIds.length === 0 ? 0 : offered.run(interactionId, JSON.stringify(experimentIds)).changes,
    /** The call ended: exposures with no offer recorded had none. Returns the rows changed. */
    closeCall: (interactionId: string): number => closed.run(interactionId).changes,
  };
}

export type ExposureQueries = ReturnType<typeof exposureQueries>;
