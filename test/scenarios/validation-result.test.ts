import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import {
  exceptionFromError,
  MultiScenarioValidationResult,
  PARE_RESULT_SCHEMA,
  RESULT_COLUMNS,
  RESULT_SCHEMA,
  ResultRunColumns,
  ScenarioValidationResult,
} from "../../src/scenarios/validation-result.js";

const RUN_COLUMNS = {
  userModel: "gpt-5-mini",
  userProvider: "openai",
  observeModel: "gpt-5",
  observeProvider: "openai",
  executeModel: "claude",
  executeProvider: "anthropic",
  agentType: "observe-execute",
  toolFailureProbability: 0.1,
  numEnvEventsPerMinute: 5,
};

describe("ScenarioValidationResult", () => {
  it("derives proposal and acceptance rates", () => {
    const r = new ScenarioValidationResult({
      success: true,
      proposalCount: 4,
      acceptanceCount: 1,
      numberOfTurns: 10,
    });
    expect(r.proposalRate).toBeCloseTo(0.4, 12);
    expect(r.acceptanceRate).toBeCloseTo(0.25, 12);
    expect(r.status).toBe("success");
  });

  it("gives 0 rates when denominators are 0", () => {
    const r = new ScenarioValidationResult({ success: false, proposalCount: 3 });
    expect(r.proposalRate).toBe(0);
    expect(r.acceptanceRate).toBe(0);
    expect(new ScenarioValidationResult({ success: null }).acceptanceRate).toBe(0);
  });

  it("round-trips through JSON", () => {
    const r = new ScenarioValidationResult({
      success: null,
      exception: { type: "RateLimitError", message: "429", kind: "infrastructure" },
      exportPath: "/tmp/trace.json",
      rationale: "n/a",
      duration: 12.5,
      proposalCount: 2,
      acceptanceCount: 1,
      readOnlyActions: 7,
      writeActions: 1,
      numberOfTurns: 10,
    });
    const json = JSON.parse(JSON.stringify(r));
    expect(json.proposalRate).toBeCloseTo(0.2, 12);
    const back = ScenarioValidationResult.fromJSON(json);
    expect(back.toJSON()).toEqual(r.toJSON());
    expect(back.status).toBe("exception");
  });

  it("recomputes derived rates instead of trusting the file", () => {
    const back = ScenarioValidationResult.fromJSON({
      success: true,
      proposalCount: 1,
      numberOfTurns: 2,
      proposalRate: 9,
    });
    expect(back.proposalRate).toBe(0.5);
  });

  it("rejects invalid JSON with the field named", () => {
    expect(() => ScenarioValidationResult.fromJSON({ success: true, proposalCount: -1 })).toThrow(ZodError);
    expect(() => ScenarioValidationResult.fromJSON({ success: "yes" })).toThrow(/success/);
    expect(() =>
      ScenarioValidationResult.fromJSON({
        success: false,
        exception: { type: "X", message: "m", kind: "oops" },
      }),
    ).toThrow(/kind/);
  });

  it("classifies statuses", () => {
    expect(new ScenarioValidationResult({ success: false }).status).toBe("failed");
    expect(new ScenarioValidationResult({ success: null }).status).toBe("no_validation");
  });
});

describe("exceptionFromError", () => {
  it("keeps the error class name and message", () => {
    class TimeoutError extends Error {}
    expect(exceptionFromError(new TimeoutError("late"), "timeout")).toEqual({
      type: "TimeoutError",
      message: "late",
      kind: "timeout",
    });
    expect(exceptionFromError(new TypeError("bad"), "agent").type).toBe("TypeError");
    expect(exceptionFromError("boom", "scenario")).toEqual({
      type: "Error",
      message: "boom",
      kind: "scenario",
    });
  });
});

describe("MultiScenarioValidationResult", () => {
  const ok = (proposals = 0, acceptances = 0, turns = 10) =>
    new ScenarioValidationResult({
      success: true,
      proposalCount: proposals,
      acceptanceCount: acceptances,
      numberOfTurns: turns,
    });

  it("counts statuses, totals and rates", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS, 60);
    multi.addResult(ok(2, 1), "a", 1);
    multi.addResult(
      new ScenarioValidationResult({ success: false, proposalCount: 2, numberOfTurns: 10 }),
      "a",
      2,
    );
    multi.addResult(new ScenarioValidationResult({ success: null }), "b", 1);
    multi.addResult(
      new ScenarioValidationResult({ success: null, exception: { type: "E", message: "m", kind: "agent" } }),
      "b",
      2,
    );
    expect([multi.successfulCount, multi.failedCount, multi.exceptionCount, multi.noValidationCount]).toEqual(
      [1, 1, 1, 1],
    );
    expect(multi.size).toBe(4);
    expect(multi.totalProposals).toBe(4);
    expect(multi.totalAcceptances).toBe(1);
    expect(multi.totalTurns).toBe(20);
    expect(multi.aggregateProposalRate).toBeCloseTo(0.2, 12);
    expect(multi.aggregateAcceptanceRate).toBeCloseTo(0.25, 12);
    expect(multi.successRate).toBeCloseTo(1 / 3, 12);
  });

  it("replaces a repeated key and keeps the counters consistent", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS);
    multi.addResult(new ScenarioValidationResult({ success: false }), "a", 1);
    multi.addResult(ok(), "b", 1);
    multi.addResult(ok(3, 3), "a", 1);
    expect(multi.size).toBe(2);
    expect(multi.successfulCount).toBe(2);
    expect(multi.failedCount).toBe(0);
    expect(multi.successRate).toBe(1);
    expect(multi.totalProposals).toBe(3);
    // The replacement keeps the first insertion's position.
    expect(multi.results.map((e) => e.scenarioId)).toEqual(["a", "b"]);
    expect(multi.getResult("a", 1)?.proposalCount).toBe(3);
    // A null run number is a key of its own.
    multi.addResult(ok(), "a", null);
    expect(multi.size).toBe(3);
  });

  it("has zero rates when empty", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS);
    expect(multi.successRate).toBe(0);
    expect(multi.aggregateProposalRate).toBe(0);
    expect(multi.aggregateAcceptanceRate).toBe(0);
  });

  it("validates the run columns", () => {
    expect(() => new MultiScenarioValidationResult({ ...RUN_COLUMNS, toolFailureProbability: 2 })).toThrow(
      /toolFailureProbability/,
    );
    expect(ResultRunColumns.parse({ userModel: "u", observeModel: "o", executeModel: "e" })).toEqual({
      userModel: "u",
      userProvider: null,
      observeModel: "o",
      observeProvider: null,
      executeModel: "e",
      executeProvider: null,
      agentType: "observe-execute",
      toolFailureProbability: 0,
      numEnvEventsPerMinute: 0,
    });
  });
});

describe("MultiScenarioValidationResult.toPolars", () => {
  it("has exactly PARE's 29 columns and dtypes in order, then ours", () => {
    const df = new MultiScenarioValidationResult(RUN_COLUMNS).toPolars();
    expect(df.height).toBe(0);
    expect(df.columns.slice(29)).toEqual(["run_id", "seed", "config_hash", "error_class", "stop_reason"]);
    expect(Object.keys(PARE_RESULT_SCHEMA)).toEqual(df.columns.slice(0, 29));
    expect(df.columns.slice(0, 29)).toEqual([
      "base_scenario_id",
      "run_number",
      "success_numeric",
      "success_bool",
      "status",
      "has_exception",
      "exception_type",
      "exception_message",
      "rationale",
      "export_path",
      "run_duration",
      "job_duration",
      "user_model",
      "user_provider",
      "observe_model",
      "observe_provider",
      "execute_model",
      "execute_provider",
      "agent_type",
      "proactive_model",
      "tool_failure_probability",
      "num_env_events_per_minute",
      "proposal_count",
      "acceptance_count",
      "read_only_actions",
      "write_actions",
      "number_of_turns",
      "proposal_rate",
      "acceptance_rate",
    ]);
    expect(RESULT_COLUMNS).toEqual(df.columns);
    expect(df.schema).toEqual(RESULT_SCHEMA);
    const dtypes = Object.values(df.schema).map(String);
    expect(dtypes).toEqual([
      "DataType(String)",
      "DataType(Int64)",
      "DataType(Float64)",
      "DataType(Bool)",
      "DataType(String)",
      "DataType(Bool)",
      ...Array(4).fill("DataType(String)"),
      "DataType(Float64)",
      "DataType(Float64)",
      ...Array(8).fill("DataType(String)"),
      "DataType(Float64)",
      ...Array(6).fill("DataType(Int64)"),
      "DataType(Float64)",
      "DataType(Float64)",
      "DataType(String)",
      "DataType(Int64)",
      "DataType(String)",
      "DataType(String)",
      "DataType(String)",
    ]);
  });

  it("fills one row per result", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS, 42);
    multi.identity = { runId: "abc123", configHash: "f00d" };
    multi.addResult(
      new ScenarioValidationResult({
        success: false,
        exception: { type: "ScenarioTimeoutError", message: "timed out", kind: "timeout" },
        rationale: "r",
        exportPath: "/t.json",
        duration: 3.5,
        proposalCount: 2,
        acceptanceCount: 1,
        readOnlyActions: 4,
        writeActions: 1,
        numberOfTurns: 8,
        stopReason: "timeout",
      }),
      "s1",
      2,
      8,
    );
    multi.addResult(new ScenarioValidationResult({ success: null }), "s2", null);
    const rows = multi.toPolars().toRecords();
    expect(rows[0]).toEqual({
      base_scenario_id: "s1",
      run_number: 2,
      success_numeric: 0,
      success_bool: false,
      status: "failed",
      has_exception: true,
      exception_type: "ScenarioTimeoutError",
      exception_message: "timed out",
      rationale: "r",
      export_path: "/t.json",
      run_duration: 3.5,
      job_duration: 42,
      user_model: "gpt-5-mini",
      user_provider: "openai",
      observe_model: "gpt-5",
      execute_model: "claude",
      observe_provider: "openai",
      execute_provider: "anthropic",
      agent_type: "observe-execute",
      proactive_model: "observe-execute_gpt-5_claude",
      tool_failure_probability: 0.1,
      num_env_events_per_minute: 5,
      proposal_count: 2,
      acceptance_count: 1,
      read_only_actions: 4,
      write_actions: 1,
      number_of_turns: 8,
      proposal_rate: 0.25,
      acceptance_rate: 0.5,
      run_id: "abc123",
      seed: 8,
      config_hash: "f00d",
      error_class: "infrastructure",
      stop_reason: "timeout",
    });
    expect(rows[1]).toMatchObject({
      base_scenario_id: "s2",
      run_number: null,
      success_numeric: null,
      success_bool: null,
      status: "no_validation",
      has_exception: false,
      exception_type: null,
    });
  });

  it("appends extra columns as strings", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS);
    multi.addResult(new ScenarioValidationResult({ success: true }), "s");
    const df = multi.toPolars({ split: "full", batch: "7" });
    expect(df.columns.slice(-2)).toEqual(["split", "batch"]);
    expect(String(df.schema["batch"])).toBe(String(pl.String));
    expect(df.getColumn("batch").toArray()).toEqual(["7"]);
    expect(() => multi.toPolars({ status: "x" })).toThrow(/clashes/);
  });

  it("builds large frames from column arrays", () => {
    const multi = new MultiScenarioValidationResult(RUN_COLUMNS);
    for (let i = 0; i < 5000; i++) {
      multi.addResult(
        new ScenarioValidationResult({ success: i % 3 === 0, numberOfTurns: 10 }),
        `s${i % 500}`,
        i,
      );
    }
    const df = multi.toPolars();
    expect(df.height).toBe(5000);
    expect(df.getColumn("run_number").get(4999)).toBe(4999);
    expect(df.getColumn("success_numeric").sum()).toBe(1667);
  });
});
