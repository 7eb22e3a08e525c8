import { describe, expect, it } from "vitest";
import {
  formatFixed,
  generateValidationReport,
  pyDictRepr,
  pyFloatRepr,
} from "../../src/report/text-report.js";
import {
  emptyResultFrame,
  MultiScenarioValidationResult,
  ScenarioValidationResult,
} from "../../src/scenarios/validation-result.js";
import { RUN_COLUMNS, verifiedExample } from "./fixtures.js";

const GENERATED = "2025-01-02T03:04:05";

describe("formatFixed (Python f-string rounding)", () => {
  // Expected values produced by CPython's f"{x:.{d}f}".
  const cases: [number, number, string][] = [
    [0.125, 2, "0.12"],
    [0.375, 2, "0.38"],
    [2.5, 0, "2"],
    [3.5, 0, "4"],
    [0.5, 0, "0"],
    [1.5, 0, "2"],
    [-2.5, 0, "-2"],
    [12.5, 0, "12"],
    [0.15, 1, "0.1"],
    [0.25, 1, "0.2"],
    [0.35, 1, "0.3"],
    [0.45, 1, "0.5"],
    [2.675, 2, "2.67"],
    [35.35533905932738, 1, "35.4"],
    [-0.04, 1, "-0.0"],
    [1e22, 1, "10000000000000000000000.0"],
    [1.0000000000000002, 20, "1.00000000000000022204"],
    [5e-324, 3, "0.000"],
    [0, 3, "0.000"],
    [100, 1, "100.0"],
  ];
  it.each(cases)("formats %d with %d digits as %s", (x, digits, expected) => {
    expect(formatFixed(x, digits)).toBe(expected);
  });

  it("renders non-finite values like Python", () => {
    expect(formatFixed(Number.NaN, 1)).toBe("nan");
    expect(formatFixed(Number.POSITIVE_INFINITY, 1)).toBe("inf");
    expect(formatFixed(Number.NEGATIVE_INFINITY, 1)).toBe("-inf");
  });
});

describe("pyFloatRepr / pyDictRepr", () => {
  const cases: [number, string][] = [
    [0, "0.0"],
    [0.1, "0.1"],
    [1, "1.0"],
    [1e-5, "1e-05"],
    [1e16, "1e+16"],
    [123456789012345.6, "123456789012345.6"],
    [0.0001, "0.0001"],
    [1.5e-7, "1.5e-07"],
    [-2.5, "-2.5"],
    [1e15, "1000000000000000.0"],
    [9999999999999998, "9999999999999998.0"],
    [1 / 3, "0.3333333333333333"],
  ];
  it.each(cases)("repr(%d) is %s", (x, expected) => {
    expect(pyFloatRepr(x)).toBe(expected);
  });

  it("renders a dict like Python", () => {
    expect(pyDictRepr({ StatefulEmailApp: 1, "it's": 2.5 })).toBe(`{'StatefulEmailApp': 1.0, "it's": 2.5}`);
  });
});

const VERIFIED_REPORT = [
  "",
  "=== PARE Validation Report ===",
  "Split: full",
  `Generated: ${GENERATED}`,
  "",
  "=== Config: gpt-5-mini | observe-execute_gpt-5_gpt-5 | tool_fail=0.0 | env_events=0 ===",
  "",
  "=== Metadata ===",
  "  - Scenarios: 2 unique (4 total runs)",
  "  - Stop reasons: max_turns 4",
  "",
  "=== Metrics ===",
  "  - Success rate: 75.0% +/- 25.0% (STD: 35.4%)",
  "  - Pass@2: 2 scenarios (100.0%)",
  "  - Pass^2: 1 scenarios (50.0%)",
  "  - Pass@2 unbiased estimator: 100.0% (2 scenarios with >= 2 validated runs)",
  "  - Avg run duration: 25.0s simulated (STD: 12.9s)",
  "  - Job duration: 100.0s simulated (the runs' durations summed; wall time is in run_manifest.json)",
  "  - Total proposals: 4",
  "  - Total acceptances: 3",
  "  - Total turns: 40",
  "  - Proposal rate: 0.100 +/- 0.050 (STD: 0.071)",
  "  - Acceptance rate: 75.0% +/- 16.7% (STD: 23.6%)",
  "  - Avg read-only actions: 5.5 +/- 0.5 (STD: 0.7)",
  "  - Avg write actions: 0.0 +/- 0.0 (STD: 0.0)",
].join("\n");

describe("generateValidationReport", () => {
  it("reproduces the verified example exactly", () => {
    expect(generateValidationReport(verifiedExample().toPolars(), "full", GENERATED)).toBe(VERIFIED_REPORT);
  });

  it("is what MultiScenarioValidationResult.description returns", () => {
    expect(verifiedExample().description("full", GENERATED)).toBe(VERIFIED_REPORT);
  });

  it("prints weights and the extra metadata lines only when relevant", () => {
    const multi = new MultiScenarioValidationResult({ ...RUN_COLUMNS, toolFailureProbability: 0.1 }, 2);
    multi.addResult(new ScenarioValidationResult({ success: true }), "a");
    multi.addResult(new ScenarioValidationResult({ success: null }), "b");
    multi.addResult(
      new ScenarioValidationResult({
        success: null,
        exception: { type: "TimeoutError", message: "late", kind: "timeout" },
      }),
      "c",
    );
    const text = generateValidationReport(multi.toPolars(), "ablation", GENERATED, { StatefulEmailApp: 1 });
    const lines = text.split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "",
      "=== PARE Validation Report ===",
      "Split: ablation",
      "Weight per app class: {'StatefulEmailApp': 1.0}",
      `Generated: ${GENERATED}`,
    ]);
    expect(lines).toContain(
      "=== Config: gpt-5-mini | observe-execute_gpt-5_gpt-5 | tool_fail=0.1 | env_events=0 ===",
    );
    const meta = lines.indexOf("=== Metadata ===");
    expect(lines.slice(meta + 1, meta + 6)).toEqual([
      "  - Scenarios: 3 unique (3 total runs)",
      "    - Validated runs (counted in success rate): 1",
      "    - No validation runs (not counted): 1",
      "    - Error runs: 1 (infrastructure 1)",
      "    - Infrastructure errors (excluded from every rate and average): 1",
    ]);
    // One run per scenario: the spread is undefined, not zero.
    expect(lines).toContain("  - Success rate: 100.0% +/- n/a (STD: n/a: one run per scenario)");
    expect(lines).toContain("  - Proposal rate: n/a (no agent turns: proposals per turn is undefined)");
    expect(lines).toContain("  - Acceptance rate: n/a (no proposals)");
    // Pass@k is over the scenarios with a counted run: c's only run broke on the infrastructure.
    expect(lines).toContain("  - Pass@1: 1 scenarios (50.0%)");
  });

  it("breaks the runs down by how they stopped, in a fixed order", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS, 2);
    const reasons = ["timeout", "max_turns", "stop_event", "max_turns", null] as const;
    reasons.forEach((stopReason, i) => {
      multi.addResult(new ScenarioValidationResult({ success: false, stopReason }), `s${i}`);
    });
    const lines = generateValidationReport(multi.toPolars(), "full", GENERATED).split("\n");
    expect(lines).toContain("  - Stop reasons: max_turns 2, stop_event 1, timeout 1, unrecorded 1");
  });

  it("prints no weight line for an empty mapping", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS, 2);
    multi.addResult(new ScenarioValidationResult({ success: true }), "a");
    const lines = generateValidationReport(multi.toPolars(), "full", GENERATED, {}).split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "",
      "=== PARE Validation Report ===",
      "Split: full",
      `Generated: ${GENERATED}`,
    ]);
    expect(lines.some((l) => l.startsWith("Weight per app class"))).toBe(false);
  });

  it("labels pass@k with the runs per scenario even when no run was validated", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS, 2);
    for (const id of ["a", "b"])
      for (const run of [1, 2, 3]) multi.addResult(new ScenarioValidationResult({ success: null }), id, run);
    const lines = generateValidationReport(multi.toPolars(), "full", GENERATED).split("\n");
    expect(lines).toContain("  - Pass@3: 0 scenarios (0.0%)");
    expect(lines).toContain("  - Pass^3: 0 scenarios (0.0%)");
  });

  it("repeats the block per config in key order", () => {
    const a = new MultiScenarioValidationResult({ ...RUN_COLUMNS, userModel: "user-b" });
    a.addResult(new ScenarioValidationResult({ success: true }), "x");
    const b = new MultiScenarioValidationResult({ ...RUN_COLUMNS, userModel: "user-a" });
    b.addResult(new ScenarioValidationResult({ success: false }), "x");
    const text = generateValidationReport(a.toPolars().vstack(b.toPolars()), "full", GENERATED);
    const configs = text.split("\n").filter((line) => line.startsWith("=== Config"));
    expect(configs).toEqual([
      "=== Config: user-a | observe-execute_gpt-5_gpt-5 | tool_fail=0.0 | env_events=0 ===",
      "=== Config: user-b | observe-execute_gpt-5_gpt-5 | tool_fail=0.0 | env_events=0 ===",
    ]);
    expect(text.split("\n").filter((line) => line === "=== Metrics ===")).toHaveLength(2);
  });

  it("prints only the header for an empty frame", () => {
    expect(generateValidationReport(emptyResultFrame(), "full", GENERATED)).toBe(
      ["", "=== PARE Validation Report ===", "Split: full", `Generated: ${GENERATED}`].join("\n"),
    );
  });
});
