import { describe, expect, it } from "vitest";
import {
  appUsage,
  appUsageSvg,
  comparePoints,
  compareSvg,
  renderSvg,
  robustnessPoints,
  robustnessSpec,
  robustnessSvg,
} from "../../../src/report/plots/index.js";
import { svgToPng } from "../../../src/report/plots/render.js";
import {
  MultiScenarioValidationResult,
  ScenarioValidationResult,
} from "../../../src/scenarios/validation-result.js";

/** A job's frame: per run number, [success, proposals, acceptances, turns]. */
function job(model: string, tfp: number, noise: number, runs: [boolean, number, number, number][]) {
  const multi = new MultiScenarioValidationResult({
    userModel: "u",
    observeModel: model,
    executeModel: model,
    toolFailureProbability: tfp,
    numEnvEventsPerMinute: noise,
  });
  for (const [i, [success, proposals, acceptances, turns]] of runs.entries())
    multi.addResult(
      new ScenarioValidationResult({
        success,
        proposalCount: proposals,
        acceptanceCount: acceptances,
        numberOfTurns: turns,
      }),
      "s1",
      i + 1,
    );
  return multi.toPolars();
}

describe("robustness figures", () => {
  it("are the report's statistics, pooling seeds with every (job, run) a replicate", () => {
    const points = robustnessPoints([
      {
        runId: "r1",
        frame: job("a", 0, 0, [
          [true, 1, 1, 4],
          [false, 1, 0, 4],
        ]),
      },
      {
        runId: "r2",
        frame: job("a", 0, 0, [
          [true, 2, 1, 4],
          [true, 0, 0, 4],
        ]),
      },
      { runId: "r3", frame: job("a", 0.5, 0, [[false, 0, 0, 5]]) },
    ]);
    const at = (tfp: number, metric: string) =>
      points.find((p) => p.toolFailureProbability === tfp && p.metric === metric);
    const success = at(0, "success");
    expect(success?.value).toBeCloseTo(75);
    // Four replicates with success 100, 0, 100, 100: sample std 50, SEM 25.
    expect(success?.sem).toBeCloseTo(25);
    expect(success?.replicates).toBe(4);
    expect(success?.runIds).toEqual(["r1", "r2"]);
    expect(at(0, "proposal")?.value).toBeCloseTo(4 / 16);
    expect(at(0, "acceptance")?.value).toBeCloseTo(50);
    // One run: no spread; no proposal: acceptance undefined (n/a), never 0.
    expect(at(0.5, "success")?.sem).toBeNull();
    expect(at(0.5, "acceptance")?.value).toBeNull();
    expect(points).toHaveLength(6);
  });

  it("render to SVG whose marks carry the figures, deterministically, and to PNG", async () => {
    const runs = [
      { runId: "r1", frame: job("a", 0, 0, [[true, 1, 1, 2]]) },
      { runId: "r2", frame: job("a", 0.4, 0, [[false, 1, 0, 2]]) },
      { runId: "r3", frame: job("b", 0, 0, [[true, 0, 0, 2]]) },
    ];
    const svg = await robustnessSvg(runs, "toolFailureProbability");
    expect(svg).toBe(await robustnessSvg(runs, "toolFailureProbability"));
    expect(svg).toContain(
      'aria-label="tool failure probability: 0.4; success rate (% of validated runs): 0; model: a; runs: 1"',
    );
    expect(svg).toContain("one line per model");
    // b made no proposal: its acceptance point is not drawn.
    expect(svg).not.toMatch(/acceptance rate \(% of proposals\): [\d.]+; model: b/);
    const png = svgToPng(svg, { scale: 1 });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(svgToPng(svg, { scale: 2 }).readUInt32BE(16)).toBe(2 * png.readUInt32BE(16));
    expect(robustnessSpec(robustnessPoints(runs), "noiseRate")).toMatchObject({ hconcat: expect.any(Array) });
    const compare = await compareSvg(runs);
    expect(comparePoints(runs).map((p) => p.label)).toContain("a · tfp 0.4 · noise 0/min · r2");
    expect(compare).toContain("r3");
  });

  it("handle hostile labels and empty input", async () => {
    const evil = `<script>"&'</script>${"x".repeat(500)}`;
    const svg = await robustnessSvg([{ runId: "r", frame: job(evil, 0, 0, [[true, 1, 1, 1]]) }], "noiseRate");
    expect(svg).not.toContain("<script>");
    expect(robustnessPoints([])).toEqual([]);
    expect((await renderSvg(robustnessSpec([], "noiseRate"))).startsWith("<svg")).toBe(true);
  });
});

describe("app usage", () => {
  it("counts scenarios per app, once per scenario, most used first", async () => {
    const suite = [
      { id: "s1", apps: ["Email", "Calendar", "Email"] },
      { id: "s2", apps: ["Email"] },
      { id: "s3", apps: [] },
    ];
    expect(appUsage(suite)).toEqual([
      { app: "Email", scenarios: 2 },
      { app: "Calendar", scenarios: 1 },
    ]);
    const svg = await appUsageSvg(suite, "test suite");
    expect(svg).toContain("of 3 scenarios");
    expect(svg).toContain('aria-label="scenarios (count): 2; app: Email; scenarios: 2"');
  });
});
