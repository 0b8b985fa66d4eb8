/**
 * Notes taken during a call. The contract screens every note (core/api freeText, core/notes)
 * before this service sees it: a note with a card number is refused with NOTE_REFUSED and
 * NOTHING is stored — not the note, not an outbox row, not an audit entry.
 */
import type Database from 'better-sqlite3';
import type { AgentProfile, InteractionNote } from '../../core/api';
import type { VerifiedCall } from './open-call';
import { uuidv7 } from '../store/ids';
import { noteQueries, type NoteQueries } from '../store/notes';
import type { CommandLog } from './command-log';

export interface NotesDeps {
  readonly client: Database.Database;
  readonly commands: CommandLog;
}

export class NotesService {
  private readonly notes: NoteQueries;

  constructor(private readonly deps: NotesDeps) {
    this.notes = noteQueries(deps.client);
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
        this.notes.insert({ id: noteId, interactionId: interaction.id, authorId, at, text: screened.text });
        return { noteId, interactionId: interaction.id, authorId, authorName: author.displayName, at, text: screened.text };
      },
    );
    return result;
  }

  list(interactionId: string): InteractionNote[] {
    return this.notes.ofInteraction(interactionId).map((r) => ({ ...r, authorName: r.authorName ?? r.authorId }));
  }
}
