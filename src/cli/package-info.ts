import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../registry/splits.js";

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version?: string };
  return pkg.version ?? "0.0.0";
}

export { gitDirty, gitRevision } from "../util/git-info.js";
