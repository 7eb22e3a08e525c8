import { existsSync, readdirSync, statSync } from "node:fs";
import { register } from "node:module";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { scenarioRegistry } from "./scenario-registry.js";

/** The bundled scenarios root: relative scenario directories are resolved against it. */
export const SCENARIOS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../scenarios");

export const DEFAULT_SCENARIOS_DIR = "benchmark";

export interface DiscoveryReport {
  directories: string[];
  modules: string[];
  failures: { path: string; error: string }[];
  warnings: string[];
  registered: string[];
}

/** Directories from a comma-separated list (option, else PARE_SCENARIOS_DIR, else the bundled benchmark). */
export function scenarioDirectories(spec?: string | null): string[] {
  const raw = spec ?? process.env.PARE_SCENARIOS_DIR ?? DEFAULT_SCENARIOS_DIR;
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((d) => (isAbsolute(d) ? d : resolve(SCENARIOS_ROOT, d)));
}

const MODULE = /\.(ts|js|mjs|mts)$/;
const SKIP = /(\.d\.ts|\.test\.[jt]s|\.spec\.[jt]s)$/;

/** The module files of a directory (sorted, recursively) with their sizes in bytes. */
function moduleFiles(dir: string): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const full = join(dir, entry);
    if (
      !MODULE.test(entry) ||
      SKIP.test(entry) ||
      entry.split(/[\\/]/).some((p) => p.startsWith("_") || p === "node_modules")
    )
      continue;
    const stat = statSync(full);
    if (stat.isFile()) out.push({ path: full, size: stat.size });
  }
  return out;
}

/**
 * The part (0 to count - 1) of each file when files, in order, are cut into `count` contiguous runs of about
 * equal total size (a file belongs to the part its middle byte falls in). Contiguous, so that the parts'
 * registrations, put one after the other, are in the order of one thread importing every file.
 */
export function contiguousParts(sizes: readonly number[], count: number): number[] {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  let before = 0;
  return sizes.map((size) => {
    const middle = before + size / 2;
    before += size;
    return total === 0 ? 0 : Math.min(count - 1, Math.floor((middle / total) * count));
  });
}

let tsxRegistered = false;
/** Directories (outside the project) the external-module hooks already cover. */
const hookedRoots = new Set<string>();

/** The project root (two levels above this module: src/registry → the package). */
const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Scenario directories outside the project load as their authors write them: as ES modules (without a
 * package.json saying so) that import `pare-ts`. Node module hooks make it so (src/registry/external-module-hooks.mjs).
 */
function ensureExternalHooks(dirs: string[]): void {
  const outside = dirs.filter((d) => !d.startsWith(`${PROJECT_ROOT}/`) && !hookedRoots.has(d));
  if (outside.length === 0) return;
  for (const d of outside) hookedRoots.add(d);
  const here = import.meta.url;
  const hooks = new URL(`./external-module-hooks.mjs`, here).href;
  const index = pathToFileURL(join(PROJECT_ROOT, "src", `index${here.endsWith(".ts") ? ".ts" : ".js"}`)).href;
  // One registration per batch of directories: registering is synchronous, so the hooks cover the imports that follow.
  register(hooks, { data: { roots: outside, indexUrl: index } });
}

/** Plain Node cannot import .ts files; register tsx once when running from compiled JavaScript. */
async function ensureTypeScriptLoader(files: string[]): Promise<void> {
  if (tsxRegistered || !files.some((f) => f.endsWith(".ts") || f.endsWith(".mts"))) return;
  if (import.meta.url.endsWith(".ts")) {
    tsxRegistered = true;
    return;
  }
  const api = (await import("tsx/esm/api")) as { register: () => unknown };
  api.register();
  tsxRegistered = true;
}

/**
 * Imports every scenario module of the configured directories; their decorators register them.
 * A module that fails to import is reported with its path and error while the others load; a
 * missing directory is a warning.
 */
export interface DiscoveryOptions {
  /** Module paths not to import (a module that looped at import in an earlier, terminated attempt). */
  skip?: ReadonlySet<string>;
  /** Told before each module is imported. */
  onImport?: (path: string) => void;
  /**
   * Import only this part of the module files (see contiguousParts): threads importing the parts of one
   * listing each register a contiguous run of it. Every part reports the same directory warnings.
   */
  part?: { index: number; count: number };
}

export async function discoverScenarios(
  spec?: string | null,
  options: DiscoveryOptions = {},
): Promise<DiscoveryReport> {
  const report: DiscoveryReport = {
    directories: scenarioDirectories(spec),
    modules: [],
    failures: [],
    warnings: [],
    registered: [],
  };
  const before = new Set(scenarioRegistry().ids());
  const found: { dir: string; files: { path: string; size: number }[] }[] = [];
  for (const dir of report.directories) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      report.warnings.push(`scenario directory not found: ${dir}`);
      continue;
    }
    found.push({ dir, files: moduleFiles(dir) });
  }
  const { part } = options;
  const partOf = part
    ? contiguousParts(
        found.flatMap((d) => d.files.map((f) => f.size)),
        part.count,
      )
    : null;
  let position = 0;
  for (const { dir, files: all } of found) {
    const first = position;
    position += all.length;
    const files = all
      .filter((_, i) => partOf === null || partOf[first + i] === part?.index)
      .map((f) => f.path);
    await ensureTypeScriptLoader(files);
    ensureExternalHooks([dir]);
    for (const file of files) {
      if (options.skip?.has(file)) continue;
      options.onImport?.(file);
      try {
        await import(pathToFileURL(file).href);
        report.modules.push(file);
      } catch (error) {
        report.failures.push({ path: file, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  report.registered = scenarioRegistry()
    .ids()
    .filter((id) => !before.has(id));
  return report;
}
