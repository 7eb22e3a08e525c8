import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
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

/** CPU ms of this process's waited-for children (Linux: /proc/self/stat, 10 ms ticks); null elsewhere. */
function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
    // After the command and state: cutime and cstime are the 14th and 15th fields (clock ticks of 10 ms).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

/** Wall ms of one spawn, and its CPU ms (user + system) where the platform tells. */
function spawnMs(args: string[], env: Record<string, string> = {}): { wall: number; cpu: number | null } {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  const wall = performance.now() - start;
  if (run.status !== 0) throw new Error(`${args.join(" ")} failed (${run.status}): ${run.stderr}`);
  const cpuAfter = childrenCpuMs();
  return { wall, cpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

const wallMs = (args: string[], env: Record<string, string> = {}): number => spawnMs(args, env).wall;

export interface StartupResult {
  repeats: number;
  nodeMs: number;
  helpMs: number;
  listMs: number;
  helpTsxMs: number;
  helpOverNode: number;
  listOverNode: number;
  /** Median CPU ms (user + system) of `pare scenarios list` and of `node -e 0`; null where not known. */
  listCpuMs: number | null;
  nodeCpuMs: number | null;
}

/**
 * `node -e 0`, `pare --help` and `pare scenarios list` (compiled, as `npm ci` leaves it), interleaved so load
 * changes hit all alike; medians. The sources-through-tsx help is measured once for comparison. The list's CPU
 * (all its threads) is recorded beside its wall: on a loaded machine the wall says more about the load.
 */
export function benchStartup(repeats: number): StartupResult {
  ensureBuild();
  const node: number[] = [];
  const help: number[] = [];
  const list: number[] = [];
  const nodeCpu: (number | null)[] = [];
  const listCpu: (number | null)[] = [];
  wallMs([BIN, "--help"]); // file-system caches
  for (let i = 0; i < repeats; i++) {
    const bare = spawnMs(["-e", "0"]);
    node.push(bare.wall);
    nodeCpu.push(bare.cpu);
    help.push(wallMs([BIN, "--help"], { PARE_RUNTIME: "dist" }));
    const listed = spawnMs([BIN, "scenarios", "list"], { PARE_RUNTIME: "dist" });
    list.push(listed.wall);
    listCpu.push(listed.cpu);
  }
  const cpuMedian = (values: (number | null)[]) =>
    values.every((v) => v !== null) ? round(median(values as number[]), 0) : null;
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
    listCpuMs: cpuMedian(listCpu),
    nodeCpuMs: cpuMedian(nodeCpu),
  };
}
