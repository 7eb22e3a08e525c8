import { execFileSync } from "node:child_process";
import { projectRoot } from "./project-root.js";

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: projectRoot(), stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

/** The git revision of the checkout, or null outside a repository. */
export function gitRevision(): string | null {
  return git(["rev-parse", "HEAD"]);
}

/** Whether tracked files have uncommitted changes; null outside a repository. */
export function gitDirty(): boolean | null {
  const status = git(["status", "--porcelain", "--untracked-files=no"]);
  return status === null ? null : status.length > 0;
}
