import { ToolError } from "../../core/errors.js";

/*
 * Virtual paths of the phone's file system. A path names an entry from the phone's root: `Documents/lease.pdf`
 * and `/Documents/lease.pdf` are the same file (a leading `/` is the phone's root, as in the original's sandbox).
 * Nothing can leave the root: `..` segments, home shortcuts (`~`), drive letters, URLs and backslashes are
 * refused with a tool error naming the argument, before anything is looked up.
 */

export const MAX_PATH_CHARS = 1024;
export const MAX_NAME_CHARS = 255;
export const MAX_DEPTH = 32;

/** Segments of a path; the empty list is the root. */
export type PathSegments = readonly string[];

// C0 and C1 control characters, and the bidirectional controls that make a name display as another
// ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf").
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const DRIVE = /^[A-Za-z]:/;
const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

function refuse(field: string, message: string): never {
  throw new ToolError("invalid_arguments", `${field}: ${message}`, field);
}

/** A single file or folder name (no `/`), as a tool argument; returns it unchanged when valid. */
export function checkName(name: string, field: string): string {
  if (name.length === 0 || name.trim().length === 0) refuse(field, "a name cannot be empty");
  if (name === "." || name === "..") refuse(field, `'${name}' is not a file name`);
  if (name.includes("/")) refuse(field, `a name cannot contain '/': '${name}'`);
  if (name.includes("\\")) refuse(field, "a name cannot contain a backslash");
  if (CONTROL.test(name)) refuse(field, "a name cannot contain control characters");
  if (BIDI.test(name)) refuse(field, "a name cannot contain text-direction control characters");
  if (name.length > MAX_NAME_CHARS) refuse(field, `a name has at most ${MAX_NAME_CHARS} characters`);
  return name;
}

/**
 * Parses a virtual path into its segments. The root is `""`, `"."` or `"/"`; repeated and trailing
 * slashes and `.` segments are ignored; everything that would name something outside the phone's file
 * system is refused.
 */
export function parsePath(raw: string, field: string): string[] {
  const text = raw.trim();
  if (text.length > MAX_PATH_CHARS) refuse(field, `a path has at most ${MAX_PATH_CHARS} characters`);
  if (CONTROL.test(text)) refuse(field, "a path cannot contain control characters");
  if (text.includes("\\")) refuse(field, "use '/' to separate folders; backslashes are not allowed");
  if (URL_SCHEME.test(text)) refuse(field, "URLs are not paths of the phone's file system");
  if (DRIVE.test(text)) refuse(field, "drive letters are not paths of the phone's file system");
  if (text.startsWith("~"))
    refuse(field, "home shortcuts (~) are not supported; paths start at the phone's root, e.g. Documents/");
  const segments = text.split("/").filter((s) => s.length > 0 && s !== ".");
  if (segments.includes(".."))
    refuse(field, "'..' is not allowed: a path names a file from the phone's root, e.g. Documents/notes.txt");
  if (segments.length > MAX_DEPTH) refuse(field, `a path has at most ${MAX_DEPTH} levels`);
  for (const s of segments) checkName(s, field);
  return segments;
}

/** The key of an entry in the store: segments joined by `/`, the root being `""`. */
export function pathKey(segments: PathSegments): string {
  return segments.join("/");
}

/** The path as tools show it: from the root, with a leading `/`. */
export function showPath(segments: PathSegments): string {
  return `/${segments.join("/")}`;
}

export function keySegments(key: string): string[] {
  return key === "" ? [] : key.split("/");
}

/** The canonical form of a path a caller wrote (`Downloads//a.pdf` → `/Downloads/a.pdf`). */
export function canonicalPath(raw: string): string {
  return showPath(parsePath(raw, "path"));
}

/** Whether two written paths name the same entry; an invalid path matches nothing. */
export function samePath(a: string, b: string): boolean {
  try {
    return canonicalPath(a) === canonicalPath(b);
  } catch {
    return false;
  }
}

/** `report.pdf` → [`report`, `.pdf`]; names starting or ending with a dot have no extension. */
export function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf(".");
  return dot <= 0 || dot === name.length - 1 ? [name, ""] : [name.slice(0, dot), name.slice(dot)];
}
