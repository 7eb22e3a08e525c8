import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSweepFile, parseSweep, SweepFileError } from "../../src/runner/sweep.js";

const base = { scenarios: ["s1"], models: { observe: ["a", "b"] } };

describe("sweep files", () => {
  it("expands models × tool-failure probabilities × noise rates × seeds, zipping observe and execute", () => {
    const sweep = parseSweep({
      ...base,
      models: { observe: ["a", "b"], execute: ["x", "y"], user: ["u1", "u2"] },
      tool_failure_probabilities: [0, 0.4],
      noise_rates: [0, 5],
      seeds: [1, 2],
      runs: 3,
    });
    expect(sweep.cells).toHaveLength(2 * 2 * 2 * 2 * 2);
    expect(new Set(sweep.cells.map((c) => `${c.observe}/${c.execute}`))).toEqual(new Set(["a/x", "b/y"]));
    const cell = sweep.cells.find(
      (c) => c.toolFailureProbability === 0.4 && c.noiseRate === 5 && c.seed === 2,
    );
    expect(cell?.config.toolAugmentation?.toolFailureProbability).toBe(0.4);
    expect(cell?.config.envEvents).toMatchObject({ numEnvEventsPerMinute: 5, envEventsSeed: 42 });
    expect(cell?.config.seed).toBe(2);
    expect(cell?.config.runsPerScenario).toBe(3);
    const quiet = sweep.cells.find((c) => c.toolFailureProbability === 0 && c.noiseRate === 0);
    // 0 means no noise config at all, as PARE's sweep: such a cell shares its cache with an unswept run.
    expect(quiet?.config.toolAugmentation).toBeNull();
    expect(quiet?.config.envEvents).toBeNull();
    expect(sweep.cells.map((c) => c.index)).toEqual(sweep.cells.map((_, i) => i + 1));
  });

  it("crosses observe and execute on request, and an execute list left out means each model executes too", () => {
    expect(
      parseSweep({ ...base, models: { observe: ["a", "b"], execute: ["x"], pairing: "cross" } }).cells,
    ).toHaveLength(2);
    const same = parseSweep(base).cells;
    expect(same.map((c) => [c.observe, c.execute])).toEqual([
      ["a", "a"],
      ["b", "b"],
    ]);
  });

  it("takes camelCase keys, endpoint defaults, model entries and a base config in either spelling", () => {
    const sweep = parseSweep({
      scenarios: "s1",
      models: { observe: [{ model: "org/big", provider: "fireworks_ai", alias: "big" }, "small"] },
      provider: "local",
      baseUrl: "http://127.0.0.1:8000/v1",
      toolFailureProbabilities: [0.2],
      noiseRates: [3],
      base: { max_turns: 4, observeMaxIterations: 2 },
    });
    const [big, small] = sweep.cells;
    expect(big?.config.observeEngine).toMatchObject({
      model: "org/big",
      provider: "fireworks_ai",
      baseUrl: "http://127.0.0.1:8000/v1",
    });
    expect(big?.observe).toBe("big");
    expect(small?.config.observeEngine).toMatchObject({ model: "small", provider: "local" });
    expect(small?.config.maxTurns).toBe(4);
    expect(small?.config.observeMaxIterations).toBe(2);
  });

  it("gives a known alias its own provider unless one is set", () => {
    const [alias, plain] = parseSweep({
      scenarios: ["s1"],
      models: { observe: ["claude-4.5-sonnet", "my-model"] },
    }).cells;
    expect(alias?.config.observeEngine.provider).not.toBe("openai");
    expect(plain?.config.observeEngine.provider).toBe("openai");
    const local = parseSweep({
      scenarios: ["s1"],
      provider: "local",
      models: { observe: ["claude-4.5-sonnet"] },
    });
    expect(local.cells[0]?.config.observeEngine.provider).toBe("local");
  });

  it("names what is wrong", () => {
    const bad = (raw: unknown, pattern: RegExp | typeof SweepFileError) =>
      expect(() => parseSweep(raw)).toThrow(pattern);
    bad({ ...base, model: {} }, /unknown key 'model'/);
    bad({ models: { observe: ["a"] } }, /either split or scenarios/);
    bad({ ...base, split: "full" }, /mutually exclusive/);
    bad({ ...base, models: { observe: ["a", "b"], execute: ["x"] } }, /same length/);
    bad({ ...base, models: { observe: [] } }, /models\.observe/);
    bad({ ...base, tool_failure_probabilities: [1.5] }, /tool_failure_probabilities/);
    bad({ ...base, noise_rates: [-1] }, /noise_rates/);
    bad({ ...base, runs: 0 }, /runs/);
    bad({ ...base, base: { toolAugmentation: null } }, /base\.toolAugmentation: set by the grid/);
    bad({ ...base, base: { maxTurn: 3 } }, /base: unknown key 'maxTurn'/);
    bad({ ...base, base: { maxTurns: -1 } }, /base\.maxTurns/);
    bad([], SweepFileError);
    bad("models", /mapping/);
    bad(null, /mapping/);
  });

  it("reads YAML and JSON files, naming the file in errors", () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-sweep-file-"));
    writeFileSync(join(dir, "a.yaml"), "scenarios: [s1]\nmodels:\n  observe: [m]\nseeds: [0, 1]\n");
    expect(loadSweepFile(join(dir, "a.yaml")).cells).toHaveLength(2);
    writeFileSync(join(dir, "b.json"), JSON.stringify(base));
    expect(loadSweepFile(join(dir, "b.json")).cells).toHaveLength(2);
    writeFileSync(join(dir, "c.yaml"), "models: [");
    expect(() => loadSweepFile(join(dir, "c.yaml"))).toThrow(/c\.yaml/);
    expect(() => loadSweepFile(join(dir, "missing.yaml"))).toThrow(/missing\.yaml/);
  });
});
