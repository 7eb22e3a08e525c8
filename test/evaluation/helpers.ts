import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTraceRecorder, type TraceRecorder } from "../../src/cli/commands/trace-recorder.js";
import { buildTrace } from "../../src/evaluation/trace-builder.js";
import type { PareTrace } from "../../src/evaluation/trace-schema.js";
import { scenarioRegistry } from "../../src/registry/scenario-registry.js";
import { configDescriptor, resultsDirName } from "../../src/report/results-directory.js";
import {
  MultiScenarioRunnerConfig,
  type MultiScenarioRunnerConfigInput,
  ScenarioRunnerConfig,
} from "../../src/runner/config.js";
import { getConfigHash } from "../../src/runner/fingerprint.js";
import { type BenchmarkOutcome, runBenchmark } from "../../src/runner/multi-runner.js";
import { NO_LLM_USAGE, type RunManifest } from "../../src/runner/run-manifest.js";
import { type FinishedRun, runScenario } from "../../src/runner/scenario-runner.js";
import { TodoFollowupScenario } from "../support/todo-scenario.js";

export const SCENARIO_ID = "eval_todo";

export class EvalTodo extends TodoFollowupScenario {}

const registry = scenarioRegistry();
if (!registry.has(SCENARIO_ID)) registry.register(SCENARIO_ID, EvalTodo as never);

export const ORACLE = { oracle: true } as const;
export const NOOP = { agentType: "noop", userType: "scripted" } as const;

export function tempDir(prefix = "pare-eval-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** One run of the todo scenario through the single-scenario runner, with its trace. */
export async function runTodo(
  over: Record<string, unknown>,
  options: { runNumber?: number | null; format?: "full" | "lite" } = {},
): Promise<{ run: FinishedRun; trace: PareTrace }> {
  let finished: FinishedRun | null = null;
  await runScenario(registry.create(SCENARIO_ID), {
    config: ScenarioRunnerConfig.parse(over),
    runNumber: options.runNumber ?? null,
    onFinished: (run) => {
      finished = run;
    },
  });
  const run = finished as unknown as FinishedRun;
  return { run, trace: buildTrace(run, { format: options.format }) };
}

export function manifestFor(
  config: MultiScenarioRunnerConfig,
  outcome: BenchmarkOutcome,
  ids: string[],
  runId = "run-0001",
): RunManifest {
  const role = (e: { provider: string; model: string }) => ({
    provider: e.provider,
    model: e.model,
    temperature: null,
  });
  return {
    runId,
    timestamp: "2025-01-01T00:00:00Z",
    selection: { split: null, scenarios: ids, shard: null },
    seed: config.seed,
    mode: config.oracle ? "oracle" : "offline",
    agentType: config.oracle ? "oracle" : config.agentType,
    models: {
      user: role(config.userEngine),
      observe: role(config.observeEngine),
      execute: role(config.executeEngine),
    },
    concurrency: config.maxConcurrentScenarios,
    runsPerScenario: config.runsPerScenario,
    totalRuns: outcome.results.size,
    executedRuns: outcome.executed,
    resultCacheHits: outcome.cacheHits,
    llm: NO_LLM_USAGE,
    infrastructureErrors: outcome.infrastructureErrors,
    errorClasses: outcome.errorClasses,
    excludedFromSuccessRate: outcome.errorClasses.infrastructure,
    interrupted: false,
    noise: null,
    wallClockSeconds: 1.5,
    configHash: getConfigHash(config),
    packageVersion: "0.0.0-test",
    gitRevision: null,
    gitDirty: null,
    store: null,
  };
}

export interface RecordedJob {
  config: MultiScenarioRunnerConfig;
  outcome: BenchmarkOutcome;
  recorder: TraceRecorder;
  manifest: RunManifest;
  root: string;
  resultsDir: string;
}

/** A benchmark job laid out as `pare benchmark run` lays it out, with the trace recorder wired in. */
export async function recordedJob(
  over: MultiScenarioRunnerConfigInput,
  root: string,
  options: { ids?: string[]; runId?: string; split?: string } = {},
): Promise<RecordedJob> {
  const config = MultiScenarioRunnerConfig.parse({
    enableCaching: false,
    maxConcurrentScenarios: 2,
    ...over,
  });
  const ids = options.ids ?? [SCENARIO_ID];
  const resultsDir = join(root, resultsDirName(config, options.split ?? "custom"), configDescriptor(config));
  const recorder = createTraceRecorder(config, join(resultsDir, "traces"), { warn: () => {} });
  const outcome = await runBenchmark(ids, config, {
    onFinished: recorder.record,
    deliberationsFor: recorder.deliberationsFor,
  });
  const manifest = manifestFor(config, outcome, ids, options.runId);
  // As in `pare benchmark run`, the job's rows carry its run id.
  outcome.results.identity = { ...outcome.results.identity, runId: manifest.runId };
  recorder.finish(outcome.results, manifest);
  return { config, outcome, recorder, manifest, root, resultsDir };
}
