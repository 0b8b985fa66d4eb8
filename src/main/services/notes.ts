/**
 * Notes taken during a call. The contract screens every note (core/api freeText, core/notes)
 * before this service sees it: a note with a card number is refused with NOTE_REFUSED and
 * NOTHING is stored — not the note, not an outbox row, not an audit entry.
 */
import type Database from 'better-sqlite3';
import type { AgentProfile, InteractionNote } from '../../core/api';
import type { VerifiedCall } from './open-call';
import { uuidv7 } from '../store/ids';
import type { CommandLog } from './command-log';

export interface NotesDeps {
  readonly client: Database.Database;
  readonly commands: CommandLog;
}

interface NoteRow {
  noteId: string;
  interactionId: string;
  authorId: string;
  authorName: string | null;
  at: string;
  text: string;
}

export class NotesService {
  private readonly sql: {
    insert: Database.Statement<[string, string, string, string, string]>;
    list: Database.Statement<[string], NoteRow>;
  };

  constructor(private readonly deps: NotesDeps) {
    const c = deps.client;
    this.sql = {
      insert: c.prepare(`INSERT INTO interaction_notes (id, interaction_id, author_id, at, text) VALUES (?, ?, ?, ?, ?)`),
      list: c.prepare(
        `SELECT n.id AS noteId, n.interaction_id AS interactionId, n.author_id AS authorId, u.display_name AS authorName, n.at, n.text
         FROM interaction_notes n LEFT JOIN users u ON u.id = n.author_id
         WHERE n.interaction_id = ? ORDER BY n.at, n.id`,
      ),
    };
  }

  /** `text` is the screened, trimmed note the contract let through. */
  add(author: AgentProfile, interaction: VerifiedCall, text: string): InteractionNote {
    const screened = { text };
    const authorId = author.userId;
    const noteId = uuidv7();
    const { result } = this.deps.commands.execute(
      {
        type: 'notes.add',
        actorId: authorId,
        interactionId: interaction.id,
        payload: { noteId, interactionId: interaction.id, text: screened.text },
        audit: {
          action: 'note_added',
          subject: interaction.customerId ? `customer:${interaction.customerId}` : null,
          after: { noteId, text: screened.text },
        },
      },
      ({ at }): InteractionNote => {
        this.sql.insert.run(noteId, interaction.id, authorId, at, screened.text);
        return { noteId, interactionId: interaction.id, authorId, authorName: author.displayName, at, text: screened.text };
      },
    );
    return result;
  }

  list(interactionId: string): InteractionNote[] {
    return this.sql.list.all(interactionId).map((r) => ({ ...r, authorName: r.authorName ?? r.authorId }));
  }
}
