/**
 * Queries of `settings`: small configuration documents kept as JSON text (the verification
 * policy, the wrap-up dispositions, the catalog's rules). Whoever reads a value parses and
 * validates it; this module only moves the text.
 */
import type Database from 'better-sqlite3';
import type { Row } from './rows';
import type { settings } from './schema';

export type SettingRow = Row<typeof settings>;

export function settingsQueries(db: Database.Database) {
  const value = db.prepare<[string], Pick<SettingRow, 'value'>>(`SELECT value FROM settings WHERE key = ?`);
  const putIfAbsent = db.prepare<[string, string, string]>(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING`);
  return {
    /** The JSON text stored under `key`, or undefined when there is none. */
    value: (key: SettingRow['key']): SettingRow['value'] | undefined => value.get(key)?.value,
    /** Stores `value` (JSON text) under `key` unless something is there already; true when written. */
    putIfAbsent: (key: SettingRow['key'], value: SettingRow['value'], updatedAt: SettingRow['updatedAt']): boolean =>
      putIfAbsent.run(key, value, updatedAt).changes === 1,
  };
}

export type SettingsQueries = ReturnType<typeof settingsQueries>;
