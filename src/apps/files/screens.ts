import { z } from "zod";
import { parsed, userTool } from "../../core/tool-decorators.js";
import { Screen } from "../screen.js";
import type { StatefulFilesApp } from "./app.js";
import type { EntryInfo } from "./model.js";
import { type PathSegments, parsePath, showPath } from "./paths.js";

const NameParams = z.object({
  name: z.string().min(1).describe("Name of an entry in this folder (or a path below it, e.g. 'Taxes/2025')"),
});
const NewFolderParams = z.object({ name: z.string().min(1).describe("Name of the new folder") });
const ReadParams = z.object({
  max_lines: z.number().int().min(1).nullable().default(40).describe("Lines to show (null: all)"),
});
const RenameParams = z.object({ new_name: z.string().min(1).describe("New name of the file") });
const MoveParams = z.object({
  folder: z.string().min(1).describe("Folder to move the file into, from the root, e.g. 'Documents/Taxes'"),
});

/** What opening a file shows: its text when it has some, else its details. */
export interface OpenedFile {
  info: EntryInfo;
  text: string | null;
}

/** A folder of the phone's file system (the app opens on the root). */
export class FolderView extends Screen<StatefulFilesApp> {
  constructor(readonly folder: PathSegments) {
    super();
  }

  override onEnter(): void {
    this.app.requireFolder(showPath(this.folder), "name");
  }

  private below(name: string): string {
    return showPath([...this.folder, ...parsePath(name, "name")]);
  }

  @userTool({ description: "List this folder's files and folders with their sizes." })
  list_folder(): EntryInfo[] {
    return this.app.ls({ path: showPath(this.folder), detail: true }) as EntryInfo[];
  }

  @userTool({ description: "Show everything below this folder as a tree." })
  tree(): string {
    return this.app.tree({ path: showPath(this.folder) });
  }

  @userTool({ description: "Open a folder inside this one.", params: NameParams })
  open_folder(args: z.input<typeof NameParams>): EntryInfo[] {
    const target = this.below(parsed(NameParams, args).name);
    const listing = this.app.ls({ path: target, detail: true }) as EntryInfo[];
    this.app.pushScreen(folderView(parsePath(target, "name")));
    return listing;
  }

  @userTool({ description: "Open a file of this folder and look at it.", params: NameParams })
  open_file(args: z.input<typeof NameParams>): OpenedFile {
    const target = this.below(parsed(NameParams, args).name);
    const screen = new FileView(parsePath(target, "name"));
    this.app.pushScreen(screen);
    return screen.show(40);
  }

  @userTool({ description: "Create a folder inside this one.", params: NewFolderParams, op: "write" })
  new_folder(args: z.input<typeof NewFolderParams>): string {
    return this.app.mkdir({ path: this.below(parsed(NewFolderParams, args).name), create_parents: false });
  }
}

/** One open file: its text (documents) or its details (photos, archives). */
export class FileView extends Screen<StatefulFilesApp> {
  constructor(readonly file: PathSegments) {
    super();
  }

  get path(): string {
    return showPath(this.file);
  }

  override onEnter(): void {
    this.app.readBlob(this.path, "path");
  }

  /** The file's details, and its first lines when it has text. */
  show(maxLines: number | null): OpenedFile {
    const info = this.app.info({ path: this.path });
    const text = this.app.isReadable(this.path)
      ? this.app.read_document({ file_path: this.path, max_lines: maxLines })
      : null;
    return { info, text };
  }

  @userTool({ description: "Read the file (or see its details when it has no text).", params: ReadParams })
  read(args: z.input<typeof ReadParams> = {}): OpenedFile {
    return this.show(parsed(ReadParams, args).max_lines);
  }

  @userTool({ description: "Show the file's size, type and dates." })
  details(): EntryInfo {
    return this.app.info({ path: this.path });
  }

  @userTool({ description: "Rename the file (it stays in its folder).", params: RenameParams, op: "write" })
  rename(args: z.input<typeof RenameParams>): string {
    const { new_name } = parsed(RenameParams, args);
    const name = parsePath(new_name, "new_name");
    const target = showPath([...this.file.slice(0, -1), ...name]);
    const moved = this.app.mv({ path1: this.path, path2: target });
    this.app.replaceScreen(fileView(parsePath(moved, "path")));
    return moved;
  }

  @userTool({
    description: "Move the file into another folder and go back.",
    params: MoveParams,
    op: "write",
  })
  move_to(args: z.input<typeof MoveParams>): string {
    const { folder } = parsed(MoveParams, args);
    const moved = this.app.mv({ path1: this.path, path2: showPath(parsePath(folder, "folder")) });
    this.leave();
    return moved;
  }

  @userTool({ description: "Delete the file and go back.", op: "write" })
  delete(): string {
    const result = this.app.rm({ path: this.path });
    this.leave();
    return result;
  }

  private leave(): void {
    if (!this.app.popScreen()) this.app.resetToRoot();
  }
}

/** Built outside the classes: esbuild renames a decorated class that refers to itself (see email/screens.ts). */
function folderView(folder: PathSegments): FolderView {
  return new FolderView(folder);
}

function fileView(file: PathSegments): FileView {
  return new FileView(file);
}
