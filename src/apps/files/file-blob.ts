import { z } from "zod";
import { ToolError } from "../../core/errors.js";
import { checkName, splitExtension } from "./paths.js";

/*
 * The content of a file, wherever it lives: in the Files app, attached to an email or a message, or
 * attached to a note. Text files and documents (PDF, Word, …) keep their text, which `read_document`
 * shows; other files (photos, archives) keep only their name, size and type.
 */

/** Largest text a single file may hold (UTF-8 bytes). */
export const MAX_TEXT_BYTES = 1024 * 1024;
/** Largest declared size of any file (a phone's video, say). */
export const MAX_FILE_BYTES = 16 * 1024 ** 3;

export const FileBlob = z.object({
  name: z.string().min(1),
  mime_type: z.string().min(1),
  /** Bytes. For text files, the UTF-8 length of `text`. */
  size: z.number().int().min(0),
  /** The text of a text file or document; null for binary files and documents without text. */
  text: z.string().nullable(),
});
export type FileBlob = z.infer<typeof FileBlob>;

/** What tools show of an attachment: never its content (save it to Files and read it there). */
export interface AttachmentInfo {
  name: string;
  mime_type: string;
  size: number;
}

export type FileKind = "text" | "document" | "binary";

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  ".txt": "text/plain",
  ".text": "text/plain",
  ".log": "text/plain",
  ".md": "text/markdown",
  ".markdown": "text/markdown",
  ".csv": "text/csv",
  ".tsv": "text/tab-separated-values",
  ".html": "text/html",
  ".htm": "text/html",
  ".ics": "text/calendar",
  ".vcf": "text/vcard",
  ".json": "application/json",
  ".xml": "application/xml",
  ".yaml": "application/yaml",
  ".yml": "application/yaml",
  ".eml": "message/rfc822",
  ".pdf": "application/pdf",
  ".doc": "application/msword",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xls": "application/vnd.ms-excel",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".ppt": "application/vnd.ms-powerpoint",
  ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  ".odt": "application/vnd.oasis.opendocument.text",
  ".ods": "application/vnd.oasis.opendocument.spreadsheet",
  ".rtf": "application/rtf",
  ".epub": "application/epub+zip",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".heic": "image/heic",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
  ".psd": "image/vnd.adobe.photoshop",
  ".mp3": "audio/mpeg",
  ".m4a": "audio/mp4",
  ".wav": "audio/wav",
  ".mp4": "video/mp4",
  ".mov": "video/quicktime",
  ".zip": "application/zip",
  ".gz": "application/gzip",
  ".sketch": "application/octet-stream",
};

const TEXT_TYPES = new Set([
  "application/json",
  "application/xml",
  "application/yaml",
  "message/rfc822",
  "image/svg+xml",
]);
const DOCUMENT_TYPES = new Set([
  "application/pdf",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/rtf",
  "application/epub+zip",
]);

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** The type a file's name suggests; unknown extensions are `application/octet-stream`. */
export function mimeTypeFor(name: string): string {
  const [, ext] = splitExtension(name);
  return MIME_BY_EXTENSION[ext.toLowerCase()] ?? "application/octet-stream";
}

/** Text files show as text; documents have text only a document reader extracts; the rest is binary. */
export function kindOf(mimeType: string): FileKind {
  if (mimeType.startsWith("text/") || TEXT_TYPES.has(mimeType)) return "text";
  if (DOCUMENT_TYPES.has(mimeType)) return "document";
  return "binary";
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** `1536` → `1.5 KB`: sizes as a phone shows them. */
export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

export function blobInfo(blob: FileBlob): AttachmentInfo {
  return { name: blob.name, mime_type: blob.mime_type, size: blob.size };
}

export function copyBlob(blob: FileBlob): FileBlob {
  return { ...blob };
}

/** `report.pdf (application/pdf, 240 KB)`: an attachment in a notification. */
export function describeBlob(blob: AttachmentInfo): string {
  return `${blob.name} (${blob.mime_type}, ${humanSize(blob.size)})`;
}

/**
 * A file as scenarios and noise data give it: a bare file name (an empty file: the name is all that is
 * known), or a name with its text, type and size.
 */
export const BlobSeed = z.union([
  z.string().min(1),
  z.object({
    name: z.string().min(1).describe("File name, e.g. 'lease-2025.pdf'"),
    text: z
      .string()
      .optional()
      .describe("Text of a text file or document (what read_document shows); omit for binary files"),
    mime_type: z.string().optional().describe("Type, e.g. 'application/pdf' (default: from the name)"),
    size: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Size in bytes (default: the text's length; text files always use it)"),
  }),
]);
export type BlobSeed = z.input<typeof BlobSeed>;

function invalid(field: string, message: string): never {
  throw new ToolError("invalid_arguments", `${field}: ${message}`, field);
}

/** Checks a text's size against the per-file limit; the error names the field. */
export function checkTextSize(text: string, field: string): number {
  const bytes = utf8Bytes(text);
  if (bytes > MAX_TEXT_BYTES)
    invalid(field, `${humanSize(bytes)} of text is over the ${humanSize(MAX_TEXT_BYTES)} limit of one file`);
  return bytes;
}

/**
 * A well-formed blob: valid name and type, text only where the type has text, sizes within limits, and
 * a text file's size equal to its text's length.
 */
export function makeBlob(
  spec: { name: string; text?: string | null; mime_type?: string; size?: number },
  field: string,
): FileBlob {
  const name = checkName(spec.name, `${field}.name`);
  const mime = (spec.mime_type ?? mimeTypeFor(name)).trim().toLowerCase();
  if (!MIME.test(mime))
    invalid(`${field}.mime_type`, `'${spec.mime_type}' is not a media type like text/plain`);
  const kind = kindOf(mime);
  let text = spec.text ?? null;
  if (kind === "text" && text === null) text = "";
  if (kind === "binary" && text !== null && text !== "")
    invalid(`${field}.text`, `${name} is a ${mime} file: binary files carry no text`);
  if (kind === "binary") text = null;
  const textBytes = text === null ? 0 : checkTextSize(text, `${field}.text`);
  let size = spec.size ?? textBytes;
  if (kind === "text") {
    if (spec.size !== undefined && spec.size !== textBytes)
      invalid(
        `${field}.size`,
        `a text file's size is its text's length (${textBytes} bytes), not ${spec.size}`,
      );
    size = textBytes;
  }
  if (!Number.isSafeInteger(size) || size < 0) invalid(`${field}.size`, "must be a whole number of bytes");
  if (size > MAX_FILE_BYTES) invalid(`${field}.size`, `a file has at most ${humanSize(MAX_FILE_BYTES)}`);
  return { name, mime_type: mime, size, text };
}

export function blobFromSeed(seed: z.output<typeof BlobSeed>, field: string): FileBlob {
  return typeof seed === "string" ? makeBlob({ name: seed }, field) : makeBlob(seed, field);
}
