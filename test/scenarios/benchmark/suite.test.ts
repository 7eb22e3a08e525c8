import { beforeAll, describe, expect, it } from "vitest";
import { discoverScenarios } from "../../../src/registry/discovery.js";
import { scenarioRegistry } from "../../../src/registry/scenario-registry.js";
import { loadSplit } from "../../../src/registry/splits.js";
import { ScenarioRunnerConfig } from "../../../src/runner/config.js";
import { checkScenario } from "../../../src/runner/scenario-check.js";
import { runScenario } from "../../../src/runner/scenario-runner.js";

let ids: string[] = [];

beforeAll(async () => {
  const report = await discoverScenarios("benchmark");
  expect(report.failures).toEqual([]);
  ids = loadSplit("full");
});

const noisy = {
  toolAugmentation: { toolFailureProbability: 0.1 },
  envEvents: { numEnvEventsPerMinute: 2, envEventsSeed: 7 },
};

async function run(id: string, over: Record<string, unknown>) {
  return runScenario(scenarioRegistry().create(id), { config: ScenarioRunnerConfig.parse(over) });
}

describe("the bundled benchmark", () => {
  it("registers every scenario of the full split, benchmark-ready", () => {
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const s = scenarioRegistry().create(id);
      expect(s.isBenchmarkReady, id).toBe(true);
    }
  });

  it("passes every scenario in oracle mode with noise", async () => {
    const failures: string[] = [];
    for (const id of ids) {
      const withNoise = await run(id, { oracle: true, ...noisy });
      if (withNoise.success !== true)
        failures.push(`${id} oracle+noise: ${withNoise.rationale ?? withNoise.exception?.message}`);
    }
    expect(failures).toEqual([]);
  });

  it("passes pare scenarios check on every scenario: winnable by the reference agent at the defaults, strictly validated", async () => {
    const failures: string[] = [];
    for (const id of ids) {
      const check = await checkScenario(id, () => scenarioRegistry().create(id));
      if (!check.ok) failures.push(`${id}: ${check.failures.join(" | ")}`);
    }
    expect(failures).toEqual([]);
  });
});

describe("benchmark coverage and catalogue", () => {
  it("has at least 40 scenarios, every domain app in 4+, 70%+ multi-app, every kind and theme tagged, and an up-to-date catalogue", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { PROJECT_ROOT } = await import("../../../src/registry/splits.js");
    const { ablation, catalogue, KINDS, markdown, noiseSplit, THEMES } = await import(
      "../../../src/scenarios/benchmark-catalogue.js"
    );
    const rows = await catalogue();
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect([...ids].sort()).toEqual(rows.map((r) => r.id));
    for (const app of [
      "Apartment",
      "Cab",
      "Calendar",
      "Contacts",
      "Email",
      "Files",
      "Messaging",
      "Notes",
      "Reminder",
      "Shopping",
    ]) {
      expect(rows.filter((r) => r.apps.includes(app)).length, app).toBeGreaterThanOrEqual(4);
    }
    expect(rows.filter((r) => r.apps.length >= 2).length / rows.length).toBeGreaterThanOrEqual(0.7);
    for (const kind of KINDS)
      expect(
        rows.some((r) => r.kind === kind),
        kind,
      ).toBe(true);
    for (const r of rows) {
      expect(r.oracle, r.id).toBeGreaterThanOrEqual(3);
      expect(Object.keys(THEMES), r.id).toContain(r.theme);
    }
    const ablationIds = ablation(rows);
    expect(loadSplit("ablation")).toEqual(ablationIds);
    expect(ablationIds.length).toBeGreaterThanOrEqual(Math.floor(rows.length / 4));
    for (const kind of KINDS)
      expect(
        rows.some((r) => r.kind === kind && ablationIds.includes(r.id)),
        `ablation has ${kind}`,
      ).toBe(true);
    const noiseIds = noiseSplit(rows);
    expect(loadSplit("noise")).toEqual(noiseIds);
    expect(noiseIds.length).toBeGreaterThan(0);
    for (const id of noiseIds) expect(rows.find((r) => r.id === id)?.expectsProposal, id).toBe(true);
    expect(readFileSync(join(PROJECT_ROOT, "docs", "benchmark.md"), "utf8")).toBe(
      markdown(rows, ablationIds, noiseIds),
    );
  });
});
