import { describe, expect, it } from "vitest";
import { NoopPolicy } from "../../src/agents/baselines/noop-policy.js";
import { ScriptedUserPolicy } from "../../src/agents/baselines/scripted-user-policy.js";
import type { Policy } from "../../src/agents/types.js";
import type { Environment } from "../../src/core/environment.js";
import { summarizeMetrics } from "../../src/evaluation/metrics.js";
import {
  replayEnvironment,
  rescoreTrace,
  rescoreTraceFiles,
  scenarioForTrace,
} from "../../src/evaluation/rescore.js";
import { buildTrace } from "../../src/evaluation/trace-builder.js";
import { loadTrace } from "../../src/evaluation/trace-io.js";
import { ScenarioRegistry, scenarioRegistry } from "../../src/registry/scenario-registry.js";
import { calculateStatistics } from "../../src/report/statistics.js";
import { ScenarioRunnerConfig } from "../../src/runner/config.js";
import { type FinishedRun, runScenario } from "../../src/runner/scenario-runner.js";
import { EvalTodo, NOOP, ORACLE, recordedJob, runTodo, SCENARIO_ID, tempDir } from "./helpers.js";

const GENERATED = "2025-01-01 00:00:00";

describe("re-scoring saved traces gives the live run's verdicts", () => {
  for (const [label, over] of [
    ["oracle", ORACLE],
    ["noop", NOOP],
  ] as const) {
    for (const runs of [1, 2]) {
      for (const traceFormat of ["full", "lite"] as const) {
        it(`${label}, ${runs} run(s), ${traceFormat} traces: same frame, same report`, async () => {
          const job = await recordedJob({ ...over, runsPerScenario: runs, traceFormat }, tempDir());
          expect(job.recorder.traceFiles).toHaveLength(runs);
          const groups = rescoreTraceFiles(job.recorder.traceFiles);
          expect(groups).toHaveLength(1);
          const group = groups[0]!;
          expect(group.configHash).toBe(job.manifest.configHash);
          expect(group.runs.every((r) => !r.verdictChanged)).toBe(true);
          expect(group.results.toPolars().toRecords()).toEqual(job.outcome.results.toPolars().toRecords());
          expect(group.results.description("custom", GENERATED)).toBe(
            job.outcome.results.description("custom", GENERATED),
          );
          const expected = label === "oracle";
          expect(group.runs.map((r) => r.result.success)).toEqual(Array(runs).fill(expected));
          expect(group.runs.map((r) => r.metrics.find((m) => m.name === "success")?.value)).toEqual(
            Array(runs).fill(expected ? 1 : 0),
          );
        });
      }
    }
  }

  it("groups traces of different configs apart, each like its own job", async () => {
    const oracle = await recordedJob(ORACLE, tempDir());
    const noop = await recordedJob(NOOP, tempDir());
    const groups = rescoreTraceFiles([...noop.recorder.traceFiles, ...oracle.recorder.traceFiles]);
    expect(groups.map((g) => g.configHash)).toEqual([noop.manifest.configHash, oracle.manifest.configHash]);
    expect(groups[1]?.results.toPolars().toRecords()).toEqual(oracle.outcome.results.toPolars().toRecords());
  });
});

describe("rescoreTrace", () => {
  it("rebuilds the environment: the trace's events and the apps' final states", async () => {
    const { run, trace } = await runTodo(ORACLE);
    const scenario = scenarioForTrace(trace);
    const env = replayEnvironment(trace, scenario);
    const live = run.env as Environment;
    expect(JSON.stringify(env.eventLog.listView())).toBe(JSON.stringify(live.eventLog.listView()));
    expect(env.getApp("Todo").getState()).toEqual(live.getApp("Todo").getState());
    expect(env.now()).toBe(live.now());
    expect(env.state).toBe("STOPPED");
  });

  it("uses the scenario's current validator, and says when the scenario changed", async () => {
    const { trace } = await runTodo(NOOP);
    class Lenient extends EvalTodo {
      override validate() {
        return { success: true, rationale: "anything goes" };
      }
    }
    const registry = new ScenarioRegistry();
    registry.register(SCENARIO_ID, Lenient as never);
    const warnings: string[] = [];
    const result = rescoreTrace(trace, { registry, warn: (m) => warnings.push(m) });
    expect(result.success).toBe(true);
    expect(result.rationale).toBe("anything goes");
    expect(warnings.join("\n")).toMatch(/changed since this trace was recorded/);
  });

  it("keeps a run's failure when it broke before validation", async () => {
    let calls = 0;
    const crashing: Policy = {
      async decide() {
        calls += 1;
        if (calls > 2) throw new Error("model fell over");
        return new NoopPolicy().decide();
      },
      reset() {},
    };
    let finished: FinishedRun | null = null;
    const live = await runScenario(scenarioRegistry().create(SCENARIO_ID), {
      config: ScenarioRunnerConfig.parse(NOOP),
      policies: () => ({ user: new ScriptedUserPolicy(["Todo"]), observe: crashing, execute: crashing }),
      onFinished: (run) => {
        finished = run;
      },
    });
    expect(live.exception?.message).toBe("model fell over");
    const result = rescoreTrace(buildTrace(finished as unknown as FinishedRun));
    expect(result.toJSON()).toEqual(live.toJSON());
  });

  it("warns when a lite trace meets a validator that reads app state", async () => {
    class StateReading extends EvalTodo {
      override validate() {
        const done = this.todo.items.some((i) => i.title === "Call Bob" && i.done);
        return { success: done, rationale: done ? "done" : "not done" };
      }
    }
    const registry = new ScenarioRegistry();
    registry.register(SCENARIO_ID, StateReading as never);
    const full = (await runTodo(ORACLE)).trace;
    expect(rescoreTrace(full, { registry }).success).toBe(true);
    const warnings: string[] = [];
    const lite = (await runTodo(ORACLE, { format: "lite" })).trace;
    expect(rescoreTrace(lite, { registry, warn: (m) => warnings.push(m) }).success).toBe(false);
    expect(warnings.join("\n")).toMatch(/lite traces keep no app states/);
  });

  it("reports a scenario it cannot find as a config exception", async () => {
    const { trace } = await runTodo(ORACLE);
    const warnings: string[] = [];
    const result = rescoreTrace(
      { ...trace, scenarioId: "no_such_scenario" },
      { warn: (m) => warnings.push(m) },
    );
    expect(result.success).toBe(false);
    expect(result.exception).toMatchObject({ kind: "config", type: "UnknownScenarioError" });
    expect(warnings).toHaveLength(1);
  });

  it("turns a crashing validator into a scenario exception, as the live run does", async () => {
    const { trace } = await runTodo(ORACLE);
    class Crashing extends EvalTodo {
      override validate(): never {
        throw new Error("validator bug");
      }
    }
    const registry = new ScenarioRegistry();
    registry.register(SCENARIO_ID, Crashing as never);
    const result = rescoreTrace(trace, { registry });
    expect(result.success).toBe(false);
    expect(result.exception).toMatchObject({ message: "validator bug", kind: "scenario" });
  });

  it("reads traces back from the recorder's files with the run id stamped", async () => {
    const job = await recordedJob(ORACLE, tempDir(), { runId: "abc123" });
    const trace = loadTrace(job.recorder.traceFiles[0] as string);
    expect(trace.manifest.runId).toBe("abc123");
    expect(rescoreTrace(trace).success).toBe(true);
  });
});

describe("pare evaluate and pare report give the same rates", () => {
  it("pooled proposal and acceptance rates equal the report's aggregate rates; the per-run mean is reported apart", async () => {
    const job = await recordedJob(
      { agentType: "random", userType: "scripted", runsPerScenario: 4 },
      tempDir(),
    );
    const group = rescoreTraceFiles(job.recorder.traceFiles)[0]!;
    const summary = summarizeMetrics(group.runs.map((r) => r.metrics));
    const pas = calculateStatistics(job.outcome.results.toPolars()).pas_metrics;
    const by = (name: string) => summary.find((m) => m.name === name)!;
    expect(pas.total_proposals).toBeGreaterThan(0);
    expect(by("proposal_rate").pooled).toBeCloseTo(pas.aggregate_proposal_rate, 12);
    expect(by("acceptance_rate").pooled).toBeCloseTo(pas.aggregate_acceptance_rate, 12);
    // Not a pooled rate: no pooled figure at all rather than a made-up one.
    expect(by("success").pooled).toBeUndefined();
  });
});
