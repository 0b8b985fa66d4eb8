import type Database from 'better-sqlite3';

/**
 * An agent (or a sync download) writing all the time while `work` runs: on every turn of the event
 * loop until it settles, one of the calls `ids` gets a new disposition — a row every call's facts
 * are read from. Resolves with how many writes were made once `work` has; rejects as it does.
 */
export async function writeEveryTick(db: Database.Database, ids: readonly string[], work: Promise<unknown>): Promise<number> {
  let settled = false;
  const done = work.finally(() => (settled = true));
  const write = db.prepare(`UPDATE interactions SET disposition = ? WHERE id = ?`);
  let writes = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      if (settled) return resolve();
      write.run(`written-${writes}`, ids[(writes * 7) % ids.length]!);
      writes++;
      setImmediate(tick);
    };
    tick();
  });
  await done;
  return writes;
}
