import type { TraceFormat } from "../../evaluation/trace-schema.js";
import type { MultiScenarioRunnerConfig } from "../../runner/config.js";
import type { CreateRunHooks, RunHooksSpec } from "../../runner/run-task.js";
import { createTraceRecorder } from "./trace-recorder.js";

/** What a worker thread needs to write a run's trace and deliberations as `createTraceRecorder` does. */
export interface TraceHookOptions {
  config: MultiScenarioRunnerConfig;
  dir: string;
  runId?: string;
  outputRoot?: string;
  format?: TraceFormat;
}

/**
 * The worker-thread side of the benchmark's trace recorder: a recorder for the one run, whose trace file,
 * deliberations file and artifacts (for the run store) are the same as the in-process recorder writes.
 */
export const createRunHooks: CreateRunHooks = (options, scenarioId, runNumber, warn) => {
  const o = options as TraceHookOptions;
  const recorder = createTraceRecorder(o.config, o.dir, {
    ...(o.runId ? { runId: o.runId } : {}),
    ...(o.outputRoot ? { outputRoot: o.outputRoot } : {}),
    ...(o.format ? { format: o.format } : {}),
    keepArtifacts: true,
    warn,
  });
  return {
    deliberations: recorder.deliberationsFor(scenarioId, runNumber),
    onFinished: recorder.record,
    artifacts: () => recorder.artifactsFor(scenarioId, runNumber),
  };
};

/** The `runHooks` of `runBenchmark` for worker threads: this module with the recorder's options. */
export function traceRunHooks(options: TraceHookOptions): RunHooksSpec {
  return { module: import.meta.url, options };
}
