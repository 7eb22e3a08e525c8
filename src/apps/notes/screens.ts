import { z } from "zod";
import { parsed, userTool } from "../../core/tool-decorators.js";
import { Screen } from "../screen.js";
import type { StatefulNotesApp } from "./app.js";
import type { NotesPage, NoteView } from "./model.js";
import { FolderParams, NoteIdParams, RenameFolderParams } from "./params.js";

const PageParams = z.object({
  offset: z.number().int().min(0).default(0).describe("Number of notes to skip"),
  limit: z.number().int().min(1).default(10).describe("Maximum number of notes to show"),
});
const KeywordParams = z.object({
  keyword: z.string().trim().min(1).describe("Text to look for in this folder's notes"),
});
const AttachParams = z.object({
  attachment_path: z
    .string()
    .min(1)
    .describe("Path of the file in Files to attach, e.g. 'Downloads/menu.pdf'"),
});
const ExportParams = z.object({
  attachment: z.string().min(1).describe("File name of the attachment to save"),
  path_to_save: z.string().min(1).default("Downloads/").describe("Folder of Files to save it into"),
});
const AttachmentParams = z.object({
  attachment: z.string().min(1).describe("File name of the attachment to remove"),
});
const DestParams = z.object({
  dest_folder_name: z.string().trim().min(1).describe("Folder to move the note to"),
});
const PinParams = z.object({ pinned: z.boolean().describe("true to pin the note, false to unpin it") });
const EditParams = z.object({
  title: z.string().optional().describe("New title; omit to keep it"),
  content: z.string().optional().describe("New body text; omit to keep it"),
  pinned: z.boolean().optional().describe("Pin or unpin; omit to keep it"),
});
const OpenFolderParams = z.object({ folder: z.string().trim().min(1).describe("Name of the folder") });

/** The notes of one folder (the app opens on Inbox). */
export class NoteList extends Screen<StatefulNotesApp> {
  constructor(readonly folder: string) {
    super();
  }

  override onEnter(): void {
    this.app.folderNotes(this.folder);
  }

  @userTool({ description: "List this folder's notes, pinned first, then the latest.", params: PageParams })
  list_notes(args: z.input<typeof PageParams>): NotesPage {
    const { offset, limit } = parsed(PageParams, args);
    return this.app.list_notes({ folder: this.folder, offset, limit });
  }

  @userTool({ description: "Open a note.", params: NoteIdParams })
  open(args: z.input<typeof NoteIdParams>): NoteView {
    const detail = new NoteDetail(parsed(NoteIdParams, args).note_id);
    this.app.pushScreen(detail);
    return detail.opened as NoteView;
  }

  @userTool({ description: "Start a new, empty note in this folder and edit it.", op: "write" })
  new_note(): NoteView {
    const id = this.app.create_note({ folder: this.folder });
    const screen = new EditNote(id);
    this.app.pushScreen(screen);
    return screen.opened as NoteView;
  }

  @userTool({ description: "Search this folder's notes.", params: KeywordParams })
  search(args: z.input<typeof KeywordParams>): NoteView[] {
    return this.app.search_notes_in_folder({
      query: parsed(KeywordParams, args).keyword,
      folder_name: this.folder,
    });
  }

  @userTool({ description: "Show all folders." })
  list_folders(): string[] {
    const folders = this.app.list_folders();
    this.app.pushScreen(new FolderList());
    return folders;
  }
}

/** One note; it is fetched on entry, so an unknown id leaves the user where they were. */
export class NoteDetail extends Screen<StatefulNotesApp> {
  opened: NoteView | undefined;

  constructor(readonly noteId: string) {
    super();
  }

  override onEnter(): void {
    this.opened = this.app.get_note_by_id({ note_id: this.noteId });
  }

  @userTool({ description: "Show the note as it is now." })
  refresh(): NoteView {
    return this.app.get_note_by_id({ note_id: this.noteId });
  }

  @userTool({ description: "List the note's attachments." })
  list_attachments(): string[] {
    return this.app.list_attachments({ note_id: this.noteId });
  }

  @userTool({ description: "Attach a file from Files to the note.", params: AttachParams, op: "write" })
  add_attachment(args: z.input<typeof AttachParams>): string {
    const { attachment_path } = parsed(AttachParams, args);
    return this.app.add_attachment_to_note({ note_id: this.noteId, attachment_path });
  }

  @userTool({ description: "Save a copy of an attachment to Files.", params: ExportParams, op: "write" })
  export_attachment(args: z.input<typeof ExportParams>): string {
    const { attachment, path_to_save } = parsed(ExportParams, args);
    return this.app.export_attachment({ note_id: this.noteId, attachment, path_to_save });
  }

  @userTool({ description: "Remove an attachment from the note.", params: AttachmentParams, op: "write" })
  remove_attachment(args: z.input<typeof AttachmentParams>): string {
    return this.app.remove_attachment({
      note_id: this.noteId,
      attachment: parsed(AttachmentParams, args).attachment,
    });
  }

  @userTool({ description: "Pin or unpin the note.", params: PinParams, op: "write" })
  set_pinned(args: z.input<typeof PinParams>): string {
    return this.app.update_note({ note_id: this.noteId, pinned: parsed(PinParams, args).pinned });
  }

  @userTool({ description: "Edit the note." })
  edit(): NoteView {
    const screen = new EditNote(this.noteId);
    this.app.pushScreen(screen);
    return screen.opened as NoteView;
  }

  @userTool({ description: "Delete the note and go back.", op: "write" })
  delete(): string {
    const id = this.app.delete_note({ note_id: this.noteId });
    this.app.popScreen();
    return id;
  }

  @userTool({ description: "Make a copy of the note and open it.", op: "write" })
  duplicate(): string {
    const id = this.app.duplicate_note({ note_id: this.noteId });
    this.app.pushScreen(noteDetail(id));
    return id;
  }

  @userTool({
    description: "Move the note to another folder and show that folder.",
    params: DestParams,
    op: "write",
  })
  move(args: z.input<typeof DestParams>): string {
    const { dest_folder_name } = parsed(DestParams, args);
    const id = this.app.move_note({ note_id: this.noteId, dest_folder_name });
    this.app.pushScreen(new NoteList(dest_folder_name));
    return id;
  }
}

/** Built outside the class: esbuild renames a decorated class that refers to itself (see calendar/screens.ts). */
function noteDetail(noteId: string): NoteDetail {
  return new NoteDetail(noteId);
}

/** Editing a note's title and text; `update` saves and shows the note. */
export class EditNote extends Screen<StatefulNotesApp> {
  opened: NoteView | undefined;

  constructor(readonly noteId: string) {
    super();
  }

  override onEnter(): void {
    this.opened = this.app.get_note_by_id({ note_id: this.noteId });
  }

  @userTool({ description: "Save the changes and show the note.", params: EditParams, op: "write" })
  update(args: z.input<typeof EditParams>): NoteView {
    const { title, content, pinned } = parsed(EditParams, args);
    this.app.update_note({
      note_id: this.noteId,
      ...(title !== undefined ? { title } : {}),
      ...(content !== undefined ? { content } : {}),
      ...(pinned !== undefined ? { pinned } : {}),
    });
    const below = this.app.navigationStack[this.app.navigationStack.length - 1];
    if (below instanceof NoteDetail && below.noteId === this.noteId) this.app.popScreen();
    else this.app.replaceScreen(new NoteDetail(this.noteId));
    return this.app.get_note_by_id({ note_id: this.noteId });
  }
}

/** All folders. */
export class FolderList extends Screen<StatefulNotesApp> {
  @userTool({ description: "List all folders." })
  list_folders(): string[] {
    return this.app.list_folders();
  }

  @userTool({ description: "Open a folder and list its notes.", params: OpenFolderParams })
  open(args: z.input<typeof OpenFolderParams>): NotesPage {
    const { folder } = parsed(OpenFolderParams, args);
    this.app.pushScreen(new NoteList(folder));
    return this.app.list_notes({ folder });
  }

  @userTool({ description: "Create a folder.", params: FolderParams, op: "write" })
  new_folder(args: z.input<typeof FolderParams>): string {
    return this.app.new_folder(parsed(FolderParams, args));
  }

  @userTool({ description: "Rename a folder.", params: RenameFolderParams, op: "write" })
  rename_folder(args: z.input<typeof RenameFolderParams>): string {
    return this.app.rename_folder(parsed(RenameFolderParams, args));
  }

  @userTool({ description: "Delete a folder and its notes.", params: FolderParams, op: "write" })
  delete_folder(args: z.input<typeof FolderParams>): string {
    return this.app.delete_folder(parsed(FolderParams, args));
  }
}
