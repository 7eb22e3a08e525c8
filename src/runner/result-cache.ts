import { existsSync, readdirSync, readFileSync, statSync, unlinkSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { ScenarioValidationResult, ScenarioValidationResultJson } from "../scenarios/validation-result.js";
import { writeJsonAtomic } from "../util/atomic-write.js";

/** What identifies a cached run: the scenario, its run number, the runner config and the scenario's content. */
export interface CacheKey {
  scenarioId: string;
  runNumber: number | null;
  /** `getConfigHash(config)`. */
  configHash: string;
  /** Hash of the initialised scenario's content (events included), computed by the caller. */
  scenarioHash: string;
}

export const CACHE_ENTRY_VERSION = 1;

/** One cache file: the result plus the key fields it was stored under. */
export const CacheEntry = z.object({
  version: z.literal(CACHE_ENTRY_VERSION),
  cacheKey: z.string(),
  scenarioId: z.string(),
  runNumber: z.number().int().nullable(),
  configHash: z.string(),
  scenarioHash: z.string(),
  result: ScenarioValidationResultJson,
});
export type CacheEntry = z.infer<typeof CacheEntry>;

/** `<scenarioId>[_run_<n>]_<configHash>`, as PARE names its cache files. */
export function cacheKeyString(key: CacheKey): string {
  const run = key.runNumber === null ? "" : `_run_${key.runNumber}`;
  return `${key.scenarioId}${run}_${key.configHash}`;
}

export type CacheDirSource = "explicit" | "env" | "xdg" | "default";

/** `PARE_CACHE_DIR`, else `$XDG_CACHE_HOME/pare/scenario_results`, else `~/.cache/pare/scenario_results`. */
export function resolveCacheDir(
  env: Record<string, string | undefined> = process.env,
  home: string = homedir(),
): { dir: string; source: CacheDirSource } {
  if (env["PARE_CACHE_DIR"]) return { dir: env["PARE_CACHE_DIR"], source: "env" };
  if (env["XDG_CACHE_HOME"])
    return { dir: join(env["XDG_CACHE_HOME"], "pare", "scenario_results"), source: "xdg" };
  return { dir: join(home, ".cache", "pare", "scenario_results"), source: "default" };
}

export interface ResultCacheOptions {
  /** Explicit cache directory; wins over the environment. */
  dir?: string;
  /** Receives warnings about unreadable entries (default: console.warn). */
  warn?: (message: string) => void;
  env?: Record<string, string | undefined>;
  homeDir?: string;
}

export interface CacheStatus {
  dir: string;
  exists: boolean;
  entries: number;
  bytes: number;
}

/** File names carry the scenario id; anything outside a portable set becomes "_" (the entry stores the real key). */
function safeFileStem(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, "_");
}

/**
 * Per-run result cache (spec §11.3). Clean results (success or validated failure) are reused; results that carry an
 * exception are stored but never returned, so crashed runs are always re-run.
 */
export class ResultCache {
  readonly dir: string;
  readonly source: CacheDirSource;
  private readonly warn: (message: string) => void;

  constructor(options: ResultCacheOptions = {}) {
    if (options.dir) {
      this.dir = options.dir;
      this.source = "explicit";
    } else {
      const resolved = resolveCacheDir(options.env ?? process.env, options.homeDir ?? homedir());
      this.dir = resolved.dir;
      this.source = resolved.source;
    }
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  pathFor(key: CacheKey): string {
    return join(this.dir, `${safeFileStem(cacheKeyString(key))}.json`);
  }

  /** The cached result, or null on a miss, a key mismatch, an unreadable entry or a result with an exception. */
  get(key: CacheKey): ScenarioValidationResult | null {
    const path = this.pathFor(key);
    if (!existsSync(path)) return null;
    let entry: CacheEntry;
    try {
      const parsed = CacheEntry.safeParse(JSON.parse(readFileSync(path, "utf8")));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        this.warn(
          `Ignoring invalid cache entry ${path}: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
        );
        return null;
      }
      entry = parsed.data;
    } catch (error) {
      this.warn(`Ignoring unreadable cache entry ${path}: ${(error as Error).message}`);
      return null;
    }
    if (
      entry.scenarioId !== key.scenarioId ||
      entry.runNumber !== key.runNumber ||
      entry.configHash !== key.configHash ||
      entry.scenarioHash !== key.scenarioHash
    ) {
      return null;
    }
    if (entry.result.exception !== null) return null;
    return ScenarioValidationResult.fromJSON(entry.result);
  }

  /** Stores a result atomically; returns the entry's path. */
  put(key: CacheKey, result: ScenarioValidationResult): string {
    const path = this.pathFor(key);
    const entry: CacheEntry = {
      version: CACHE_ENTRY_VERSION,
      cacheKey: cacheKeyString(key),
      scenarioId: key.scenarioId,
      runNumber: key.runNumber,
      configHash: key.configHash,
      scenarioHash: key.scenarioHash,
      result: result.toJSON(),
    };
    writeJsonAtomic(path, entry);
    return path;
  }

  private entryFiles(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((name) => name.endsWith(".json") && !name.startsWith("."))
      .sort()
      .map((name) => join(this.dir, name));
  }

  status(): CacheStatus {
    const files = this.entryFiles();
    let bytes = 0;
    for (const file of files) bytes += statSync(file).size;
    return { dir: this.dir, exists: existsSync(this.dir), entries: files.length, bytes };
  }

  /**
   * Deletes entries and returns how many. With `scenarioId`, only that scenario's entries (all runs and configs),
   * identified by the key stored inside each entry; unreadable entries are then left alone.
   */
  invalidate(filter: { scenarioId?: string } = {}): number {
    let deleted = 0;
    for (const file of this.entryFiles()) {
      if (filter.scenarioId !== undefined) {
        let scenarioId: unknown;
        try {
          scenarioId = (JSON.parse(readFileSync(file, "utf8")) as { scenarioId?: unknown }).scenarioId;
        } catch {
          continue;
        }
        if (scenarioId !== filter.scenarioId) continue;
      }
      try {
        unlinkSync(file);
        deleted += 1;
      } catch (error) {
        // Another process may have removed it first; anything else is worth knowing about.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    return deleted;
  }
}
