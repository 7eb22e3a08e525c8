import { describe, expect, it } from "vitest";
import { manifestFromJSON, NO_LLM_USAGE, summariseNoise } from "../../src/runner/run-manifest.js";
import { ScenarioValidationResult } from "../../src/scenarios/validation-result.js";

const run = (noisePlanned: number, noiseDelivered: number, duration: number) => ({
  result: new ScenarioValidationResult({ success: false, noisePlanned, noiseDelivered, duration }),
});

describe("summariseNoise", () => {
  it("adds up planned and delivered noise and gives the rate the agents met", () => {
    expect(summariseNoise([run(30, 6, 60), run(30, 9, 120)], 5)).toEqual({
      configuredPerMinute: 5,
      plannedEvents: 60,
      deliveredEvents: 15,
      simulatedSeconds: 180,
      deliveredPerMinute: 5,
    });
  });

  it("is null without noise and has no rate without simulated time", () => {
    expect(summariseNoise([run(0, 0, 60)], 0)).toBeNull();
    expect(summariseNoise([], 4)).toMatchObject({ plannedEvents: 0, deliveredPerMinute: null });
    expect(summariseNoise([run(3, 0, 0)], 4)?.deliveredPerMinute).toBeNull();
  });
});

describe("run manifests", () => {
  const written = {
    runId: "r",
    timestamp: "t",
    selection: { split: null, scenarios: ["a"] },
    seed: 0,
    mode: "offline",
    agentType: "noop",
    models: Object.fromEntries(
      ["user", "observe", "execute"].map((role) => [role, { provider: "p", model: "m", temperature: null }]),
    ),
    concurrency: 1,
    runsPerScenario: 1,
    totalRuns: 1,
    executedRuns: 1,
    resultCacheHits: 0,
    llm: NO_LLM_USAGE,
    infrastructureErrors: 0,
    wallClockSeconds: 1,
    configHash: "h",
    packageVersion: "0",
    gitRevision: null,
  };

  it("reads manifests written before noise was recorded, and checks the noise block", () => {
    expect(manifestFromJSON(written).noise).toBeNull();
    expect(() =>
      manifestFromJSON({ ...written, noise: { configuredPerMinute: 2, plannedEvents: -1 } }),
    ).toThrow(/noise/);
  });
});
