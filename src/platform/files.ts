/**
 * What Ardoise writes to disk holds customers' data and keys: its data folder is the user's
 * alone (0700) and every file in it is readable by the user only (0600), whatever the umask.
 * SQLite creates its -wal and -shm files with the database file's own mode, so creating the
 * database 0600 before SQLite opens it is what keeps those private too.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync, fsyncSync } from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/** Windows has no POSIX modes: chmod there only toggles read-only, so it is skipped. */
const posix = process.platform !== 'win32';

/** Creates the folder (and its parents) private, and tightens it if it already existed. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (posix) chmodSync(dir, PRIVATE_DIR);
}

/** Creates an empty private file if it does not exist; tightens an existing one. */
export function ensurePrivateFile(file: string): void {
  ensurePrivateDir(dirname(file));
  closeSync(openSync(file, 'a', PRIVATE_FILE));
  if (posix) chmodSync(file, PRIVATE_FILE);
}

/** Tightens files that exist (a store's -wal and -shm after it was opened). */
export function tightenIfPresent(...files: string[]): void {
  if (!posix) return;
  for (const f of files) if (existsSync(f)) chmodSync(f, PRIVATE_FILE);
}

/**
 * Replaces `file` with `data` atomically and durably: a crash leaves the old file or the new
 * one, never half of either.
 */
export function writePrivateFileAtomic(file: string, data: string | Buffer): void {
  ensurePrivateDir(dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: PRIVATE_FILE });
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (posix) chmodSync(tmp, PRIVATE_FILE);
  renameSync(tmp, file);
}
