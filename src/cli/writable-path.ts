import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CliError } from "./cli-error.js";

/** The nearest existing ancestor of `path` (itself when it exists). */
function nearestExisting(path: string): string {
  let current = resolve(path);
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/**
 * Makes sure `dir` is a directory this process can write (creating it when missing), so that a run never
 * gets as far as its first result before failing on its output location. Problems are one line naming the
 * option and the path: a file where the directory (or one of its parents) should be, or no permission.
 */
export function ensureWritableDirectory(dir: string, what: string): string {
  const path = resolve(dir);
  const existing = nearestExisting(path);
  if (!statSync(existing).isDirectory()) {
    throw new CliError(
      existing === path
        ? `${what} ${path} is a file, not a directory`
        : `${what} ${path} cannot be created: ${existing} is a file`,
    );
  }
  try {
    mkdirSync(path, { recursive: true });
    const probe = join(path, `.pare-write-check-${process.pid}`);
    writeFileSync(probe, "");
    rmSync(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new CliError(`${what} ${path} is not writable (${code || (error as Error).message})`);
  }
  return path;
}

/**
 * Makes sure a file can be written at `file`: its directory exists or can be created (none of its parents is
 * a file) and `file` itself is not a directory.
 */
export function ensureWritableFile(file: string, what: string): string {
  const path = resolve(file);
  if (existsSync(path) && statSync(path).isDirectory())
    throw new CliError(`${what} ${path} is a directory, not a file`);
  ensureWritableDirectory(dirname(path), `${what} ${path}: directory`);
  return path;
}
