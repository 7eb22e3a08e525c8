import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../util/project-root.js";
import { type ScenarioRegistry, scenarioRegistry } from "./scenario-registry.js";

export const PROJECT_ROOT = projectRoot();

export function splitsDirectory(): string {
  return process.env.PARE_BENCHMARK_SPLITS_DIR ?? join(PROJECT_ROOT, "data", "splits");
}

/** One id per line; blank lines and `#` comments skipped. */
export function loadScenarioIdsFromFile(path: string): string[] {
  if (!existsSync(path)) throw new Error(`Scenario ids file not found: ${path}`);
  return readFileSync(path, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

export function splitPath(name: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`invalid split name '${name}'`);
  return join(splitsDirectory(), `${name}.txt`);
}

/** What a split's ids are checked against: a registry, or the ids registered in worker threads. */
export type KnownScenarios = Pick<ScenarioRegistry, "has" | "closeMatches">;

/** Ids of a split as its file lists them (unchecked): an invalid name or a missing file is an error. */
export function readSplit(name: string): string[] {
  const path = splitPath(name);
  if (!existsSync(path))
    throw new Error(
      `Split file not found: ${path}. Create it with one scenario id per line, or set PARE_BENCHMARK_SPLITS_DIR.`,
    );
  return loadScenarioIdsFromFile(path);
}

/** Every id of a split must be known: the first unknown one is an error naming the split. */
export function checkSplitIds(name: string, ids: readonly string[], known: KnownScenarios): void {
  for (const id of ids) {
    if (!known.has(id)) {
      const suggestions = known.closeMatches(id);
      const hint = suggestions.length ? ` Did you mean: ${suggestions.join(", ")}?` : "";
      throw new Error(`Split '${name}' (${splitPath(name)}) lists unknown scenario '${id}'.${hint}`);
    }
  }
}

/** Ids of a split; every id must be registered (an unknown id is an error naming the split). */
export function loadSplit(name: string, registry: KnownScenarios = scenarioRegistry()): string[] {
  const ids = readSplit(name);
  checkSplitIds(name, ids, registry);
  return ids;
}
