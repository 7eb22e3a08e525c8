import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverScenarios } from "../../src/registry/discovery.js";
import { scenarioRegistry } from "../../src/registry/scenario-registry.js";
import { loadSplit } from "../../src/registry/splits.js";
import { checkScenariosIsolated, listScenariosIsolated } from "../../src/runner/isolated-scenarios.js";
import type { ScenarioCheck } from "../../src/runner/scenario-check.js";
import type { ListedScenarios } from "../../src/runner/scenario-listing.js";
import { summarizeScenario } from "../../src/runner/scenario-summary.js";

const FIXTURES = resolve(import.meta.dirname, "../fixtures");
const HANG_DIR = resolve(FIXTURES, "scenarios-hang");
const LOOP_DIR = resolve(FIXTURES, "scenarios-loop");

/** The listing as one thread importing every module in this process makes it (what the command did before threads). */
async function listInProcess(dir: string, split: string | null): Promise<ListedScenarios> {
  const report = await discoverScenarios(dir);
  const registry = scenarioRegistry();
  const ids = split === null ? registry.ids() : loadSplit(split);
  const modules: Record<string, string | null> = {};
  for (const id of registry.ids()) modules[id] = registry.sourceFile(id);
  return {
    rows: ids.map((id) => summarizeScenario(id)),
    modules,
    failures: report.failures,
    warnings: report.warnings,
    splitError: null,
    summaryErrors: [],
  };
}

describe("scenario listing in parts, one thread per part", () => {
  it("lists the benchmark as one thread in this process does, whatever the number of parts", async () => {
    const expected = await listInProcess("benchmark", null);
    expect(expected.rows.length).toBeGreaterThan(100);
    for (const listThreads of [2, 3]) {
      const listed = await listScenariosIsolated("benchmark", null, { listThreads });
      expect(listed).toEqual(expected);
      expect(Object.keys(listed.modules)).toEqual(Object.keys(expected.modules));
      expect(JSON.stringify(listed.rows)).toBe(JSON.stringify(expected.rows));
    }
    const ablation = await listScenariosIsolated("benchmark", "ablation", { listThreads: 2 });
    expect(ablation).toEqual(await listInProcess("benchmark", "ablation"));
  }, 240_000);

  it("keeps a module that loops at import bounded and in order among failures and rows", async () => {
    const dirs = [resolve(FIXTURES, "scenarios-a"), HANG_DIR, resolve(FIXTURES, "scenarios-b")].join(",");
    const [one, two] = await Promise.all(
      [1, 2].map((listThreads) => listScenariosIsolated(dirs, null, { stepBoundSeconds: 8, listThreads })),
    );
    expect(two).toEqual(one);
    expect(two?.rows.map((r) => r.id)).toEqual([
      "fixture_todo_a",
      "fixture_hang_neighbour",
      "fixture_todo_b",
    ]);
    expect(two?.failures.map((f) => [f.path, f.error.split(":")[0]])).toEqual([
      [
        resolve(HANG_DIR, "loops-at-import.ts"),
        "did not finish importing within 8 s and was stopped (a loop at import?)",
      ],
      [resolve(FIXTURES, "scenarios-b", "broken.ts"), "this module is broken on purpose"],
    ]);
  }, 120_000);

  it("lists a directory given twice in one thread (both parts registered its ids)", async () => {
    const dir = resolve(FIXTURES, "scenarios-a");
    const listed = await listScenariosIsolated(`${dir},${dir}`, null, { listThreads: 2 });
    expect(listed).toEqual(await listScenariosIsolated(`${dir},${dir}`, null, { listThreads: 1 }));
    expect(listed.rows.map((r) => r.id)).toEqual(["fixture_todo_a"]);
  }, 60_000);
});

describe("scenario listing and checks in worker threads", () => {
  it("report a module that loops at import after the bound and list the others", async () => {
    const listed = await listScenariosIsolated(HANG_DIR, null, { stepBoundSeconds: 8 });
    expect(listed.rows.map((r) => r.id)).toEqual(["fixture_hang_neighbour"]);
    expect(listed.failures).toEqual([
      {
        path: resolve(HANG_DIR, "loops-at-import.ts"),
        error: "did not finish importing within 8 s and was stopped (a loop at import?)",
      },
    ]);
  }, 120_000);

  it("report a scenario that loops while populating apps and list the others", async () => {
    const listed = await listScenariosIsolated(LOOP_DIR, null, { stepBoundSeconds: 8 });
    expect(listed.rows.map((r) => r.id).sort()).toEqual(
      ["fixture_loop_quick", "fixture_loop_validate", "fixture_worker_exit"].sort(),
    );
    expect(listed.failures).toEqual([]);
    expect(listed.summaryErrors.map((f) => f.id)).toEqual(["fixture_loop_populate"]);
    expect(listed.summaryErrors[0]?.error).toMatch(/did not finish building within 8 s/);
    expect(Object.keys(listed.modules)).toContain("fixture_loop_populate");
  }, 120_000);

  it("fail a check that loops after its bound, in order, while the others are checked", async () => {
    const seen: ScenarioCheck[] = [];
    const checks = await checkScenariosIsolated(
      ["fixture_loop_validate", "fixture_loop_quick"],
      LOOP_DIR,
      [],
      (c) => seen.push(c),
      { checkBoundSeconds: 5, stepBoundSeconds: 30, workers: 2 },
    );
    expect(seen.map((c) => c.id)).toEqual(["fixture_loop_validate", "fixture_loop_quick"]);
    expect(checks[0]?.ok).toBe(false);
    expect(checks[0]?.failures).toEqual([
      "checks did not finish within 5 s and were stopped (a loop in the scenario?)",
    ]);
    // The quick one is a plain scenario: its checks ran (whatever they found), they were not cut off.
    expect(checks[1]?.failures.join(" ")).not.toMatch(/did not finish/);
    expect(checks[1]?.reference).not.toBeNull();
  }, 180_000);
});
