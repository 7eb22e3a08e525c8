import type { z } from "zod";
import type { AppOptions } from "../../core/app.js";
import { InvalidStateError, NotFoundError, ToolError } from "../../core/errors.js";
import type { JsonValue } from "../../core/json.js";
import type { NotificationTemplates } from "../../core/notifications.js";
import type { ProtocolProviders } from "../../core/protocols.js";
import { agentTool, dataTool, envTool, parsed, type ToolSpec } from "../../core/tool-decorators.js";
import type { StatefulFilesApp } from "../files/app.js";
import { attachFromFiles, fileSystemOf, saveAttachments } from "../files/attachments.js";
import { blobFromSeed, type FileBlob } from "../files/file-blob.js";
import type { Screen } from "../screen.js";
import { StatefulApp } from "../stateful-app.js";
import {
  cloneNote,
  compareNotes,
  DEFAULT_FOLDERS,
  type Note,
  type NotesPage,
  NotesState,
  type NoteView,
  noteView,
  parseDateTimeArg,
  titleFor,
} from "./model.js";
import {
  AddAttachmentParams,
  CreateNoteParams,
  DuplicateNoteParams,
  ExportAttachmentParams,
  FolderParams,
  ListNotesParams,
  MoveNoteParams,
  NoteIdParams,
  RemoveAttachmentParams,
  RenameFolderParams,
  SearchInFolderParams,
  SearchParams,
  SeedNoteParams,
  UpdateNoteParams,
} from "./params.js";
import { NoteList } from "./screens.js";

const newFolderSpec: ToolSpec = {
  description: "Create an empty notes folder. Returns its name.",
  params: FolderParams,
  op: "write",
  returns: "str",
};

const deleteFolderSpec: ToolSpec = {
  description:
    "Delete a notes folder together with all its notes. The default folders (Inbox, Personal, Work) cannot be deleted. Returns the name.",
  params: FolderParams,
  op: "write",
  returns: "str",
};

const createNoteSpec: ToolSpec = {
  description: "Write a new note in a folder. Returns the new note's id.",
  params: CreateNoteParams,
  op: "write",
  returns: "str (note id)",
};

const str = (v: JsonValue | undefined): string => (v === undefined || v === null ? "" : String(v));

/** Notes in folders (Inbox, Personal and Work always exist), with files attached from Files. */
export class StatefulNotesApp extends StatefulApp<NotesState> {
  readonly stateSchema = NotesState;
  private folders = new Map<string, Map<string, Note>>();
  /** The phone's file system, once connected (attachments come from and go back to it). */
  private files: StatefulFilesApp | undefined;

  static notificationTemplates: NotificationTemplates = {
    delete_folder: {
      user: (args) => `Notes folder "${str(args.folder_name)}" was deleted`,
      agent: (args) =>
        `Notes: the folder "${str(args.folder_name)}" was deleted, together with every note in it`,
    },
  };

  constructor(options: AppOptions = {}) {
    super({ name: options.name ?? "Notes" });
    this.restoreState(this.emptyState());
  }

  protected createRootScreen(): Screen {
    return new NoteList("Inbox");
  }

  override connectToProtocols(providers: ProtocolProviders): void {
    this.files = fileSystemOf(providers) ?? this.files;
  }

  protected dumpState(): NotesState {
    return {
      folders: [...this.folders].map(([folder_name, notes]) => ({
        folder_name,
        notes: [...notes.values()].map(cloneNote),
      })),
    };
  }

  protected restoreState(state: NotesState): void {
    const folders = new Map<string, Map<string, Note>>();
    for (const name of DEFAULT_FOLDERS)
      if (!state.folders.some((f) => f.folder_name === name)) folders.set(name, new Map());
    for (const f of state.folders)
      folders.set(f.folder_name, new Map(f.notes.map((n) => [n.note_id, cloneNote(n)])));
    this.folders = folders;
  }

  protected emptyState(): NotesState {
    return { folders: DEFAULT_FOLDERS.map((folder_name) => ({ folder_name, notes: [] })) };
  }

  // --- helpers (not tools) -----------------------------------------------------------------------

  /** The folder's notes, or NotFoundError listing the folders there are. */
  folderNotes(folder: string): Map<string, Note> {
    const notes = this.folders.get(folder);
    if (!notes)
      throw new NotFoundError(`Folder ${folder} not found. Folders: ${[...this.folders.keys()].join(", ")}`);
    return notes;
  }

  /** The live note and the folder holding it, or NotFoundError. */
  findNote(noteId: string): { note: Note; folder: string } {
    for (const [folder, notes] of this.folders) {
      const note = notes.get(noteId);
      if (note) return { note, folder };
    }
    throw new NotFoundError(`Note ${noteId} not found`);
  }

  folderNames(): string[] {
    return [...this.folders.keys()];
  }

  private newNoteId(): string {
    for (;;) {
      const id = this.newId();
      if (![...this.folders.values()].some((notes) => notes.has(id))) return id;
    }
  }

  private views(folder: string, notes: Iterable<Note>): NoteView[] {
    return [...notes].sort(compareNotes).map((n) => noteView(n, folder));
  }

  private matching(query: string, folders: Iterable<[string, Map<string, Note>]>): NoteView[] {
    const q = query.toLowerCase();
    const hits: { note: Note; folder: string }[] = [];
    for (const [folder, notes] of folders)
      for (const note of notes.values())
        if (note.title.toLowerCase().includes(q) || note.content.toLowerCase().includes(q))
          hits.push({ note, folder });
    return hits.sort((a, b) => compareNotes(a.note, b.note)).map((h) => noteView(h.note, h.folder));
  }

  // --- folders -----------------------------------------------------------------------------------

  @agentTool(newFolderSpec)
  @dataTool(newFolderSpec)
  new_folder(args: z.input<typeof FolderParams>): string {
    const name = parsed(FolderParams, args).folder_name;
    if (this.folders.has(name)) throw new InvalidStateError(`Folder ${name} already exists`);
    this.folders.set(name, new Map());
    return name;
  }

  @agentTool(deleteFolderSpec)
  @envTool(deleteFolderSpec)
  delete_folder(args: z.input<typeof FolderParams>): string {
    const name = parsed(FolderParams, args).folder_name;
    this.folderNotes(name);
    if ((DEFAULT_FOLDERS as readonly string[]).includes(name))
      throw new InvalidStateError(`Cannot delete default folder ${name}`);
    this.folders.delete(name);
    return name;
  }

  @agentTool({
    description: "Rename a notes folder (not a default one). Returns the new name.",
    params: RenameFolderParams,
    op: "write",
    returns: "str",
  })
  rename_folder(args: z.input<typeof RenameFolderParams>): string {
    const { folder, new_folder } = parsed(RenameFolderParams, args);
    this.folderNotes(folder);
    if ((DEFAULT_FOLDERS as readonly string[]).includes(folder))
      throw new InvalidStateError(`Cannot rename default folder ${folder}`);
    if (this.folders.has(new_folder)) throw new InvalidStateError(`Folder ${new_folder} already exists`);
    // Rebuild the map so the folder keeps its place in the listing.
    this.folders = new Map(
      [...this.folders].map(([name, notes]) => [name === folder ? new_folder : name, notes]),
    );
    return new_folder;
  }

  @agentTool({ description: "List the names of all notes folders.", returns: "list[str]" })
  list_folders(): string[] {
    return this.folderNames();
  }

  // --- notes -------------------------------------------------------------------------------------

  @agentTool(createNoteSpec)
  @dataTool(createNoteSpec)
  create_note(args: z.input<typeof CreateNoteParams>): string {
    const { folder, title, content, pinned } = parsed(CreateNoteParams, args);
    const notes = this.folderNotes(folder);
    const now = this.clock.now();
    const id = this.newNoteId();
    notes.set(id, {
      note_id: id,
      title: titleFor(title, content),
      content,
      pinned,
      attachments: [],
      created_at: now,
      updated_at: now,
    });
    return id;
  }

  @agentTool({ description: "Get a note by its id, from any folder.", params: NoteIdParams, returns: "Note" })
  get_note_by_id(args: z.input<typeof NoteIdParams>): NoteView {
    const { note, folder } = this.findNote(parsed(NoteIdParams, args).note_id);
    return noteView(note, folder);
  }

  @agentTool({
    description:
      "Change a note's title, content and/or pinned flag; fields you omit are kept. Returns the note's id.",
    params: UpdateNoteParams,
    op: "write",
    returns: "str (note id)",
  })
  update_note(args: z.input<typeof UpdateNoteParams>): string {
    const { note_id, title, content, pinned } = parsed(UpdateNoteParams, args);
    if (title === undefined && content === undefined && pinned === undefined)
      throw new ToolError(
        "invalid_arguments",
        "Give at least one of title, content or pinned to change",
        "title",
      );
    const { note } = this.findNote(note_id);
    const newContent = content ?? note.content;
    if (title !== undefined) note.title = titleFor(title, newContent);
    else if (!note.title.trim()) note.title = titleFor("", newContent);
    note.content = newContent;
    if (pinned !== undefined) note.pinned = pinned;
    note.updated_at = this.clock.now();
    return note_id;
  }

  @agentTool({
    description: "Delete a note. Returns its id.",
    params: NoteIdParams,
    op: "write",
    returns: "str",
  })
  delete_note(args: z.input<typeof NoteIdParams>): string {
    const { note_id } = parsed(NoteIdParams, args);
    const { folder } = this.findNote(note_id);
    this.folderNotes(folder).delete(note_id);
    return note_id;
  }

  @agentTool({
    description:
      "List the notes of a folder, pinned notes first, then the most recently updated, one page at a time.",
    params: ListNotesParams,
    returns: "dict",
  })
  list_notes(args: z.input<typeof ListNotesParams>): NotesPage {
    const { folder, offset, limit } = parsed(ListNotesParams, args);
    const all = this.views(folder, this.folderNotes(folder).values());
    if (offset > all.length)
      throw new ToolError(
        "invalid_arguments",
        `offset ${offset} is past the end of folder ${folder} (${all.length} notes)`,
        "offset",
      );
    const notes = all.slice(offset, offset + limit);
    return {
      notes,
      notes_range: [offset, offset + notes.length],
      total_returned_notes: notes.length,
      total_notes: all.length,
    };
  }

  @agentTool({
    description: "Move a note to another folder. Returns the note's id.",
    params: MoveNoteParams,
    op: "write",
    returns: "str (note id)",
  })
  move_note(args: z.input<typeof MoveNoteParams>): string {
    const { note_id, dest_folder_name, source_folder_name } = parsed(MoveNoteParams, args);
    const dest = this.folderNotes(dest_folder_name);
    if (source_folder_name !== undefined) this.folderNotes(source_folder_name);
    const { note, folder } = this.findNote(note_id);
    if (source_folder_name !== undefined && folder !== source_folder_name)
      throw new NotFoundError(`Note ${note_id} is not in folder ${source_folder_name} (it is in ${folder})`);
    if (folder === dest_folder_name)
      throw new InvalidStateError(`Note ${note_id} is already in folder ${dest_folder_name}`);
    this.folderNotes(folder).delete(note_id);
    dest.set(note_id, note);
    return note_id;
  }

  @agentTool({
    description:
      "Copy a note (title prefixed with 'Copy of ', same content and attachments), into its own folder or another one. Returns the copy's id.",
    params: DuplicateNoteParams,
    op: "write",
    returns: "str (note id)",
  })
  duplicate_note(args: z.input<typeof DuplicateNoteParams>): string {
    const { note_id, folder_name } = parsed(DuplicateNoteParams, args);
    const { note, folder } = this.findNote(note_id);
    const dest = this.folderNotes(folder_name ?? folder);
    const now = this.clock.now();
    const id = this.newNoteId();
    dest.set(id, {
      ...cloneNote(note),
      note_id: id,
      title: `Copy of ${note.title}`,
      pinned: false,
      created_at: now,
      updated_at: now,
    });
    return id;
  }

  @agentTool({
    description: "Find notes in every folder whose title or content contains the query (case-insensitive).",
    params: SearchParams,
    returns: "list[Note]",
  })
  search_notes(args: z.input<typeof SearchParams>): NoteView[] {
    return this.matching(parsed(SearchParams, args).query, this.folders);
  }

  @agentTool({
    description: "Find notes in one folder whose title or content contains the query (case-insensitive).",
    params: SearchInFolderParams,
    returns: "list[Note]",
  })
  search_notes_in_folder(args: z.input<typeof SearchInFolderParams>): NoteView[] {
    const { query, folder_name } = parsed(SearchInFolderParams, args);
    return this.matching(query, [[folder_name, this.folderNotes(folder_name)]]);
  }

  // --- attachments -------------------------------------------------------------------------------

  @agentTool({
    description:
      "Attach a file of Files to a note: the note keeps a copy under the file's name (an attachment with the same name is replaced). Returns the note's id.",
    params: AddAttachmentParams,
    op: "write",
    returns: "str (note id)",
  })
  add_attachment_to_note(args: z.input<typeof AddAttachmentParams>): string {
    const { note_id, attachment_path } = parsed(AddAttachmentParams, args);
    const { note } = this.findNote(note_id);
    const file = attachFromFiles(this.files, [attachment_path], "attachment_path")[0] as FileBlob;
    const existing = note.attachments.findIndex((a) => a.name === file.name);
    if (existing >= 0) note.attachments[existing] = file;
    else note.attachments.push(file);
    note.updated_at = this.clock.now();
    return note_id;
  }

  @agentTool({
    description:
      "Save a copy of a note's attachment into a folder of Files, e.g. to send it by email (a different file with the same name is kept; the copy gets a number). Returns the saved file's path.",
    params: ExportAttachmentParams,
    op: "write",
    returns: "str (path)",
  })
  export_attachment(args: z.input<typeof ExportAttachmentParams>): string {
    const { note_id, attachment, path_to_save } = parsed(ExportAttachmentParams, args);
    const { note } = this.findNote(note_id);
    const file = note.attachments.find((a) => a.name === attachment);
    if (!file)
      throw new NotFoundError(
        `Note ${note_id} has no attachment named ${attachment}; it has: ${note.attachments.map((a) => a.name).join(", ") || "none"}`,
      );
    return saveAttachments(this.files, path_to_save, [file], "path_to_save")[0] as string;
  }

  @agentTool({
    description: "Remove an attachment from a note. Returns the note's id.",
    params: RemoveAttachmentParams,
    op: "write",
    returns: "str (note id)",
  })
  remove_attachment(args: z.input<typeof RemoveAttachmentParams>): string {
    const { note_id, attachment } = parsed(RemoveAttachmentParams, args);
    const { note } = this.findNote(note_id);
    const index = note.attachments.findIndex((a) => a.name === attachment);
    if (index < 0) throw new NotFoundError(`Note ${note_id} has no attachment named ${attachment}`);
    note.attachments.splice(index, 1);
    note.updated_at = this.clock.now();
    return note_id;
  }

  @agentTool({
    description: "List the file names of a note's attachments.",
    params: NoteIdParams,
    returns: "list[str]",
  })
  list_attachments(args: z.input<typeof NoteIdParams>): string[] {
    return this.findNote(parsed(NoteIdParams, args).note_id).note.attachments.map((a) => a.name);
  }

  // --- data tools --------------------------------------------------------------------------------

  @dataTool({
    description:
      "Seed a note with explicit timestamps (and optional attached files); a missing folder is created. Returns the note's id.",
    params: SeedNoteParams,
    op: "write",
    returns: "str (note id)",
  })
  create_note_with_time(args: z.input<typeof SeedNoteParams>): string {
    const a = parsed(SeedNoteParams, args);
    const created =
      a.created_at === undefined ? this.clock.now() : parseDateTimeArg(a.created_at, "created_at");
    const updated = a.updated_at === undefined ? created : parseDateTimeArg(a.updated_at, "updated_at");
    if (updated < created)
      throw new ToolError("invalid_arguments", "updated_at is before created_at", "updated_at");
    const attachments = a.attachments.map((x, i) => blobFromSeed(x, `attachments.${i}`));
    const names = attachments.map((x) => x.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate !== undefined)
      throw new ToolError("invalid_arguments", `two attachments are named ${duplicate}`, "attachments");
    let notes = this.folders.get(a.folder);
    if (!notes) {
      notes = new Map();
      this.folders.set(a.folder, notes);
    }
    const id = this.newNoteId();
    notes.set(id, {
      note_id: id,
      title: titleFor(a.title, a.content),
      content: a.content,
      pinned: a.pinned,
      attachments,
      created_at: created,
      updated_at: updated,
    });
    return id;
  }
}
