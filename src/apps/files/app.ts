import { z } from "zod";
import type { AppOptions } from "../../core/app.js";
import { formatDateTime } from "../../core/clock.js";
import { InvalidStateError, NotFoundError, ToolError } from "../../core/errors.js";
import type { JsonValue } from "../../core/json.js";
import type { NotificationTemplates } from "../../core/notifications.js";
import { Protocol } from "../../core/protocols.js";
import { agentTool, dataTool, envTool, parsed, type ToolSpec } from "../../core/tool-decorators.js";
import type { Screen } from "../screen.js";
import { StatefulApp } from "../stateful-app.js";
import {
  checkTextSize,
  describeBlob,
  type FileBlob,
  humanSize,
  kindOf,
  makeBlob,
  mimeTypeFor,
  utf8Bytes,
} from "./file-blob.js";
import {
  DateTimeArg,
  DEFAULT_FOLDERS,
  type EntryInfo,
  type FilesState,
  FilesState as FilesStateSchema,
  MAX_ENTRIES,
  MAX_TOTAL_TEXT_BYTES,
  parseDateTimeArg,
} from "./model.js";
import { keySegments, type PathSegments, parsePath, pathKey, showPath, splitExtension } from "./paths.js";
import { FolderView } from "./screens.js";

interface FolderNode {
  type: "directory";
  created_at: number;
}
interface FileNode {
  type: "file";
  mime_type: string;
  size: number;
  text: string | null;
  created_at: number;
  modified_at: number;
}
type Node = FolderNode | FileNode;

const PathArg = (what: string) =>
  z.string().describe(`${what}, from the phone's root, e.g. 'Documents/lease.pdf' or '/Downloads/'`);

const OpenParams = z.object({
  path: PathArg("File to write"),
  mode: z
    .enum(["w", "wb", "a", "ab", "x", "xb", "r", "rb"])
    .default("w")
    .describe(
      "'w' creates or replaces the file, 'a' appends to it, 'x' creates it only if it does not exist",
    ),
  content: z.string().default("").describe("Text to write"),
});
const PathParams = z.object({ path: PathArg("File or folder") });
const FileParams = z.object({ path: PathArg("File") });
const MkdirParams = z.object({
  path: PathArg("Folder to create"),
  create_parents: z.boolean().default(true).describe("Also create missing parent folders (default true)"),
});
const MakedirsParams = z.object({
  path: PathArg("Folder to create, with any missing parents"),
  exist_ok: z.boolean().default(false).describe("Succeed when the folder already exists (default false)"),
});
const MvParams = z.object({
  path1: PathArg("File or folder to move or rename"),
  path2: PathArg("New path, or an existing folder to move it into"),
});
const LsParams = z.object({
  path: PathArg("Folder to list (default: the root)").default("."),
  detail: z.boolean().default(false).describe("Return each entry's type, size and media type too"),
});
const RmParams = z.object({
  path: PathArg("File or folder to delete"),
  recursive: z.boolean().default(false).describe("Required to delete a folder with everything in it"),
});
const TreeParams = z.object({ path: PathArg("Folder to start from (default: the root)").default(".") });
const ReadDocumentParams = z.object({
  file_path: PathArg("Document to read (text, Markdown, PDF, Word, spreadsheet, …)"),
  max_lines: z
    .number()
    .int()
    .min(1)
    .nullable()
    .default(20)
    .describe("Return at most this many lines (default 20); null returns the whole document"),
});

const FileSpecShape = {
  text: z.string().optional().describe("Text of a text file or document; omit for binary files"),
  mime_type: z.string().optional().describe("Media type, e.g. 'application/pdf' (default: from the name)"),
  size: z.number().int().min(0).optional().describe("Size in bytes (default: the text's length)"),
};
const ReceiveParams = z.object({
  path: PathArg("Where the file lands; its folder is created if missing"),
  ...FileSpecShape,
  source: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe("Where it came from, e.g. 'Scanner' or 'AirDrop from Sam' (shown in the notification)"),
});
const SeedFile = z.object({
  path: PathArg("Path of the file; missing folders are created"),
  ...FileSpecShape,
  created_at: DateTimeArg("When the file was saved; defaults to now").optional(),
});
type SeedFile = z.output<typeof SeedFile>;
const SeedFilesParams = z.object({ files: z.array(SeedFile).describe("Files to add") });

const SPEC_MAKEDIRS: ToolSpec = {
  description: "Create a folder and any missing parent folders. Returns the folder's path.",
  params: MakedirsParams,
  op: "write",
  returns: "str (path)",
};

const str = (v: JsonValue | undefined): string => (v === undefined || v === null ? "" : String(v));

const READ_MODES = new Set(["r", "rb"]);

/**
 * The phone's file system (PARE's `Files`, the original's `SandboxLocalFileSystem`): an in-memory tree of
 * folders and files under one root, reached only through virtual paths. Email, Messaging and Notes save
 * attachments here and attach files from here.
 */
export class StatefulFilesApp extends StatefulApp<FilesState> {
  static notificationTemplates: NotificationTemplates = {
    receive_file: {
      user: (a, r) =>
        `New file${a.source ? ` from ${str(a.source)}` : ""}: ${typeof r === "string" ? r : str(a.path)}`,
      agent: (a, r, app) => {
        const saved = typeof r === "string" ? r : str(a.path);
        const info = app instanceof StatefulFilesApp ? app.peek(saved) : undefined;
        const what = info ? ` ${describeBlob(info)}` : "";
        return `Files: a new file arrived${a.source ? ` from ${str(a.source)}` : ""}:${what} saved at ${saved}`;
      },
    },
  };

  readonly stateSchema = FilesStateSchema;
  private nodes = new Map<string, Node>();
  private readonly initialFolders: readonly string[];

  constructor(options: AppOptions & { folders?: readonly string[] } = {}) {
    super({ name: options.name ?? "Files" });
    this.initialFolders = (options.folders ?? DEFAULT_FOLDERS).map((f) => pathKey(parsePath(f, "folders")));
    this.restoreState(this.emptyState());
  }

  override implementedProtocols(): readonly Protocol[] {
    return [Protocol.FILE_SYSTEM];
  }

  protected createRootScreen(): Screen {
    return new FolderView([]);
  }

  protected dumpState(): FilesState {
    const keys = [...this.nodes.keys()].filter((k) => k !== "").sort();
    const folders: FilesState["folders"] = [];
    const files: FilesState["files"] = [];
    for (const key of keys) {
      const node = this.nodes.get(key) as Node;
      if (node.type === "directory") folders.push({ path: key, created_at: node.created_at });
      else
        files.push({
          path: key,
          mime_type: node.mime_type,
          size: node.size,
          text: node.text,
          created_at: node.created_at,
          modified_at: node.modified_at,
        });
    }
    return { folders, files };
  }

  protected restoreState(state: FilesState): void {
    const nodes = new Map<string, Node>([["", { type: "directory", created_at: 0 }]]);
    const folderAt = (segments: PathSegments, time: number) => {
      for (let i = 1; i <= segments.length; i++) {
        const key = pathKey(segments.slice(0, i));
        const node = nodes.get(key);
        if (node?.type === "file")
          throw new TypeError(`Invalid state for app ${this.name}: ${key} is a file`);
        if (!node) nodes.set(key, { type: "directory", created_at: time });
      }
    };
    state.folders.forEach((f, i) => {
      const segments = parsePath(f.path, `folders.${i}.path`);
      if (pathKey(segments) !== f.path)
        throw new TypeError(`Invalid state for app ${this.name}: folders.${i}.path is not canonical`);
      folderAt(segments, f.created_at);
    });
    state.files.forEach((f, i) => {
      const segments = parsePath(f.path, `files.${i}.path`);
      const key = pathKey(segments);
      if (key !== f.path || segments.length === 0 || nodes.has(key))
        throw new TypeError(
          `Invalid state for app ${this.name}: files.${i}.path is not a new canonical path`,
        );
      const blob = makeBlob(
        { name: segments[segments.length - 1] as string, text: f.text, mime_type: f.mime_type, size: f.size },
        `files.${i}`,
      );
      folderAt(segments.slice(0, -1), f.created_at);
      nodes.set(key, {
        type: "file",
        mime_type: blob.mime_type,
        size: blob.size,
        text: blob.text,
        created_at: f.created_at,
        modified_at: f.modified_at,
      });
    });
    this.nodes = nodes;
  }

  protected emptyState(): FilesState {
    const now = this.clock.now();
    return { folders: this.initialFolders.map((path) => ({ path, created_at: now })), files: [] };
  }

  // --- helpers for this app and for the apps that attach files (not tools: nothing here is logged) -

  private node(segments: PathSegments): Node | undefined {
    return this.nodes.get(pathKey(segments));
  }

  private children(segments: PathSegments): string[] {
    const prefix = segments.length === 0 ? "" : `${pathKey(segments)}/`;
    const out: string[] = [];
    for (const key of this.nodes.keys())
      if (key !== "" && key.startsWith(prefix) && !key.slice(prefix.length).includes("/")) out.push(key);
    return out.sort();
  }

  private descendants(segments: PathSegments): string[] {
    const prefix = `${pathKey(segments)}/`;
    return [...this.nodes.keys()].filter((k) => k.startsWith(prefix));
  }

  /** NotFoundError for a missing entry; it lists what the nearest existing folder holds. */
  private missing(segments: PathSegments, what: string): NotFoundError {
    let parent = segments.slice(0, -1);
    while (parent.length > 0 && this.node(parent)?.type !== "directory") parent = parent.slice(0, -1);
    const names = this.children(parent).map((k) => keySegments(k).pop() as string);
    const shown = names.slice(0, 12).join(", ") + (names.length > 12 ? ", …" : "");
    return new NotFoundError(
      `${what} ${showPath(segments)} does not exist; ${showPath(parent)} holds: ${shown || "(nothing)"}`,
    );
  }

  private folderOrThrow(segments: PathSegments, field: string): void {
    const node = this.node(segments);
    if (!node) throw this.missing(segments, "Folder");
    if (node.type !== "directory")
      throw new InvalidStateError(`${field}: ${showPath(segments)} is a file, not a folder`);
  }

  private fileOrThrow(segments: PathSegments, field: string): FileNode {
    if (segments.length === 0) throw new InvalidStateError(`${field}: / is the root folder, not a file`);
    const node = this.node(segments);
    if (!node) throw this.missing(segments, "File");
    if (node.type !== "file")
      throw new InvalidStateError(`${field}: ${showPath(segments)} is a folder, not a file`);
    return node;
  }

  private blobOf(segments: PathSegments, node: FileNode): FileBlob {
    return {
      name: segments[segments.length - 1] as string,
      mime_type: node.mime_type,
      size: node.size,
      text: node.text,
    };
  }

  private totalTextBytes(except?: string): number {
    let total = 0;
    for (const [key, node] of this.nodes)
      if (node.type === "file" && node.text !== null && key !== except) total += utf8Bytes(node.text);
    return total;
  }

  /** Refuses a write that would take the store past its limits. */
  private checkCapacity(newEntries: number, key: string, text: string | null, field: string): void {
    if (this.nodes.size - 1 + newEntries > MAX_ENTRIES)
      throw new InvalidStateError(
        `${field}: the phone's storage holds at most ${MAX_ENTRIES} files and folders`,
      );
    if (text === null) return;
    if (this.totalTextBytes(key) + utf8Bytes(text) > MAX_TOTAL_TEXT_BYTES)
      throw new InvalidStateError(
        `${field}: the phone's storage is full (${humanSize(MAX_TOTAL_TEXT_BYTES)} of text at most)`,
      );
  }

  /** Keys of the folders missing along a folder path (a file in the way is an error). */
  private missingFolders(segments: PathSegments, field: string): string[] {
    const missing: string[] = [];
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i);
      const node = this.node(prefix);
      if (node?.type === "file")
        throw new InvalidStateError(`${field}: ${showPath(prefix)} is a file, not a folder`);
      if (!node) missing.push(pathKey(prefix));
    }
    return missing;
  }

  private createFolders(keys: readonly string[]): void {
    const now = this.clock.now();
    for (const key of keys) this.nodes.set(key, { type: "directory", created_at: now });
  }

  private ensureFolders(segments: PathSegments, field: string): void {
    const missing = this.missingFolders(segments, field);
    this.checkCapacity(missing.length, "", null, field);
    this.createFolders(missing);
  }

  private writeFile(segments: PathSegments, blob: FileBlob, createdAt?: number): void {
    const key = pathKey(segments);
    const existing = this.nodes.get(key);
    const now = this.clock.now();
    this.nodes.set(key, {
      type: "file",
      mime_type: blob.mime_type,
      size: blob.size,
      text: blob.text,
      created_at: createdAt ?? (existing?.type === "file" ? existing.created_at : now),
      modified_at: createdAt ?? now,
    });
  }

  /** `name.pdf`, then `name (1).pdf`, `name (2).pdf`, … : the first name not taken in the folder. */
  private freeName(folder: PathSegments, name: string, same: (node: Node) => boolean): string | null {
    const [stem, ext] = splitExtension(name);
    for (let i = 0; i < 1000; i++) {
      const candidate = i === 0 ? name : `${stem} (${i})${ext}`;
      const node = this.node([...folder, candidate]);
      if (!node) return candidate;
      if (same(node)) return null;
    }
    throw new InvalidStateError(`${showPath(folder)} already holds too many files named like ${name}`);
  }

  /** Throws unless the path names a folder (screens check where they go). */
  requireFolder(rawPath: string, field: string): void {
    this.folderOrThrow(parsePath(rawPath, field), field);
  }

  /** The file at a path, with its content, for attaching it elsewhere. */
  readBlob(rawPath: string, field: string): FileBlob {
    const segments = parsePath(rawPath, field);
    return this.blobOf(segments, this.fileOrThrow(segments, field));
  }

  /**
   * Saves a file into a folder (which must exist unless `createFolder`) and returns its path. A name
   * already taken by a different file gets a number (`lease (1).pdf`), as a phone's downloads do; the
   * same file saved again is not duplicated.
   */
  saveBlob(rawFolder: string, blob: FileBlob, field: string, createFolder = false): string {
    const folder = parsePath(rawFolder, field);
    const missing = createFolder ? this.missingFolders(folder, field) : [];
    if (!createFolder) this.folderOrThrow(folder, field);
    const sameContent = (node: Node) =>
      node.type === "file" &&
      node.mime_type === blob.mime_type &&
      node.size === blob.size &&
      node.text === blob.text;
    const name = this.freeName(folder, blob.name, sameContent);
    if (name === null) return showPath([...folder, blob.name]);
    const segments = [...folder, name];
    this.checkCapacity(missing.length + 1, pathKey(segments), blob.text, field);
    this.createFolders(missing);
    this.writeFile(segments, { ...blob, name });
    return showPath(segments);
  }

  /** Saves several files into one folder, all or none. */
  saveAll(rawFolder: string, blobs: readonly FileBlob[], field: string): string[] {
    const before = this.getState();
    try {
      return blobs.map((b) => this.saveBlob(rawFolder, b, field));
    } catch (error) {
      this.restoreState(before);
      throw error;
    }
  }

  /** The blob at a shown path, if there is a file there (notification texts). */
  peek(shownPath: string): FileBlob | undefined {
    try {
      return this.readBlob(shownPath, "path");
    } catch {
      return undefined;
    }
  }

  /** Whether the file at a path has text to read (the user's file view shows it, or its details). */
  isReadable(rawPath: string): boolean {
    const blob = this.peek(rawPath);
    return blob !== undefined && blob.text !== null && blob.text.length > 0;
  }

  private describe(segments: PathSegments): EntryInfo {
    const node = this.node(segments) as Node;
    if (node.type === "directory")
      return {
        name: showPath(segments),
        type: "directory",
        size: 0,
        entries: this.children(segments).length,
        created: formatDateTime(node.created_at),
      };
    return {
      name: showPath(segments),
      type: "file",
      size: node.size,
      mime_type: node.mime_type,
      created: formatDateTime(node.created_at),
      modified: formatDateTime(node.modified_at),
    };
  }

  // --- agent tools --------------------------------------------------------------------------------

  @agentTool({
    description:
      "Write text to a file: mode 'w' creates or replaces it, 'a' appends, 'x' creates it only if it is new. The folder must exist. (To read a file use cat or read_document.) Returns the file's details.",
    params: OpenParams,
    op: "write",
    returns: "dict",
  })
  open(args: z.input<typeof OpenParams>): EntryInfo {
    const { path, mode, content } = parsed(OpenParams, args);
    if (READ_MODES.has(mode))
      throw new ToolError(
        "invalid_arguments",
        `mode: '${mode}' reads; open writes files. Read a file with cat or read_document`,
        "mode",
      );
    const segments = parsePath(path, "path");
    if (segments.length === 0) throw new InvalidStateError("path: / is the root folder, not a file");
    this.folderOrThrow(segments.slice(0, -1), "path");
    const key = pathKey(segments);
    const existing = this.nodes.get(key);
    if (existing?.type === "directory")
      throw new InvalidStateError(`path: ${showPath(segments)} is a folder, not a file`);
    const kind = mode[0] as "w" | "a" | "x";
    if (kind === "x" && existing)
      throw new InvalidStateError(
        `path: ${showPath(segments)} already exists (mode 'x' only creates new files)`,
      );
    const name = segments[segments.length - 1] as string;
    // A new file without an extension is plain text (README, notes); otherwise its name says its type.
    const mime =
      existing?.type === "file"
        ? existing.mime_type
        : splitExtension(name)[1] === ""
          ? "text/plain"
          : mimeTypeFor(name);
    if (kindOf(mime) === "binary")
      throw new InvalidStateError(
        `path: ${name} is a ${mime} file by its name; only text files and documents can be written (e.g. .txt, .md)`,
      );
    if (kind === "a" && existing?.type === "file" && existing.text === null)
      throw new InvalidStateError(`path: ${showPath(segments)} has no text to append to`);
    const text = kind === "a" && existing?.type === "file" ? `${existing.text ?? ""}${content}` : content;
    checkTextSize(text, "content");
    const blob = makeBlob({ name, text, mime_type: mime }, "content");
    this.checkCapacity(existing ? 0 : 1, key, text, "content");
    this.writeFile(segments, blob);
    return this.describe(segments);
  }

  @agentTool({
    description:
      "Show the text of a text file (txt, md, csv, json, …). Use read_document for PDFs and office files.",
    params: FileParams,
    returns: "str",
  })
  cat(args: z.input<typeof FileParams>): string {
    const { path } = parsed(FileParams, args);
    const segments = parsePath(path, "path");
    const node = this.fileOrThrow(segments, "path");
    const kind = kindOf(node.mime_type);
    if (kind === "document")
      throw new InvalidStateError(
        `${showPath(segments)} is a ${node.mime_type} document; read its text with read_document`,
      );
    if (kind === "binary" || node.text === null)
      throw new InvalidStateError(
        `${showPath(segments)} is a binary ${node.mime_type} file (${humanSize(node.size)}); it has no text to show`,
      );
    return node.text;
  }

  @agentTool({
    description: "Create a folder. Fails if it already exists. Returns the folder's path.",
    params: MkdirParams,
    op: "write",
    returns: "str (path)",
  })
  mkdir(args: z.input<typeof MkdirParams>): string {
    const { path, create_parents } = parsed(MkdirParams, args);
    const segments = parsePath(path, "path");
    if (segments.length === 0 || this.node(segments))
      throw new InvalidStateError(`path: ${showPath(segments)} already exists`);
    if (!create_parents) this.folderOrThrow(segments.slice(0, -1), "path");
    this.ensureFolders(segments, "path");
    return showPath(segments);
  }

  @dataTool(SPEC_MAKEDIRS)
  @agentTool(SPEC_MAKEDIRS)
  makedirs(args: z.input<typeof MakedirsParams>): string {
    const { path, exist_ok } = parsed(MakedirsParams, args);
    const segments = parsePath(path, "path");
    const node = this.node(segments);
    if (node?.type === "file") throw new InvalidStateError(`path: ${showPath(segments)} is a file`);
    if (node && !exist_ok)
      throw new InvalidStateError(
        `path: ${showPath(segments)} already exists (pass exist_ok=true to allow it)`,
      );
    this.ensureFolders(segments, "path");
    return showPath(segments);
  }

  @agentTool({
    description:
      "Move or rename a file or folder. When path2 is an existing folder, the entry moves into it. Never replaces an existing file. Returns the new path.",
    params: MvParams,
    op: "write",
    returns: "str (path)",
  })
  mv(args: z.input<typeof MvParams>): string {
    const { path1, path2 } = parsed(MvParams, args);
    const from = parsePath(path1, "path1");
    let to = parsePath(path2, "path2");
    if (from.length === 0) throw new InvalidStateError("path1: the root folder cannot be moved");
    const node = this.node(from);
    if (!node) throw this.missing(from, "File or folder");
    if (this.node(to)?.type === "directory") to = [...to, from[from.length - 1] as string];
    const fromKey = pathKey(from);
    const toKey = pathKey(to);
    if (toKey === fromKey) throw new InvalidStateError(`path2: ${showPath(to)} is where it already is`);
    if (node.type === "directory" && toKey.startsWith(`${fromKey}/`))
      throw new InvalidStateError(`path2: a folder cannot move into itself (${showPath(to)})`);
    if (this.nodes.has(toKey))
      throw new InvalidStateError(
        `path2: ${showPath(to)} already exists; delete it first or choose another name`,
      );
    this.folderOrThrow(to.slice(0, -1), "path2");
    const moved = [fromKey, ...this.descendants(from)];
    const entries = moved.map((k) => [k, this.nodes.get(k) as Node] as const);
    for (const [k] of entries) this.nodes.delete(k);
    for (const [k, n] of entries) this.nodes.set(toKey + k.slice(fromKey.length), n);
    return showPath(to);
  }

  @agentTool({
    description:
      "List a folder's entries (paths from the root, sorted). With detail=true each entry has its type, size and media type.",
    params: LsParams,
    returns: "list[str] | list[dict]",
  })
  ls(args: z.input<typeof LsParams> = {}): string[] | EntryInfo[] {
    const { path, detail } = parsed(LsParams, args);
    const segments = parsePath(path, "path");
    const node = this.node(segments);
    if (!node) throw this.missing(segments, "Folder");
    const keys = node.type === "file" ? [pathKey(segments)] : this.children(segments);
    return detail
      ? keys.map((k) => this.describe(keySegments(k)))
      : keys.map((k) => showPath(keySegments(k)));
  }

  @agentTool({
    description:
      "Delete a file, or a folder with everything in it (recursive=true). Returns what was deleted.",
    params: RmParams,
    op: "write",
    returns: "str",
  })
  rm(args: z.input<typeof RmParams>): string {
    const { path, recursive } = parsed(RmParams, args);
    const segments = parsePath(path, "path");
    if (segments.length === 0) throw new InvalidStateError("path: the root folder cannot be deleted");
    const node = this.node(segments);
    if (!node) throw this.missing(segments, "File or folder");
    if (node.type === "file") {
      this.nodes.delete(pathKey(segments));
      return `Deleted file ${showPath(segments)}`;
    }
    const inside = this.descendants(segments);
    if (!recursive)
      throw new InvalidStateError(
        `path: ${showPath(segments)} is a folder (${inside.length} entries inside); pass recursive=true to delete it`,
      );
    for (const k of inside) this.nodes.delete(k);
    this.nodes.delete(pathKey(segments));
    return `Deleted folder ${showPath(segments)} and ${inside.length} entries inside it`;
  }

  @agentTool({
    description: "Whether a file or folder exists at the path.",
    params: PathParams,
    returns: "bool",
  })
  exists(args: z.input<typeof PathParams>): boolean {
    const { path } = parsed(PathParams, args);
    return this.node(parsePath(path, "path")) !== undefined;
  }

  @agentTool({
    description:
      "Show a file to the user on their screen; it is not added to your context. Returns whether the file exists.",
    params: FileParams,
    returns: "bool",
  })
  display(args: z.input<typeof FileParams>): boolean {
    const { path } = parsed(FileParams, args);
    return this.node(parsePath(path, "path"))?.type === "file";
  }

  @agentTool({
    description: "Details of a file or folder: type, size in bytes, media type, creation and change times.",
    params: PathParams,
    returns: "dict",
  })
  info(args: z.input<typeof PathParams>): EntryInfo {
    const { path } = parsed(PathParams, args);
    const segments = parsePath(path, "path");
    if (!this.node(segments)) throw this.missing(segments, "File or folder");
    return this.describe(segments);
  }

  @agentTool({
    description: "Draw the folders and files under a folder as a tree.",
    params: TreeParams,
    returns: "str",
  })
  tree(args: z.input<typeof TreeParams> = {}): string {
    const { path } = parsed(TreeParams, args);
    const segments = parsePath(path, "path");
    this.folderOrThrow(segments, "path");
    const lines = [showPath(segments)];
    const walk = (folder: PathSegments, indent: string) => {
      const keys = this.children(folder);
      keys.forEach((key, i) => {
        const last = i === keys.length - 1;
        const child = keySegments(key);
        const node = this.nodes.get(key) as Node;
        lines.push(
          `${indent}${last ? "└── " : "├── "}${child[child.length - 1]}${node.type === "directory" ? "/" : ""}`,
        );
        if (node.type === "directory") walk(child, `${indent}${last ? "    " : "│   "}`);
      });
    };
    walk(segments, "");
    return lines.join("\n");
  }

  @agentTool({
    description:
      "Read the text of a document: text and Markdown files, PDFs, Word documents, spreadsheets, presentations. Returns at most max_lines lines (say when it was cut).",
    params: ReadDocumentParams,
    returns: "str",
  })
  read_document(args: z.input<typeof ReadDocumentParams>): string {
    const { file_path, max_lines } = parsed(ReadDocumentParams, args);
    const segments = parsePath(file_path, "file_path");
    const node = this.fileOrThrow(segments, "file_path");
    const shown = showPath(segments);
    if (kindOf(node.mime_type) === "binary")
      throw new InvalidStateError(
        `${shown} is a ${node.mime_type} file (${humanSize(node.size)}), not a document; it has no text`,
      );
    if (node.text === null)
      throw new InvalidStateError(
        `${shown} is a scanned ${node.mime_type} without a text layer; no text to read`,
      );
    if (node.text.trim().length === 0) throw new InvalidStateError(`File is empty: ${shown}`);
    const lines = node.text.split("\n");
    if (max_lines === null || lines.length <= max_lines) return node.text;
    return `${lines.slice(0, max_lines).join("\n")}\n\n[Document truncated. Showing ${max_lines} of ${lines.length} lines]`;
  }

  // --- environment and data tools -----------------------------------------------------------------

  @envTool({
    description:
      "A file arrives on the phone (a finished download, a scan, a file shared by someone). An existing different file of that name is kept: the new one gets a number. Returns the saved path.",
    params: ReceiveParams,
    op: "write",
    returns: "str (path)",
  })
  receive_file(args: z.input<typeof ReceiveParams>): string {
    const { path, text, mime_type, size } = parsed(ReceiveParams, args);
    const segments = parsePath(path, "path");
    if (segments.length === 0) throw new InvalidStateError("path: / is the root folder, not a file");
    const blob = makeBlob({ name: segments[segments.length - 1] as string, text, mime_type, size }, "file");
    return this.saveBlob(showPath(segments.slice(0, -1)), blob, "path", true);
  }

  private seedFile(f: SeedFile, field: string): string {
    const segments = parsePath(f.path, `${field}.path`);
    if (segments.length === 0) throw new InvalidStateError(`${field}.path: / is the root folder, not a file`);
    const key = pathKey(segments);
    if (this.nodes.has(key))
      throw new InvalidStateError(`${field}.path: ${showPath(segments)} already exists`);
    const blob = makeBlob(
      { name: segments[segments.length - 1] as string, text: f.text, mime_type: f.mime_type, size: f.size },
      field,
    );
    const created =
      f.created_at === undefined ? undefined : parseDateTimeArg(f.created_at, `${field}.created_at`);
    const missing = this.missingFolders(segments.slice(0, -1), `${field}.path`);
    this.checkCapacity(missing.length + 1, key, blob.text, `${field}.path`);
    this.createFolders(missing);
    this.writeFile(segments, blob, created);
    return showPath(segments);
  }

  @dataTool({
    description:
      "Seed a file (missing folders are created). Text files and documents take their text; binary files a size. Returns its path.",
    params: SeedFile,
    op: "write",
    returns: "str (path)",
  })
  add_file(args: z.input<typeof SeedFile>): string {
    return this.seedFile(parsed(SeedFile, args), "file");
  }

  @dataTool({
    description: "Seed several files at once; all or none are added. Returns their paths in order.",
    params: SeedFilesParams,
    op: "write",
    returns: "list[str]",
  })
  add_files(args: z.input<typeof SeedFilesParams>): string[] {
    const { files } = parsed(SeedFilesParams, args);
    const before = this.getState();
    try {
      return files.map((f, i) => this.seedFile(f, `files.${i}`));
    } catch (error) {
      this.restoreState(before);
      throw error;
    }
  }
}
