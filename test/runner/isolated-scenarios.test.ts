import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkScenariosIsolated, listScenariosIsolated } from "../../src/runner/isolated-scenarios.js";
import type { ScenarioCheck } from "../../src/runner/scenario-check.js";

const HANG_DIR = resolve(import.meta.dirname, "../fixtures/scenarios-hang");
const LOOP_DIR = resolve(import.meta.dirname, "../fixtures/scenarios-loop");

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
