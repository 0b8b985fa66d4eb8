/**
 * Queries of the people who use Ardoise: `users`, and `credential_failures` (failed credential
 * checks per username, so a pause survives a restart).
 */
import type Database from 'better-sqlite3';
import type { Row } from './rows';
import type { credentialFailures, users } from './schema';

export type UserRow = Row<typeof users>;
/** What checking a staff member's credentials needs. */
export type StaffUserRow = Pick<UserRow, 'id' | 'username' | 'displayName' | 'role' | 'locale' | 'passwordHash' | 'active'>;
/** A user as named on screen (who decided, who granted). */
export interface UserNameRow {
  readonly id: UserRow['id'];
  readonly name: UserRow['displayName'];
}
export type CredentialFailureRow = Row<typeof credentialFailures>;

export function userQueries(db: Database.Database) {
  const byUsername = db.prepare<[string], StaffUserRow>(
    `SELECT id, username, display_name AS displayName, role, locale, password_hash AS passwordHash, active FROM users WHERE username = ?`,
  );
  const displayNames = db.prepare<[], Pick<UserRow, 'id' | 'displayName'>>(`SELECT id, display_name AS displayName FROM users`);
  const name = db.prepare<[string], UserNameRow>(`SELECT id, display_name AS name FROM users WHERE id = ?`);
  const rehash = db.prepare<[string, string, string]>(`UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?`);
  const failures = db.prepare<[string], Pick<CredentialFailureRow, 'failures' | 'pausedUntil'>>(
    `SELECT failures, paused_until AS pausedUntil FROM credential_failures WHERE username = ?`,
  );
  const setFailures = db.prepare<[string, number, string | null, string]>(
    `INSERT INTO credential_failures (username, failures, paused_until, last_failure_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, paused_until = excluded.paused_until, last_failure_at = excluded.last_failure_at`,
  );
  const clearFailures = db.prepare<[string]>(`DELETE FROM credential_failures WHERE username = ?`);
  return {
    byUsername: (username: UserRow['username']): StaffUserRow | undefined => byUsername.get(username),
    /** Every user's display name (the audit view names actors with them). */
    displayNames: (): Pick<UserRow, 'id' | 'displayName'>[] => displayNames.all(),
    name: (id: UserRow['id']): UserNameRow | undefined => name.get(id),
    /** Replaces the hash only if it is still `previousHash`; the number of rows changed. */
    rehash: (id: UserRow['id'], passwordHash: UserRow['passwordHash'], previousHash: UserRow['passwordHash']): number =>
      rehash.run(passwordHash, id, previousHash).changes,
    failures: (username: CredentialFailureRow['username']): Pick<CredentialFailureRow, 'failures' | 'pausedUntil'> | undefined => failures.get(username),
    setFailures: (row: CredentialFailureRow): void => {
      setFailures.run(row.username, row.failures, row.pausedUntil, row.lastFailureAt);
    },
    clearFailures: (username: CredentialFailureRow['username']): void => {
      clearFailures.run(username);
    },
  };
}

export type UserQueries = ReturnType<typeof userQueries>;
