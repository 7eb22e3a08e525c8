import { writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { type DeliberationSink, JsonlDeliberationSink } from "../../agents/deliberation-log.js";
import { appendHistory, HISTORY_FILE_NAME, historyEntry } from "../../evaluation/run-history.js";
import { buildTrace, sinkEntries } from "../../evaluation/trace-builder.js";
import { loadTrace, saveTrace, serializeTrace } from "../../evaluation/trace-io.js";
import {
  deliberationsFileName,
  liteTraceFileName,
  runFileStem,
  type TraceFormat,
  traceFileName,
} from "../../evaluation/trace-schema.js";
import { configDescriptor } from "../../report/results-directory.js";
import {
  type MultiScenarioRunnerConfig,
  primaryTraceFormat,
  type TraceExportFormat,
} from "../../runner/config.js";
import type { RunArtifacts } from "../../runner/job-writer.js";
import type { RunManifest } from "../../runner/run-manifest.js";
import type { FinishedRun } from "../../runner/scenario-runner.js";
import type { MultiScenarioValidationResult } from "../../scenarios/validation-result.js";
import { writeFileAtomic } from "../../util/atomic-write.js";

export interface TraceRecorder {
  /** `onFinished` of each run: writes `<scenario>_<run>_trace.json` and sets the result's export path to it. */
  record: (run: FinishedRun) => void;
  /** After the job: stamps the manifest's run id into this job's traces and appends a line to `history.jsonl`. */
  finish: (results: MultiScenarioValidationResult, manifest: RunManifest) => void;
  /**
   * `deliberationsFor` of `runBenchmark`: a JSONL sink per run that writes
   * `<scenario>_<run>_deliberations.jsonl` as the run goes, so an interrupted run keeps its steps.
   */
  deliberationsFor: (scenarioId: string, runNumber: number | null) => DeliberationSink;
  /**
   * `artifactsFor` of `runBenchmark`: the finished run's full-format trace (run id null) and deliberations, for
   * the run store to keep; each run's artifacts are handed out once.
   */
  artifactsFor: (scenarioId: string, runNumber: number | null) => RunArtifacts | null;
  readonly dir: string;
  /** Where `history.jsonl` goes. */
  readonly historyPath: string;
  /** Traces written by this job, in the order runs finished. */
  readonly traceFiles: readonly string[];
}

export interface TraceRecorderOptions {
  /** Overrides `config.traceFormat`. */
  format?: TraceExportFormat;
  /** The results root holding `history.jsonl` (default: inferred from `dir`, see `outputRootOf`). */
  outputRoot?: string;
  /** The job's run id, known up front: traces carry it from the start (else `finish` stamps it in). */
  runId?: string;
  /** Keep each run's artifacts until `artifactsFor` takes them (for the run store); default false. */
  keepArtifacts?: boolean;
  warn?: (message: string) => void;
}

/**
 * The benchmark writes traces to `<root>/<results dir name>/<config descriptor>/traces`; the root is three
 * levels up when `dir` has that shape, else the directory holding `traces` (or `dir` itself).
 */
export function outputRootOf(config: MultiScenarioRunnerConfig, dir: string): string {
  const resultsDir = basename(dir) === "traces" ? dirname(dir) : dir;
  const jobDir = dirname(resultsDir);
  if (
    basename(resultsDir) === configDescriptor(config) &&
    basename(jobDir).startsWith(`${config.experimentName}_`)
  )
    return dirname(jobDir);
  return resultsDir;
}

export function createTraceRecorder(
  config: MultiScenarioRunnerConfig,
  dir: string,
  options: TraceRecorderOptions = {},
): TraceRecorder {
  const exportFormat = options.format ?? config.traceFormat;
  const format: TraceFormat = primaryTraceFormat(exportFormat);
  const warn = options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  const root = options.outputRoot ?? outputRootOf(config, dir);
  const historyPath = join(root, HISTORY_FILE_NAME);
  const sinks = new Map<string, DeliberationSink>();
  const traceFiles: string[] = [];
  const artifacts = new Map<string, RunArtifacts>();

  const deliberationsFor = (scenarioId: string, runNumber: number | null): DeliberationSink => {
    const path = join(dir, deliberationsFileName(scenarioId, runNumber));
    const sink = new JsonlDeliberationSink(path);
    // A rerun of the same run starts its file afresh rather than appending to the last attempt.
    writeFileSync(path, "");
    sinks.set(runFileStem(scenarioId, runNumber), sink);
    return sink;
  };

  const record = (run: FinishedRun): void => {
    let scenarioId = "(unknown scenario)";
    try {
      scenarioId = run.scenario.scenarioId;
      const stem = runFileStem(scenarioId, run.runNumber);
      const trace = buildTrace(run, { format });
      const full = format === "full" || !options.keepArtifacts ? trace : buildTrace(run, { format: "full" });
      const path = join(dir, traceFileName(scenarioId, run.runNumber));
      const stamp = (t: typeof trace) =>
        options.runId ? { ...t, manifest: { ...t.manifest, runId: options.runId } } : t;
      saveTrace(path, stamp(trace));
      if (exportFormat === "both")
        saveTrace(
          join(dir, liteTraceFileName(scenarioId, run.runNumber)),
          stamp(buildTrace(run, { format: "lite" })),
        );
      const deliberations = sinkEntries(run.deliberations)
        .map((d) => `${JSON.stringify(d)}\n`)
        .join("");
      // Steps that went to another sink (a caller without `deliberationsFor`) are written in one go.
      if (sinks.get(stem) !== run.deliberations)
        writeFileAtomic(join(dir, deliberationsFileName(scenarioId, run.runNumber)), deliberations);
      sinks.delete(stem);
      if (options.keepArtifacts) artifacts.set(stem, { trace: serializeTrace(full), deliberations });
      run.result.exportPath = path;
      if (!traceFiles.includes(path)) traceFiles.push(path);
    } catch (error) {
      // A trace that cannot be written must not turn a finished run into a failed one.
      warn(
        `cannot write the trace of ${scenarioId}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  const artifactsFor = (scenarioId: string, runNumber: number | null): RunArtifacts | null => {
    const stem = runFileStem(scenarioId, runNumber);
    const found = artifacts.get(stem) ?? null;
    artifacts.delete(stem);
    return found;
  };

  const finish = (results: MultiScenarioValidationResult, manifest: RunManifest): void => {
    for (const path of options.runId ? [] : traceFiles) {
      try {
        const trace = loadTrace(path);
        saveTrace(path, { ...trace, manifest: { ...trace.manifest, runId: manifest.runId } });
      } catch (error) {
        warn(`cannot stamp the run id into ${path}: ${(error as Error).message}`);
      }
    }
    const resultsDir = basename(dir) === "traces" ? dirname(dir) : dir;
    const rel = relative(root, resultsDir);
    appendHistory(historyPath, historyEntry(results, manifest, rel === "" ? "." : rel));
  };

  return { record, finish, deliberationsFor, artifactsFor, dir, historyPath, traceFiles };
}
