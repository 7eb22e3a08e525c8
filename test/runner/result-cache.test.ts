import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type CacheKey,
  cacheKeyString,
  ResultCache,
  resolveCacheDir,
} from "../../src/runner/result-cache.js";
import { ScenarioValidationResult } from "../../src/scenarios/validation-result.js";

function newCache(): { cache: ResultCache; warnings: string[]; dir: string } {
  const dir = join(mkdtempSync(join(tmpdir(), "pare-cache-")), "results");
  const warnings: string[] = [];
  return { cache: new ResultCache({ dir, warn: (m) => warnings.push(m) }), warnings, dir };
}

const key = (overrides: Partial<CacheKey> = {}): CacheKey => ({
  scenarioId: "email_notification",
  runNumber: 1,
  configHash: "abcd1234",
  scenarioHash: "s1",
  ...overrides,
});

const good = () =>
  new ScenarioValidationResult({
    success: false,
    rationale: "missing reply",
    duration: 4.5,
    proposalCount: 2,
    acceptanceCount: 1,
    readOnlyActions: 5,
    numberOfTurns: 10,
  });

describe("ResultCache", () => {
  it("returns a stored result on a hit", () => {
    const { cache } = newCache();
    const path = cache.put(key(), good());
    expect(path.endsWith("email_notification_run_1_abcd1234.json")).toBe(true);
    const hit = cache.get(key());
    expect(hit).toBeInstanceOf(ScenarioValidationResult);
    expect(hit?.toJSON()).toEqual(good().toJSON());
  });

  it("stores the key fields beside the result", () => {
    const { cache } = newCache();
    const entry = JSON.parse(readFileSync(cache.put(key({ runNumber: null }), good()), "utf8"));
    expect(entry).toMatchObject({
      version: 1,
      cacheKey: "email_notification_abcd1234",
      scenarioId: "email_notification",
      runNumber: null,
      configHash: "abcd1234",
      scenarioHash: "s1",
    });
    expect(entry.result.rationale).toBe("missing reply");
  });

  it("misses on an absent entry, another run, config or scenario content", () => {
    const { cache, warnings } = newCache();
    expect(cache.get(key())).toBeNull();
    cache.put(key(), good());
    expect(cache.get(key({ runNumber: 2 }))).toBeNull();
    expect(cache.get(key({ runNumber: null }))).toBeNull();
    expect(cache.get(key({ configHash: "ffff0000" }))).toBeNull();
    expect(cache.get(key({ scenarioHash: "s2" }))).toBeNull();
    expect(warnings).toEqual([]);
  });

  it("misses with a warning on a corrupt or invalid entry", () => {
    const { cache, warnings } = newCache();
    const path = cache.put(key(), good());
    writeFileSync(path, "{ not json");
    expect(cache.get(key())).toBeNull();
    writeFileSync(path, JSON.stringify({ version: 1, scenarioId: "email_notification" }));
    expect(cache.get(key())).toBeNull();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(path);
  });

  it("never reuses a result that has an exception", () => {
    const { cache } = newCache();
    const crashed = new ScenarioValidationResult({
      success: false,
      exception: { type: "RateLimitError", message: "429", kind: "infrastructure" },
    });
    const path = cache.put(key(), crashed);
    expect(existsSync(path)).toBe(true);
    expect(cache.get(key())).toBeNull();
  });

  it("reports status and invalidates by scenario or entirely", () => {
    const { cache, dir } = newCache();
    expect(cache.status()).toEqual({ dir, exists: false, entries: 0, bytes: 0 });
    expect(cache.invalidate()).toBe(0);
    cache.put(key({ runNumber: 1 }), good());
    cache.put(key({ runNumber: 2 }), good());
    cache.put(key({ scenarioId: "email_notification_run" }), good());
    cache.put(key({ scenarioId: "other" }), good());
    writeFileSync(join(dir, "corrupt.json"), "{");
    const status = cache.status();
    expect(status.exists).toBe(true);
    expect(status.entries).toBe(5);
    expect(status.bytes).toBeGreaterThan(0);

    expect(cache.invalidate({ scenarioId: "email_notification" })).toBe(2);
    expect(cache.get(key({ scenarioId: "email_notification_run" }))).not.toBeNull();
    expect(cache.get(key({ scenarioId: "other" }))).not.toBeNull();
    expect(cache.invalidate()).toBe(3);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps odd scenario ids inside the cache directory", () => {
    const { cache, dir } = newCache();
    const odd = key({ scenarioId: "../escape me" });
    const path = cache.put(odd, good());
    expect(path.startsWith(dir)).toBe(true);
    expect(cache.get(odd)).not.toBeNull();
    expect(cacheKeyString(odd)).toBe("../escape me_run_1_abcd1234");
  });
});

describe("resolveCacheDir", () => {
  it("prefers PARE_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache", () => {
    expect(resolveCacheDir({ PARE_CACHE_DIR: "/c", XDG_CACHE_HOME: "/x" }, "/home/u")).toEqual({
      dir: "/c",
      source: "env",
    });
    expect(resolveCacheDir({ XDG_CACHE_HOME: "/x" }, "/home/u")).toEqual({
      dir: join("/x", "pare", "scenario_results"),
      source: "xdg",
    });
    expect(resolveCacheDir({}, "/home/u")).toEqual({
      dir: join("/home/u", ".cache", "pare", "scenario_results"),
      source: "default",
    });
  });

  it("lets an explicit directory win", () => {
    const cache = new ResultCache({ dir: "/explicit", env: { PARE_CACHE_DIR: "/c" } });
    expect([cache.dir, cache.source]).toEqual(["/explicit", "explicit"]);
    expect(new ResultCache({ env: { PARE_CACHE_DIR: "/c" } }).dir).toBe("/c");
  });
});
