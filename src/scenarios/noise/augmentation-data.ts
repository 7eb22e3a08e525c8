import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { type BlobSeed, kindOf, makeBlob, mimeTypeFor } from "../../apps/files/file-blob.js";
import { parsePath } from "../../apps/files/paths.js";
import { ToolError } from "../../core/errors.js";
import { projectRoot } from "../../util/project-root.js";

/*
 * Augmentation data: the pool of emails, conversations and products that environmental noise is drawn from
 * (spec pare.md §9.2, §16.1; are-substrate.md §7.3). The shapes follow the original file exactly: collections
 * are maps keyed by id (conversations, products, variants), folders are `{INBOX: {emails: [...]}}`, and fields
 * the original leaves null (`parent_id`, `is_read`) are accepted as null. Every object is loose so that a file
 * from upstream, with keys this port does not use, loads unchanged.
 */

// ---------------------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------------------

/** Bytes as ARE serialises them: standard base64. */
const Base64 = z.string().regex(/^[A-Za-z0-9+/\s]*={0,2}\s*$/, "expected base64-encoded file content");

export const AugmentationMessage = z.looseObject({
  sender_id: z.string(),
  message_id: z.string(),
  timestamp: z.number(),
  content: z.string(),
  // ARE's file messages carry the file as base64 and its name; plain messages have neither.
  attachment: Base64.nullable().optional(),
  attachment_name: z.string().nullable().optional(),
});
export type AugmentationMessage = z.infer<typeof AugmentationMessage>;

export const AugmentationConversation = z.looseObject({
  participant_ids: z.array(z.string()),
  messages: z.array(AugmentationMessage),
  title: z.string().nullable().optional(),
  conversation_id: z.string(),
  last_updated: z.number().nullable().optional(),
});
export type AugmentationConversation = z.infer<typeof AugmentationConversation>;

export const MessagingAppState = z.looseObject({
  conversations: z.record(z.string(), AugmentationConversation),
});
export type MessagingAppState = z.infer<typeof MessagingAppState>;

export const AugmentationEmail = z.looseObject({
  sender: z.string(),
  recipients: z.array(z.string()),
  subject: z.string(),
  content: z.string(),
  email_id: z.string(),
  parent_id: z.string().nullable().optional(),
  cc: z.array(z.string()).nullable().optional(),
  // ARE stores attachments as {file name: base64 content}; the original file only has empty maps.
  attachments: z.record(z.string(), Base64).nullable().optional(),
  timestamp: z.number().nullable().optional(),
  is_read: z.boolean().nullable().optional(),
});
export type AugmentationEmail = z.infer<typeof AugmentationEmail>;

export const AugmentationEmailFolder = z.looseObject({
  emails: z.array(AugmentationEmail),
});
export type AugmentationEmailFolder = z.infer<typeof AugmentationEmailFolder>;

export const EmailAppState = z.looseObject({
  folders: z.record(z.string(), AugmentationEmailFolder),
});
export type EmailAppState = z.infer<typeof EmailAppState>;

export const AugmentationProductVariant = z.looseObject({
  item_id: z.string(),
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  available: z.boolean(),
  price: z.number(),
});
export type AugmentationProductVariant = z.infer<typeof AugmentationProductVariant>;

export const AugmentationProduct = z.looseObject({
  name: z.string(),
  product_id: z.string(),
  variants: z.record(z.string(), AugmentationProductVariant),
});
export type AugmentationProduct = z.infer<typeof AugmentationProduct>;

export const ShoppingAppState = z.looseObject({
  products: z.record(z.string(), AugmentationProduct),
  // {item_id: {code: percent}}; absent from the original file.
  discount_codes: z.record(z.string(), z.record(z.string(), z.number())).optional(),
});
export type ShoppingAppState = z.infer<typeof ShoppingAppState>;

/**
 * A node of a file tree in ARE's `SandboxLocalFileSystem` state (`{name, type, children}`; the root is
 * named ""). ARE keeps no content in it; pare-ts reads a file's optional `content` (text), `mime_type` and
 * `size` when the data has them.
 */
export interface AugmentationFileNode {
  name: string;
  type: "file" | "directory";
  children?: AugmentationFileNode[] | undefined;
  content?: string | null | undefined;
  mime_type?: string | null | undefined;
  size?: number | null | undefined;
}
export const AugmentationFileNode: z.ZodType<AugmentationFileNode> = z.lazy(() =>
  z.looseObject({
    name: z.string(),
    type: z.enum(["file", "directory"]),
    children: z.array(AugmentationFileNode).optional(),
    content: z.string().nullable().optional(),
    mime_type: z.string().nullable().optional(),
    size: z.number().int().min(0).nullable().optional(),
  }),
);

export const FilesAppState = z.looseObject({ files: AugmentationFileNode });
export type FilesAppState = z.infer<typeof FilesAppState>;

/** The original's `RentAFlat` state is `{}`; apartments, when present, are kept as opaque records. */
export const ApartmentAppState = z.looseObject({
  apartments: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
export type ApartmentAppState = z.infer<typeof ApartmentAppState>;

// ---------------------------------------------------------------------------------------------------------
// App aliases
// ---------------------------------------------------------------------------------------------------------

/**
 * Data entry name → canonical app class (PARE's `APP_ALIAS`, inverted). Deliberate fix: PARE maps `RentAFlat`
 * to `StatefulApartmentListingApp`, a class that does not exist; here it resolves to `StatefulApartmentApp`.
 */
export const APP_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  Messages: "StatefulMessagingApp",
  Chats: "StatefulMessagingApp",
  Emails: "StatefulEmailApp",
  Mail: "StatefulEmailApp",
  EmailClientV2: "StatefulEmailApp",
  Shopping: "StatefulShoppingApp",
  RentAFlat: "StatefulApartmentApp",
  Calendar: "StatefulCalendarApp",
  Contacts: "StatefulContactsApp",
  Cabs: "StatefulCabApp",
  Files: "StatefulFilesApp",
  SandboxLocalFileSystem: "StatefulFilesApp",
});

const CANONICAL_APP_CLASSES: ReadonlySet<string> = new Set(Object.values(APP_ALIASES));

/**
 * Canonical app class for a data entry name: an alias, or the class name itself (as the original accepts);
 * undefined when the name is neither.
 */
export function resolveAppAlias(name: string): string | undefined {
  if (Object.hasOwn(APP_ALIASES, name)) return APP_ALIASES[name];
  return CANONICAL_APP_CLASSES.has(name) ? name : undefined;
}

const APP_STATE_SCHEMAS: Readonly<Record<string, z.ZodType<Record<string, unknown>>>> = {
  StatefulMessagingApp: MessagingAppState,
  StatefulEmailApp: EmailAppState,
  StatefulShoppingApp: ShoppingAppState,
  StatefulApartmentApp: ApartmentAppState,
  StatefulFilesApp: FilesAppState,
};

function appStateSchemaFor(name: string): z.ZodType<Record<string, unknown>> | undefined {
  const appClass = resolveAppAlias(name);
  return appClass === undefined ? undefined : APP_STATE_SCHEMAS[appClass];
}

// ---------------------------------------------------------------------------------------------------------
// File schema
// ---------------------------------------------------------------------------------------------------------

/** One data entry; `app_state` is checked against the schema of the entry's canonical class, if it has one. */
export const AugmentationApp = z
  .looseObject({
    name: z.string(),
    app_state: z.record(z.string(), z.unknown()),
  })
  .superRefine((app, ctx) => {
    const schema = appStateSchemaFor(app.name);
    if (schema === undefined) return;
    const result = schema.safeParse(app.app_state);
    if (result.success) return;
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: "custom", message: issue.message, path: ["app_state", ...issue.path] });
    }
  });
export type AugmentationApp = z.infer<typeof AugmentationApp>;

export const AugmentationData = z.looseObject({
  apps: z.array(AugmentationApp),
  // Keyed by tool name; values are the public name / description shown to the agent.
  tool_names_mapping: z.record(z.string(), z.string()).optional(),
  tool_descriptions_mapping: z.record(z.string(), z.string()).optional(),
});
export type AugmentationData = z.infer<typeof AugmentationData>;

// ---------------------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------------------

export class AugmentationDataError extends Error {
  override readonly name = "AugmentationDataError";
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["apps", 2, "app_state", "folders", "INBOX"]` → `apps[2].app_state.folders.INBOX`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && IDENTIFIER.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === "" ? "(root)" : out;
}

const MAX_REPORTED_ISSUES = 5;

function describeIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): string {
  const described = issues
    .slice(0, MAX_REPORTED_ISSUES)
    .map((issue) => `${formatIssuePath([...prefix, ...issue.path])}: ${issue.message}`);
  if (issues.length > MAX_REPORTED_ISSUES) described.push(`(${issues.length - MAX_REPORTED_ISSUES} more)`);
  return described.join("; ");
}

/** Validates an already-parsed value; `source` names the file (or other origin) in error messages. */
export function parseAugmentationData(value: unknown, source = "<augmentation data>"): AugmentationData {
  const result = AugmentationData.safeParse(value);
  if (result.success) return result.data;
  throw new AugmentationDataError(
    source,
    `Invalid augmentation data in ${source}: ${describeIssues(result.error.issues)}`,
  );
}

export function loadAugmentationData(path: string): AugmentationData {
  if (!existsSync(path)) {
    throw new AugmentationDataError(path, `Augmentation data file not found: ${path}`);
  }
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new AugmentationDataError(
      path,
      `Cannot read augmentation data file ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AugmentationDataError(
      path,
      `Augmentation data file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseAugmentationData(value, path);
}

/** The nearest ancestor of this module holding a package.json: works from `src/` and from a bundled copy. */
export { projectRoot };

export const DEFAULT_AUGMENTATION_DATA_RELATIVE_PATH = join(
  "data",
  "augmentation",
  "pare_augmentation_data.json",
);

/** `ENV_AUGMENTATION_DATA_PATH` (relative paths are taken from the project root), else the bundled file. */
export function defaultAugmentationDataPath(env: NodeJS.ProcessEnv = process.env): string {
  const root = projectRoot();
  const configured = env["ENV_AUGMENTATION_DATA_PATH"];
  if (configured !== undefined && configured !== "") {
    return isAbsolute(configured) ? configured : resolve(root, configured);
  }
  return join(root, DEFAULT_AUGMENTATION_DATA_RELATIVE_PATH);
}

// ---------------------------------------------------------------------------------------------------------
// Accessors for the noise expander (entries in file order; collections in their map order)
// ---------------------------------------------------------------------------------------------------------

export interface MessagingEntry {
  name: string;
  appClass: string;
  conversations: AugmentationConversation[];
}

export interface EmailEntry {
  name: string;
  appClass: string;
  /** The INBOX folder's emails: the only folder the expander reads. */
  emails: AugmentationEmail[];
}

export interface ShoppingEntry {
  name: string;
  appClass: string;
  products: AugmentationProduct[];
  discountCodes: Record<string, Record<string, number>>;
}

function entriesOf<S extends z.ZodType<Record<string, unknown>>>(
  data: AugmentationData,
  appClass: string,
  schema: S,
): Array<{ name: string; state: z.infer<S> }> {
  const out: Array<{ name: string; state: z.infer<S> }> = [];
  data.apps.forEach((app, index) => {
    if (resolveAppAlias(app.name) !== appClass) return;
    // Parsed rather than cast so that hand-built AugmentationData values are checked too.
    const result = schema.safeParse(app.app_state);
    if (!result.success) {
      const where = `apps[${index}] (${app.name})`;
      const problems = describeIssues(result.error.issues, ["apps", index, "app_state"]);
      throw new AugmentationDataError(where, `Invalid augmentation data in ${where}: ${problems}`);
    }
    out.push({ name: app.name, state: result.data });
  });
  return out;
}

export function messagingEntries(data: AugmentationData): MessagingEntry[] {
  return entriesOf(data, "StatefulMessagingApp", MessagingAppState).map(({ name, state }) => ({
    name,
    appClass: "StatefulMessagingApp",
    conversations: Object.values(state.conversations),
  }));
}

export function emailEntries(data: AugmentationData): EmailEntry[] {
  return entriesOf(data, "StatefulEmailApp", EmailAppState).map(({ name, state }) => ({
    name,
    appClass: "StatefulEmailApp",
    emails: state.folders["INBOX"]?.emails ?? [],
  }));
}

export function shoppingEntries(data: AugmentationData): ShoppingEntry[] {
  return entriesOf(data, "StatefulShoppingApp", ShoppingAppState).map(({ name, state }) => ({
    name,
    appClass: "StatefulShoppingApp",
    products: Object.values(state.products),
    discountCodes: state.discount_codes ?? {},
  }));
}

/** One file of a Files entry: its path from the root and what the data says about it. */
export interface AugmentationFile {
  path: string;
  text?: string;
  mime_type?: string;
  size?: number;
}

export interface FilesEntry {
  name: string;
  appClass: string;
  /** Files of the tree, depth first in the data's order. */
  files: AugmentationFile[];
}

function treeFiles(node: AugmentationFileNode, prefix: string[], out: AugmentationFile[]): void {
  const path = node.name === "" ? prefix : [...prefix, node.name];
  if (node.type === "directory") {
    for (const child of node.children ?? []) treeFiles(child, path, out);
    return;
  }
  out.push({
    path: path.join("/"),
    ...(typeof node.content === "string" ? { text: node.content } : {}),
    ...(typeof node.mime_type === "string" ? { mime_type: node.mime_type } : {}),
    ...(typeof node.size === "number" ? { size: node.size } : {}),
  });
}

/** Every file of every Files entry, checked: a valid path, text only where the type has text. */
export function filesEntries(data: AugmentationData): FilesEntry[] {
  return entriesOf(data, "StatefulFilesApp", FilesAppState).map(({ name, state }) => {
    const files: AugmentationFile[] = [];
    treeFiles(state.files, [], files);
    for (const f of files) {
      try {
        const segments = parsePath(f.path, "path");
        makeBlob({ name: segments[segments.length - 1] ?? "", ...f }, "file");
      } catch (error) {
        const why = error instanceof ToolError ? error.message : String(error);
        throw new AugmentationDataError(name, `Invalid augmentation data in ${name}: file ${f.path}: ${why}`);
      }
    }
    return { name, appClass: "StatefulFilesApp", files };
  });
}

/**
 * An attachment of the data (base64 bytes, as ARE stores them) as a file to deliver: text files keep
 * their text when it is valid UTF-8; every other file keeps its name, type and size.
 */
export function attachmentFromBase64(name: string, base64: string): BlobSeed {
  const bytes = Buffer.from(base64.replace(/\s+/g, ""), "base64");
  const mime = mimeTypeFor(name);
  if (kindOf(mime) === "text") {
    try {
      return { name, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
    } catch {
      return { name, mime_type: "application/octet-stream", size: bytes.length };
    }
  }
  return { name, mime_type: mime, size: bytes.length };
}
