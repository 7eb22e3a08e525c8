import { z } from "zod";
import { ToolError } from "../../core/errors.js";
import { Timestamp } from "../stateful-app.js";
import { makeBlob } from "./file-blob.js";
import { parsePath, pathKey } from "./paths.js";

export { DateTimeArg, parseDateTimeArg } from "../datetime-args.js";

/** The folders a new phone has (the original's default home layout, without its desktop-only folders). */
export const DEFAULT_FOLDERS = ["Desktop", "Documents", "Downloads", "Music", "Pictures", "Videos"] as const;

/** Most entries (files and folders) the file system holds; a limit against runaway writes. */
export const MAX_ENTRIES = 10_000;
/** Most text the whole file system holds (UTF-8 bytes). */
export const MAX_TOTAL_TEXT_BYTES = 32 * 1024 * 1024;

export const FolderRecord = z.object({
  /** From the root, without a leading `/`: `Documents/Taxes`. */
  path: z.string().min(1),
  created_at: Timestamp,
});
export type FolderRecord = z.infer<typeof FolderRecord>;

export const FileRecord = z.object({
  path: z.string().min(1),
  mime_type: z.string().min(1),
  size: z.number().int().min(0),
  text: z.string().nullable(),
  created_at: Timestamp,
  modified_at: Timestamp,
});
export type FileRecord = z.infer<typeof FileRecord>;

/**
 * The file system: folders and files by path, in path order. Kept as lists (not maps keyed by path), so
 * no file name can collide with an object's own keys.
 */
export const FilesState = z
  .object({
    folders: z.array(FolderRecord),
    files: z.array(FileRecord),
  })
  .superRefine((state, ctx) => {
    const seen = new Set<string>();
    const check = (path: string, at: (string | number)[], file?: FileRecord) => {
      try {
        const segments = parsePath(path, "path");
        if (pathKey(segments) !== path) throw new ToolError("invalid_arguments", `not canonical: '${path}'`);
        if (seen.has(path)) throw new ToolError("invalid_arguments", `${path} appears twice`);
        seen.add(path);
        if (file)
          makeBlob(
            {
              name: segments[segments.length - 1] ?? "",
              text: file.text,
              mime_type: file.mime_type,
              size: file.size,
            },
            "file",
          );
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          path: at,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    };
    state.folders.forEach((f, i) => {
      check(f.path, ["folders", i, "path"]);
    });
    state.files.forEach((f, i) => {
      check(f.path, ["files", i], f);
    });
    if (seen.size > MAX_ENTRIES)
      ctx.addIssue({ code: "custom", path: ["files"], message: `more than ${MAX_ENTRIES} entries` });
  });
export type FilesState = z.infer<typeof FilesState>;

/** One entry as `ls(detail=true)` and `info` show it. */
export interface EntryInfo {
  /** From the root, with a leading `/`. */
  name: string;
  type: "file" | "directory";
  size: number;
  /** Files only. */
  mime_type?: string;
  /** Directories only: how many entries it holds directly. */
  entries?: number;
  created: string;
  modified?: string;
}
