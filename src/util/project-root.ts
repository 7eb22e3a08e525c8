import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The directory holding package.json (and data/), found by walking up from this module: the same
 * answer when running the TypeScript sources under tsx and when running compiled JavaScript from dist/.
 */
export function projectRoot(from: string = import.meta.url): string {
  const start = dirname(fileURLToPath(from));
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "data"))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`cannot find the pare-ts project root (package.json and data/) above ${start}`);
    dir = parent;
  }
}
