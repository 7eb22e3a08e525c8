import { z } from "zod";
import { formatDateTime } from "../../core/clock.js";
import { FileBlob } from "../files/file-blob.js";
import { Timestamp } from "../stateful-app.js";

export const DEFAULT_FOLDERS = ["Inbox", "Personal", "Work"] as const;

/** A file attached to a note (a copy of a file of Files, taken when it was attached). */
export const Attachment = FileBlob;
export type Attachment = FileBlob;

/** A note; timestamps are POSIX seconds on the scenario clock. */
export const Note = z.object({
  note_id: z.string().min(1),
  title: z.string(),
  content: z.string(),
  pinned: z.boolean(),
  attachments: z.array(Attachment),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Note = z.infer<typeof Note>;

export const NotesFolder = z.object({ folder_name: z.string().min(1), notes: z.array(Note) });
export type NotesFolder = z.infer<typeof NotesFolder>;

export const NotesState = z.object({ folders: z.array(NotesFolder) });
export type NotesState = z.infer<typeof NotesState>;

/** What tools return for a note: attachment names only, datetimes as `YYYY-MM-DD HH:MM:SS`. */
export interface NoteView {
  note_id: string;
  folder: string;
  title: string;
  content: string;
  pinned: boolean;
  attachments: string[];
  created_at: string;
  updated_at: string;
}

/** A page of a folder's notes; `notes_range` is [first index, index after the last shown]. */
export interface NotesPage {
  notes: NoteView[];
  notes_range: [number, number];
  total_returned_notes: number;
  total_notes: number;
}

export function noteView(note: Note, folder: string): NoteView {
  return {
    note_id: note.note_id,
    folder,
    title: note.title,
    content: note.content,
    pinned: note.pinned,
    attachments: note.attachments.map((a) => a.name),
    created_at: formatDateTime(note.created_at),
    updated_at: formatDateTime(note.updated_at),
  };
}

/** How notes are listed: pinned first, then the most recently updated. */
export function compareNotes(a: Note, b: Note): number {
  return (
    Number(b.pinned) - Number(a.pinned) ||
    b.updated_at - a.updated_at ||
    b.created_at - a.created_at ||
    (a.note_id < b.note_id ? -1 : a.note_id > b.note_id ? 1 : 0)
  );
}

export const TITLE_FROM_CONTENT_CHARS = 50;

/** A blank title is taken from the content's first non-empty line, shortened. */
export function titleFor(title: string, content: string): string {
  const trimmed = title.trim();
  if (trimmed) return trimmed;
  const line = content.split("\n").find((l) => l.trim()) ?? "";
  return line.trim().slice(0, TITLE_FROM_CONTENT_CHARS);
}

export function cloneNote(note: Note): Note {
  return { ...note, attachments: note.attachments.map((a) => ({ ...a })) };
}

export { DateTimeArg, parseDateTimeArg } from "../datetime-args.js";
