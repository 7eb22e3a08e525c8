import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { threadId } from "node:worker_threads";
import { redactForWriting } from "./secrets.js";

let counter = 0;

/**
 * Writes a file so that readers see either the old content or the whole new content, never a torn file. The
 * temporary file is named for the process and the thread (worker threads of one process write traces at once,
 * each with its own counter).
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  counter += 1;
  const tmp = join(dirname(path), `.${Date.now().toString(36)}-${process.pid}-${threadId}-${counter}.tmp`);
  writeFileSync(tmp, redactForWriting(content));
  renameSync(tmp, path);
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
