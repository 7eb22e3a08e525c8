import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { buildIsCurrent } from "../bin/build-stamp.mjs";
import { median, round } from "./lib/measure.js";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "pare.mjs");

/** Builds dist/ when it is missing or older than src/ (the launcher would otherwise run tsx). */
export function ensureBuild(): void {
  if (buildIsCurrent(join(ROOT, "src"), join(ROOT, "dist", "build-stamp.json"))) return;
  const build = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}

function wallMs(args: string[], env: Record<string, string> = {}): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${args.join(" ")} failed (${run.status}): ${run.stderr}`);
  return ms;
}

export interface StartupResult {
  repeats: number;
  nodeMs: number;
  helpMs: number;
  listMs: number;
  helpTsxMs: number;
  helpOverNode: number;
  listOverNode: number;
}

/**
 * `node -e 0`, `pare --help` and `pare scenarios list` (compiled, as `npm ci` leaves it), interleaved so load
 * changes hit all alike; medians. The sources-through-tsx help is measured once for comparison.
 */
export function benchStartup(repeats: number): StartupResult {
  ensureBuild();
  const node: number[] = [];
  const help: number[] = [];
  const list: number[] = [];
  wallMs([BIN, "--help"]); // file-system caches
  for (let i = 0; i < repeats; i++) {
    node.push(wallMs(["-e", "0"]));
    help.push(wallMs([BIN, "--help"], { PARE_RUNTIME: "dist" }));
    list.push(wallMs([BIN, "scenarios", "list"], { PARE_RUNTIME: "dist" }));
  }
  const helpTsxMs = wallMs([BIN, "--help"], { PARE_RUNTIME: "tsx" });
  const nodeMs = median(node);
  return {
    repeats,
    nodeMs: round(nodeMs, 1),
    helpMs: round(median(help), 1),
    listMs: round(median(list), 1),
    helpTsxMs: round(helpTsxMs, 1),
    helpOverNode: round(median(help) / nodeMs, 2),
    listOverNode: round(median(list) / nodeMs, 2),
  };
}
