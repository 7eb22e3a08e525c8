import { ToolError } from "../../core/errors.js";
import { Protocol, type ProtocolProviders } from "../../core/protocols.js";
import { StatefulFilesApp } from "./app.js";
import { type FileBlob, makeBlob } from "./file-blob.js";
import { parsePath } from "./paths.js";

/*
 * How Email, Messaging and Notes reach the phone's file system: attachments are read from Files when
 * the user or the assistant attaches a path, and saved into Files when they are downloaded.
 */

/** The file system among the services the other apps provide, if the phone has one. */
export function fileSystemOf(providers: ProtocolProviders): StatefulFilesApp | undefined {
  const app = providers.get(Protocol.FILE_SYSTEM);
  return app instanceof StatefulFilesApp ? app : undefined;
}

/** The Files app, or a tool error saying the phone has none (nothing can be attached or saved). */
export function requireFiles(files: StatefulFilesApp | undefined, field: string): StatefulFilesApp {
  if (!files)
    throw new ToolError(
      "not_available",
      `${field}: this phone has no Files app, so no file can be attached or saved`,
      field,
    );
  return files;
}

/** The files at these paths, with their content, to attach (every path must name a file in Files). */
export function attachFromFiles(
  files: StatefulFilesApp | undefined,
  paths: readonly string[],
  field: string,
): FileBlob[] {
  if (paths.length === 0) return [];
  const fs = requireFiles(files, field);
  return paths.map((p, i) => fs.readBlob(p, paths.length === 1 ? field : `${field}.${i}`));
}

/**
 * An attachment the world sends (a scheduled email or message): read from Files when the phone has it,
 * else known by its file name only (an empty file), as when no file system is modelled.
 */
export function worldAttachment(files: StatefulFilesApp | undefined, path: string, field: string): FileBlob {
  if (files) return files.readBlob(path, field);
  const segments = parsePath(path, field);
  const name = segments[segments.length - 1];
  if (name === undefined) throw new ToolError("invalid_arguments", `${field}: not a file path`, field);
  return makeBlob({ name }, field);
}

/** Saves attachments into a folder of Files (it must exist); returns the saved paths in order. */
export function saveAttachments(
  files: StatefulFilesApp | undefined,
  folder: string,
  blobs: readonly FileBlob[],
  field: string,
): string[] {
  return requireFiles(files, field).saveAll(folder, blobs, field);
}
