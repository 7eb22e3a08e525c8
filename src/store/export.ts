import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { convertTrace } from "../evaluation/trace-builder.js";
import { parseTrace, serializeTrace } from "../evaluation/trace-io.js";
import { deliberationsFileName, liteTraceFileName, traceFileName } from "../evaluation/trace-schema.js";
import {
  type ResultFileFormat,
  type ResultsDirectoryPaths,
  writeResultsDirectory,
} from "../report/results-directory.js";
import type { StatisticsOptions } from "../report/statistics.js";
import { primaryTraceFormat, type TraceExportFormat } from "../runner/config.js";
import type { MultiScenarioValidationResult } from "../scenarios/validation-result.js";
import { writeFileAtomic } from "../util/atomic-write.js";

import { type RunStore, UnknownRunError } from "./run-store.js";
import { type JobRecord, resultsOfRows } from "./store-rows.js";

export interface ExportOptions {
  /** Result files to write (default all). */
  formats?: readonly ResultFileFormat[];
  /** Write every run's trace and deliberations from the store into `<dir>/traces` (default true). */
  traces?: boolean;
  /** Trace format (default: the job's `traceFormat`; `both` adds a lite copy beside each full trace). */
  traceFormat?: TraceExportFormat;
  /** Written as `run_manifest.json` (default: the manifest the job's latest execution stored, if any). */
  manifest?: unknown;
  /** Report header timestamp. */
  generatedAt: string;
  /** How the written report counts errors (default: infrastructure errors left out of the rates). */
  report?: StatisticsOptions;
}

export interface ExportedRun {
  job: JobRecord;
  results: MultiScenarioValidationResult;
  paths: ResultsDirectoryPaths;
  traceFiles: string[];
}

/** Writes `content` unless the file already holds exactly it (reruns leave files untouched). */
function writeIfChanged(path: string, content: string): void {
  if (existsSync(path) && readFileSync(path, "utf8") === content) return;
  writeFileAtomic(path, content);
}

/**
 * Writes a job from the store into `dir`: its result files (PARE's result JSON and report, parquet, csv), its
 * manifest, and each run's trace and deliberations. Runs that came from the cache get the trace of the run that
 * computed them, stamped with this job's run id; every row's `export_path` points at its trace in `dir` (null
 * when the run left none). The same job exported twice gives the same bytes.
 */
export async function exportRun(
  store: RunStore,
  runId: string,
  dir: string,
  options: ExportOptions,
): Promise<ExportedRun> {
  const job = await store.getJob(runId);
  if (!job) throw new UnknownRunError(`no run ${runId} in the store ${store.describe()}`);
  const rows = await store.jobRuns(runId);
  const exportFormat = options.traceFormat ?? job.config.traceFormat;
  const format = primaryTraceFormat(exportFormat);
  const traceFiles: string[] = [];
  for (const row of rows) {
    row.result.exportPath = null;
    if (options.traces === false || !row.hasTrace) continue;
    const artifacts = await store.runArtifacts(runId, row.scenarioId, row.runNumber);
    if (!artifacts?.trace) continue;
    const path = join(dir, "traces", traceFileName(row.scenarioId, row.runNumber));
    const stored = parseTrace(JSON.parse(artifacts.trace), path);
    writeIfChanged(path, serializeTrace(convertTrace(stored, format, runId)));
    if (exportFormat === "both")
      writeIfChanged(
        join(dir, "traces", liteTraceFileName(row.scenarioId, row.runNumber)),
        serializeTrace(convertTrace(stored, "lite", runId)),
      );
    if (artifacts.deliberations !== null)
      writeIfChanged(
        join(dir, "traces", deliberationsFileName(row.scenarioId, row.runNumber)),
        artifacts.deliberations,
      );
    row.result.exportPath = path;
    traceFiles.push(path);
  }
  const results = resultsOfRows(job, rows);
  const manifest = options.manifest ?? job.manifest ?? undefined;
  const paths = writeResultsDirectory(dir, {
    multi: results,
    split: job.split ?? "custom",
    generatedAt: options.generatedAt,
    config: job.config,
    ...(manifest !== undefined && manifest !== null ? { manifest } : {}),
    ...(options.formats ? { formats: options.formats } : {}),
    ...(options.report ? { report: options.report } : {}),
  });
  return { job, results, paths, traceFiles };
}
