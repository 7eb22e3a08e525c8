/**
 * INTERIM: the note helpers batch B3 adds in notes-verdicts.ts (branch `scen3`), with the same names and
 * behaviour, so batch B5 can run before B3 lands on main. When B3 is merged, delete this file and import
 * `notesAtEnd`, `noteAtEnd` and `linesWith` from notes-verdicts.js instead.
 */
import { StatefulNotesApp } from "../apps/notes/app.js";
import { type NoteView, noteView } from "../apps/notes/model.js";
import type { Environment } from "../core/environment.js";

/**
 * Every note as it stands at the end of the run, with its folder (empty without a Notes app): validators of
 * clean-ups and merges judge the notes that are left, so any route to the same result passes.
 */
export function notesAtEnd(env: Environment): NoteView[] {
  const notes = env.getAppByClass(StatefulNotesApp);
  if (!notes) return [];
  return notes
    .folderNames()
    .flatMap((folder) => [...notes.folderNotes(folder).values()].map((n) => noteView(n, folder)));
}

/** One note at the end of the run; undefined once deleted. */
export function noteAtEnd(env: Environment, noteId: string): NoteView | undefined {
  return notesAtEnd(env).find((n) => n.note_id === noteId);
}

/** The lines of a text that mention a marker (case-insensitive), for checks on one line of a note or message. */
export function linesWith(text: string, marker: string): string[] {
  const m = marker.toLowerCase();
  return text.split("\n").filter((line) => line.toLowerCase().includes(m));
}
