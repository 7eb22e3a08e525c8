// What a build of src/ was made from: the number of source files and the newest modification time.
// Shared by scripts/build.mjs (writes dist/build-stamp.json) and bin/pare.mjs (compares it with src/).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Source files under `dir` (recursively) and their newest mtime; a deleted or added file changes `files`. */
export function sourceStamp(dir) {
  let files = 0;
  let newestMs = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    const mtime = statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs;
    if (mtime > newestMs) newestMs = mtime;
  }
  return { files, newestMs };
}

/** True when dist/ holds a finished build of exactly the current src/ (same file count, nothing newer). */
export function buildIsCurrent(srcDir, stampFile) {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(stampFile, "utf8"));
  } catch {
    return false;
  }
  const now = sourceStamp(srcDir);
  return recorded.files === now.files && recorded.newestMs === now.newestMs;
}
