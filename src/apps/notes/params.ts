import { z } from "zod";
import { BlobSeed } from "../files/file-blob.js";
import { DateTimeArg } from "./model.js";

const folderName = (description: string) => z.string().trim().min(1).describe(description);
const noteId = z.string().min(1).describe("Id of the note");

export const FolderParams = z.object({ folder_name: folderName("Name of the folder") });

export const RenameFolderParams = z.object({
  folder: folderName("Current name of the folder"),
  new_folder: folderName("New name for the folder"),
});

export const CreateNoteParams = z.object({
  folder: folderName("Folder to put the note in").default("Inbox"),
  title: z
    .string()
    .default("")
    .describe("Title of the note; when empty, the first line of the content is used"),
  content: z.string().default("").describe("Body text of the note"),
  pinned: z.boolean().default(false).describe("Pin the note to the top of its folder"),
});

export const NoteIdParams = z.object({ note_id: noteId });

export const UpdateNoteParams = z.object({
  note_id: noteId,
  title: z
    .string()
    .optional()
    .describe("New title; omit to keep it (an empty title is replaced by the content's first line)"),
  content: z.string().optional().describe("New body text, replacing the old; omit to keep it"),
  pinned: z.boolean().optional().describe("Pin or unpin the note; omit to keep it"),
});

export const ListNotesParams = z.object({
  folder: folderName("Folder whose notes to list").default("Inbox"),
  offset: z.number().int().min(0).default(0).describe("Number of notes to skip (pagination)"),
  limit: z.number().int().min(1).default(10).describe("Maximum number of notes to return"),
});

export const MoveNoteParams = z.object({
  note_id: noteId,
  dest_folder_name: folderName("Folder to move the note to"),
  source_folder_name: folderName(
    "Folder the note is in; when given, the move fails if the note is elsewhere",
  ).optional(),
});

export const DuplicateNoteParams = z.object({
  note_id: noteId,
  folder_name: folderName("Folder for the copy; defaults to the original's folder").optional(),
});

export const SearchParams = z.object({
  query: z.string().trim().min(1).describe("Text to look for in titles and content (case-insensitive)"),
});

export const SearchInFolderParams = z.object({
  query: z.string().trim().min(1).describe("Text to look for in titles and content (case-insensitive)"),
  folder_name: folderName("Folder to search in"),
});

export const AddAttachmentParams = z.object({
  note_id: noteId,
  attachment_path: z
    .string()
    .min(1)
    .describe("Path of the file in Files to attach, e.g. 'Downloads/packing-list.pdf'"),
});

export const ExportAttachmentParams = z.object({
  note_id: noteId,
  attachment: z.string().min(1).describe("File name of the attachment to save"),
  path_to_save: z
    .string()
    .min(1)
    .default("Downloads/")
    .describe("Folder of Files to save it into (default Downloads/)"),
});

export const RemoveAttachmentParams = z.object({
  note_id: noteId,
  attachment: z.string().min(1).describe("File name of the attachment to remove"),
});

export const SeedNoteParams = z.object({
  folder: folderName("Folder to put the note in (created if missing)").default("Inbox"),
  title: z
    .string()
    .default("")
    .describe("Title of the note; when empty, the first line of the content is used"),
  content: z.string().default("").describe("Body text of the note"),
  pinned: z.boolean().default(false).describe("Pin the note to the top of its folder"),
  created_at: DateTimeArg("When the note was written; defaults to now").optional(),
  updated_at: DateTimeArg(
    "When the note was last changed; defaults to created_at, never before it",
  ).optional(),
  attachments: z
    .array(BlobSeed)
    .default([])
    .describe("Attached files: a file name (an empty file), or {name, text, mime_type, size}"),
});
