import { describe, expect, it } from "vitest";
import { generateJsonStatsReport } from "../../src/report/json-report.js";
import { calculateStatistics } from "../../src/report/statistics.js";
import {
  emptyResultFrame,
  MultiScenarioValidationResult,
  ScenarioValidationResult,
} from "../../src/scenarios/validation-result.js";
import { RUN_COLUMNS, verifiedExample } from "./fixtures.js";

describe("generateJsonStatsReport", () => {
  it("writes metadata and one entry per config with all statistics", () => {
    const df = verifiedExample().toPolars();
    const report = generateJsonStatsReport(df, "full", { StatefulEmailApp: 1 }, "2025-01-02T03:04:05");
    expect(report.metadata).toEqual({
      split: "full",
      timestamp: "2025-01-02T03:04:05",
      report_version: "1.0",
      weight_per_app_class: { StatefulEmailApp: 1 },
    });
    expect(report.per_config_results).toHaveLength(1);
    const stats = calculateStatistics(df);
    expect(report.per_config_results[0]).toEqual({
      user_model: "gpt-5-mini",
      proactive_model: "observe-execute_gpt-5_gpt-5",
      tool_failure_probability: 0,
      num_env_events_per_minute: 0,
      ...stats.global,
      ...stats.pas_metrics,
      stop_reasons: { max_turns: 4 },
    });
  });

  it("orders configs deterministically and records null weights", () => {
    const frames = [0.2, 0, 0.1].map((p) => {
      const multi = new MultiScenarioValidationResult({ ...RUN_COLUMNS, toolFailureProbability: p });
      multi.addResult(new ScenarioValidationResult({ success: p === 0 }), "s");
      return multi.toPolars();
    });
    const df = frames[0]!.vstack(frames[1]!).vstack(frames[2]!);
    const report = generateJsonStatsReport(df, "custom", undefined, "t");
    expect(report.metadata.weight_per_app_class).toBeNull();
    expect(report.per_config_results.map((e) => e.tool_failure_probability)).toEqual([0, 0.1, 0.2]);
    expect(report.per_config_results.map((e) => e.success_rate)).toEqual([100, 0, 0]);
  });

  it("has no entries for an empty frame", () => {
    expect(generateJsonStatsReport(emptyResultFrame(), "full", undefined, "t").per_config_results).toEqual(
      [],
    );
  });
});
