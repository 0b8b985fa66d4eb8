/** Queries of `interaction_notes`: notes taken during a call (screened before they get here). */
import type Database from 'better-sqlite3';
import type { Row } from './rows';
import type { interactionNotes } from './schema';
import type { UserRow } from './users';

export type NoteRow = Row<typeof interactionNotes>;
/** A note as the call screen lists it, with its author's name. */
export type ListedNoteRow = { noteId: NoteRow['id'] } & Pick<NoteRow, 'interactionId' | 'authorId'> & { authorName: UserRow['displayName'] | null } & Pick<
    NoteRow,
    'at' | 'text'
  >;

export function noteQueries(db: Database.Database) {
  const insert = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO interaction_notes (id, interaction_id, author_id, at, text) VALUES (?, ?, ?, ?, ?)`,
  );
  const ofInteraction = db.prepare<[string], ListedNoteRow>(
    `SELECT n.id AS noteId, n.interaction_id AS interactionId, n.author_id AS authorId, u.display_name AS authorName, n.at, n.text
         FROM interaction_notes n LEFT JOIN users u ON u.id = n.author_id
         WHERE n.interaction_id = ? ORDER BY n.at, n.id`,
  );
  return {
    insert: (row: NoteRow): void => {
      insert.run(row.id, row.interactionId, row.authorId, row.at, row.text);
    },
    /** A call's notes, oldest first. */
    ofInteraction: (interactionId: NoteRow['interactionId']): ListedNoteRow[] => ofInteraction.all(interactionId),
  };
}

export type NoteQueries = ReturnType<typeof noteQueries>;
