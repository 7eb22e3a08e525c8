import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NoopPolicy } from "../../src/agents/baselines/noop-policy.js";
import { ScriptedUserPolicy } from "../../src/agents/baselines/scripted-user-policy.js";
import { DeliberationRecord, MemoryDeliberationSink } from "../../src/agents/deliberation-log.js";
import type { Policy } from "../../src/agents/types.js";
import { createTraceRecorder, outputRootOf } from "../../src/cli/commands/trace-recorder.js";
import { readHistory } from "../../src/evaluation/run-history.js";
import { loadTrace } from "../../src/evaluation/trace-io.js";
import { scenarioRegistry } from "../../src/registry/scenario-registry.js";
import { MultiScenarioRunnerConfig, ScenarioRunnerConfig } from "../../src/runner/config.js";
import { runBenchmark } from "../../src/runner/multi-runner.js";
import { type FinishedRun, runScenario } from "../../src/runner/scenario-runner.js";
import { manifestFor, NOOP, ORACLE, recordedJob, SCENARIO_ID, tempDir } from "../evaluation/helpers.js";

const lines = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => DeliberationRecord.parse(JSON.parse(l)));

describe("createTraceRecorder", () => {
  it("writes a trace and a deliberations file per run, and a history line per job", async () => {
    const root = tempDir();
    const job = await recordedJob({ ...NOOP, runsPerScenario: 2 }, root, { runId: "job-1" });
    const traces = join(job.resultsDir, "traces");
    expect(readdirSync(traces).sort()).toEqual([
      "eval_todo_1_deliberations.jsonl",
      "eval_todo_1_trace.json",
      "eval_todo_2_deliberations.jsonl",
      "eval_todo_2_trace.json",
    ]);
    for (const run of [1, 2]) {
      const trace = loadTrace(join(traces, `eval_todo_${run}_trace.json`));
      expect(trace).toMatchObject({
        runNumber: run,
        manifest: { runId: "job-1", configHash: job.manifest.configHash },
      });
      expect(lines(join(traces, `eval_todo_${run}_deliberations.jsonl`))).toEqual(trace.deliberations);
      expect(job.outcome.results.getResult(SCENARIO_ID, run)?.exportPath).toBe(
        join(traces, `eval_todo_${run}_trace.json`),
      );
    }
    expect(job.recorder.historyPath).toBe(join(root, "history.jsonl"));
    await recordedJob(ORACLE, root, { runId: "job-2" });
    const history = readHistory(join(root, "history.jsonl"));
    expect(history.map((h) => [h.runId, h.runType, h.agentType, h.totalRuns, h.successRate])).toEqual([
      ["job-1", "offline", "noop", 2, 0],
      ["job-2", "oracle", "oracle", 1, 1],
    ]);
    expect(history[0]).toMatchObject({
      configHash: job.manifest.configHash,
      models: { user: "gpt-5-mini", observe: "gpt-5", execute: "gpt-5" },
      costUsd: null,
      durationSeconds: 1.5,
      resultsDir: join(
        "default_custom_user_gpt-5-mini_mt_10_umi_1_omi_5_emi_10",
        "obs_gpt-5_exec_gpt-5_enmi_0_es_42_tfp_0.0",
      ),
    });
  });

  it("writes byte-identical traces and deliberations for the same seed and config", async () => {
    for (const over of [ORACLE, NOOP, { agentType: "random", userType: "scripted", seed: 5 }] as const) {
      const a = await recordedJob(over, tempDir());
      const b = await recordedJob(over, tempDir());
      const files = readdirSync(join(a.resultsDir, "traces")).sort();
      expect(readdirSync(join(b.resultsDir, "traces")).sort()).toEqual(files);
      for (const f of files)
        expect(readFileSync(join(b.resultsDir, "traces", f), "utf8")).toBe(
          readFileSync(join(a.resultsDir, "traces", f), "utf8"),
        );
    }
  });

  it("writes agent steps as the run goes", async () => {
    const dir = join(tempDir(), "traces");
    const config = MultiScenarioRunnerConfig.parse({ ...NOOP, enableCaching: false });
    const recorder = createTraceRecorder(config, dir, { warn: () => {} });
    const seenBeforeRecord: number[] = [];
    await runBenchmark([SCENARIO_ID], config, {
      deliberationsFor: recorder.deliberationsFor,
      onFinished: (run) => {
        seenBeforeRecord.push(lines(join(dir, "eval_todo_single_deliberations.jsonl")).length);
        recorder.record(run);
      },
    });
    expect(seenBeforeRecord).toEqual([20]);
  });

  it("keeps the steps of a run that never finished", async () => {
    const dir = join(tempDir(), "traces");
    const config = MultiScenarioRunnerConfig.parse({ ...NOOP, enableCaching: false });
    const recorder = createTraceRecorder(config, dir, { warn: () => {} });
    let calls = 0;
    const dying: Policy = {
      async decide() {
        calls += 1;
        if (calls > 3) throw new Error("process killed");
        return new NoopPolicy().decide();
      },
      reset() {},
    };
    await runScenario(scenarioRegistry().create(SCENARIO_ID), {
      config: ScenarioRunnerConfig.parse(NOOP),
      runNumber: 4,
      deliberations: recorder.deliberationsFor(SCENARIO_ID, 4),
      policies: () => ({ user: new ScriptedUserPolicy(["Todo"]), observe: dying, execute: dying }),
    });
    const kept = lines(join(dir, "eval_todo_4_deliberations.jsonl"));
    expect(kept.filter((d) => d.role === "observe")).toHaveLength(3);
    expect(existsSync(join(dir, "eval_todo_4_trace.json"))).toBe(false);
    // A rerun of the same run starts the file afresh.
    recorder.deliberationsFor(SCENARIO_ID, 4);
    expect(readFileSync(join(dir, "eval_todo_4_deliberations.jsonl"), "utf8")).toBe("");
  });

  it("writes the deliberations file from the run's own sink when it was not handed one", async () => {
    const dir = join(tempDir(), "traces");
    const config = MultiScenarioRunnerConfig.parse({ ...NOOP, enableCaching: false });
    const recorder = createTraceRecorder(config, dir, { format: "lite", warn: () => {} });
    const sink = new MemoryDeliberationSink();
    await runScenario(scenarioRegistry().create(SCENARIO_ID), {
      config: ScenarioRunnerConfig.parse(NOOP),
      deliberations: sink,
      onFinished: recorder.record,
    });
    expect(lines(join(dir, "eval_todo_single_deliberations.jsonl"))).toEqual(sink.entries);
    expect(loadTrace(join(dir, "eval_todo_single_trace.json")).format).toBe("lite");
  });

  it("never turns a finished run into a failure when a trace cannot be written", () => {
    const config = MultiScenarioRunnerConfig.parse({});
    const warnings: string[] = [];
    const recorder = createTraceRecorder(config, join(tempDir(), "traces"), {
      warn: (m) => warnings.push(m),
    });
    const broken = {
      scenario: scenarioRegistry().create(SCENARIO_ID),
      env: {
        eventLog: {
          listView: () => {
            throw new Error("disk on fire");
          },
        },
      },
    } as unknown as FinishedRun;
    expect(() => recorder.record(broken)).not.toThrow();
    expect(warnings[0]).toMatch(/cannot write the trace of eval_todo: disk on fire/);
    expect(recorder.traceFiles).toEqual([]);
  });

  it("finds the output root from the benchmark's directory layout", async () => {
    const config = MultiScenarioRunnerConfig.parse({ experimentName: "exp" });
    const job = join("/r", "exp_custom_user_x", "obs_gpt-5_exec_gpt-5_enmi_0_es_42_tfp_0.0", "traces");
    expect(outputRootOf(config, job)).toBe("/r");
    expect(outputRootOf(config, join("/elsewhere", "traces"))).toBe("/elsewhere");
    expect(outputRootOf(config, "/flat")).toBe("/flat");
    const root = tempDir();
    const recorder = createTraceRecorder(config, join(root, "t"), { outputRoot: join(root, "hist") });
    const outcome = await runBenchmark(
      [SCENARIO_ID],
      MultiScenarioRunnerConfig.parse({ ...ORACLE, enableCaching: false }),
    );
    recorder.finish(outcome.results, manifestFor(config, outcome, [SCENARIO_ID]));
    expect(readHistory(join(root, "hist", "history.jsonl"))).toHaveLength(1);
  });
});
