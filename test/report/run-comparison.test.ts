import { describe, expect, it } from "vitest";
import {
  type ComparedRun,
  compareRuns,
  mcnemarExact,
  pairedBootstrapCi,
} from "../../src/report/run-comparison.js";

const runs = (spec: Record<string, (boolean | null)[]>): ComparedRun[] =>
  Object.entries(spec).flatMap(([scenarioId, verdicts]) =>
    verdicts.map((success, i) => ({ scenarioId, runNumber: verdicts.length === 1 ? null : i + 1, success })),
  );

describe("mcnemarExact", () => {
  it.each([
    [0, 0, 1],
    [6, 0, 0.03125],
    [0, 6, 0.03125],
    [3, 3, 1],
    [1, 4, 0.375],
    [10, 2, 0.0385742],
  ])("b=%i c=%i → p=%f", (b, c, p) => {
    expect(mcnemarExact(b, c)).toBeCloseTo(p, 6);
  });

  it("stays finite and in [0, 1] for huge counts", () => {
    expect(mcnemarExact(5000, 5000)).toBeCloseTo(1, 6);
    const tiny = mcnemarExact(3000, 1000);
    expect(tiny).toBeGreaterThanOrEqual(0);
    expect(tiny).toBeLessThan(1e-100);
    expect(mcnemarExact(600, 500)).toBeCloseTo(mcnemarExact(500, 600), 12);
  });
});

describe("pairedBootstrapCi", () => {
  it("is reproducible by seed, brackets the mean, and collapses for constant differences", () => {
    const diffs = [1, 0, 0, -1, 1, 1, 0, 1];
    const ci = pairedBootstrapCi(diffs, 2000, 0) as [number, number];
    expect(pairedBootstrapCi(diffs, 2000, 0)).toEqual(ci);
    expect(pairedBootstrapCi(diffs, 2000, 1)).not.toEqual(ci);
    expect(ci[0]).toBeLessThan(0.375);
    expect(ci[1]).toBeGreaterThan(0.375);
    expect(pairedBootstrapCi([0.5, 0.5], 100, 0)).toEqual([0.5, 0.5]);
    expect(pairedBootstrapCi([], 100, 0)).toBeNull();
  });
});

describe("compareRuns", () => {
  it("reports per-scenario changes, the paired difference and McNemar over matched runs", () => {
    const a = runs({
      s1: [true, true],
      s2: [true, false],
      s3: [false, false],
      s4: [true, true],
      only_a: [true],
    });
    const b = runs({
      s1: [false, false],
      s2: [true, true],
      s3: [true, true],
      s4: [true, true],
      only_b: [false],
    });
    const c = compareRuns(a, b, { resamples: 500 });
    expect(Object.fromEntries(c.scenarios.map((s) => [s.scenarioId, s.change]))).toEqual({
      only_a: "only-a",
      only_b: "only-b",
      s1: "broken",
      s2: "better",
      s3: "fixed",
      s4: "same",
    });
    expect(c.a).toEqual({ successRate: 5 / 8, scenarios: 4, validatedRuns: 8 });
    expect(c.b.successRate).toBe(6 / 8);
    expect(c.paired.difference).toBeCloseTo((-1 + 0.5 + 1 + 0) / 4, 12);
    expect(c.mcnemar).toMatchObject({ pairs: 8, onlyA: 2, onlyB: 3 });
    expect(c.mcnemar.pValue).toBeCloseTo(1, 6);
  });

  it("leaves runs without validation out and pairs a single run with run 1", () => {
    const a = runs({ s1: [true], s2: [null] });
    const b = [
      { scenarioId: "s1", runNumber: 1, success: false },
      { scenarioId: "s1", runNumber: 2, success: false },
      { scenarioId: "s2", runNumber: 1, success: true },
    ];
    const c = compareRuns(a, b);
    expect(c.scenarios.find((s) => s.scenarioId === "s2")?.change).toBe("only-b");
    expect(c.mcnemar).toMatchObject({ pairs: 1, onlyA: 1, onlyB: 0 });
    expect(compareRuns([], []).paired).toMatchObject({ scenarios: 0, difference: null, ci95: null });
  });
});
