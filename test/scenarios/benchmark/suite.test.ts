import { beforeAll, describe, expect, it } from "vitest";
import { discoverScenarios } from "../../../src/registry/discovery.js";
import { scenarioRegistry } from "../../../src/registry/scenario-registry.js";
import { loadSplit } from "../../../src/registry/splits.js";
import { ScenarioRunnerConfig } from "../../../src/runner/config.js";
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

  it("passes every scenario in oracle mode, with and without noise, and fails every one with noop", async () => {
    const failures: string[] = [];
    for (const id of ids) {
      const clean = await run(id, { oracle: true });
      if (clean.success !== true)
        failures.push(`${id} oracle: ${clean.rationale ?? clean.exception?.message}`);
      const withNoise = await run(id, { oracle: true, ...noisy });
      if (withNoise.success !== true)
        failures.push(`${id} oracle+noise: ${withNoise.rationale ?? withNoise.exception?.message}`);
      const noop = await run(id, { agentType: "noop", userType: "scripted" });
      if (noop.success !== false || noop.exception)
        failures.push(`${id} noop: ${noop.success} ${noop.exception?.message ?? ""}`);
    }
    expect(failures).toEqual([]);
  });
});
