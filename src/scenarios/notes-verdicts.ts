import { StatefulNotesApp } from "../apps/notes/app.js";
import { type NoteView, noteView } from "../apps/notes/model.js";
import type { Environment } from "../core/environment.js";

/**
 * Every note as it stands at the end of the run, with its folder (empty without a Notes app): validators of
 * clean-ups, merges and splits judge the notes that are left, so any route to the same result passes.
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

/** The notes whose title or content mentions the marker (case-insensitive) at the end of the run. */
export function notesMentioning(env: Environment, marker: string): NoteView[] {
  const m = marker.toLowerCase();
  return notesAtEnd(env).filter((n) => `${n.title}\n${n.content}`.toLowerCase().includes(m));
}

/** The lines of a text that mention a marker (case-insensitive), for checks on one line of a note or message. */
export function linesWith(text: string, marker: string): string[] {
  const m = marker.toLowerCase();
  return text.split("\n").filter((line) => line.toLowerCase().includes(m));
}

/**
 * The private details a text gives away, for redaction checks: each secret is looked for case-insensitively;
 * a secret made of digits (a door code, an account number) is found however its digits are spaced or
 * punctuated ("4817" in "4 8 1 7" or "48-17"), but not inside a longer number. A blank secret gives nothing away.
 */
export function leakedSecrets(text: string, secrets: readonly string[]): string[] {
  const lower = text.toLowerCase();
  return secrets.filter((secret) => {
    if (secret.trim() === "") return false;
    const digits = secret.replace(/\D/g, "");
    if (digits.length >= 3 && /^[\d\s+().-]+$/.test(secret)) {
      const pattern = new RegExp(`(?<!\\d)${digits.split("").join("[\\s().-]*")}(?!\\d)`);
      return pattern.test(text);
    }
    return lower.includes(secret.toLowerCase());
  });
}
