import { mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type pl from "nodejs-polars";
import type { MultiScenarioRunnerConfig } from "../runner/config.js";
import { type MultiScenarioValidationResult, RESULT_COLUMNS } from "../scenarios/validation-result.js";
import { writeFileAtomic, writeJsonAtomic } from "../util/atomic-write.js";
import type { StatisticsOptions } from "./statistics.js";
import { generateValidationReport, pyFloatRepr } from "./text-report.js";

export type ResultsDirNameConfig = Pick<
  MultiScenarioRunnerConfig,
  | "experimentName"
  | "userModelAlias"
  | "maxTurns"
  | "userMaxIterations"
  | "observeMaxIterations"
  | "executeMaxIterations"
>;

export type ConfigDescriptorConfig = Pick<
  MultiScenarioRunnerConfig,
  "observeModelAlias" | "executeModelAlias" | "envEvents" | "toolAugmentation"
>;

/** `<experiment>_<split>_user_<alias>_mt_<n>_umi_<n>_omi_<n>_emi_<n>` (spec §12.6). */
export function resultsDirName(config: ResultsDirNameConfig, split: string): string {
  return (
    `${config.experimentName}_${split}_user_${config.userModelAlias}_mt_${config.maxTurns}` +
    `_umi_${config.userMaxIterations}_omi_${config.observeMaxIterations}_emi_${config.executeMaxIterations}`
  );
}

/** PARE's env-events seed when no env events are configured (its CLI default). */
export const DEFAULT_DESCRIPTOR_ENV_SEED = 42;

/** `obs_<alias>_exec_<alias>_enmi_<rate or 0>_es_<seed or 42>_tfp_<p or 0.0>` (spec §12.6). */
export function configDescriptor(config: ConfigDescriptorConfig): string {
  const rate = config.envEvents?.numEnvEventsPerMinute ?? 0;
  const seed = config.envEvents?.envEventsSeed ?? DEFAULT_DESCRIPTOR_ENV_SEED;
  const tfp = pyFloatRepr(config.toolAugmentation?.toolFailureProbability ?? 0);
  return `obs_${config.observeModelAlias}_exec_${config.executeModelAlias}_enmi_${rate}_es_${seed}_tfp_${tfp}`;
}

export interface WriteResultsOptions {
  multi: MultiScenarioValidationResult;
  split: string;
  /** Printed in the report header; passed in so output is reproducible. */
  generatedAt: string;
  /** Names the per-config files (`configDescriptor`). */
  config: ConfigDescriptorConfig;
  manifest?: unknown;
  weights?: Record<string, number>;
  extraColumns?: Record<string, string>;
  /** How the text report counts errors (default: infrastructure errors left out of the rates). */
  report?: StatisticsOptions;
  /** Which result files to write (default all): json = the result rows and the text report. */
  formats?: readonly ResultFileFormat[];
}

export const RESULT_FILE_FORMATS = ["json", "csv", "parquet"] as const;
export type ResultFileFormat = (typeof RESULT_FILE_FORMATS)[number];

export interface ResultsDirectoryPaths {
  resultJson: string | null;
  reportTxt: string | null;
  parquet: string | null;
  csv: string | null;
  manifest: string | null;
}

let tempCounter = 0;

/** Lets polars write to a temporary name in the target directory, then renames it into place. */
function writeFrameAtomic(path: string, dir: string, write: (tmp: string) => void): void {
  tempCounter += 1;
  const tmp = join(dir, `.results-${process.pid}-${tempCounter}.tmp`);
  try {
    write(tmp);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/**
 * Writes one job's results into `dir` (created if needed): `<descriptor>_result.json` (rows, indent 2) and
 * `<descriptor>_report.txt` (format json), `results.parquet`, `results.csv` and, when given, `run_manifest.json`.
 * Every file is written atomically.
 */
export function writeResultsDirectory(dir: string, options: WriteResultsOptions): ResultsDirectoryPaths {
  mkdirSync(dir, { recursive: true });
  const descriptor = configDescriptor(options.config);
  const frame: pl.DataFrame = options.multi.toPolars(options.extraColumns);
  const formats = new Set<ResultFileFormat>(options.formats ?? RESULT_FILE_FORMATS);
  let resultJson: string | null = null;
  let reportTxt: string | null = null;
  let parquet: string | null = null;
  let csv: string | null = null;
  if (formats.has("json")) {
    resultJson = join(dir, `${descriptor}_result.json`);
    writeJsonAtomic(resultJson, frame.toRecords());
    reportTxt = join(dir, `${descriptor}_report.txt`);
    // The frame already built, without the extra columns: the report `multi.description` prints, without building
    // the frame again (the same columns, so polars partitions its filters as it does there).
    const report = generateValidationReport(
      frame.select(...RESULT_COLUMNS),
      options.split,
      options.generatedAt,
      options.weights,
      options.report,
    );
    writeFileAtomic(reportTxt, `${report}\n`);
  }
  if (formats.has("parquet")) {
    const path = join(dir, "results.parquet");
    writeFrameAtomic(path, dir, (tmp) => frame.writeParquet(tmp));
    parquet = path;
  }
  if (formats.has("csv")) {
    const path = join(dir, "results.csv");
    writeFrameAtomic(path, dir, (tmp) => frame.writeCSV(tmp));
    csv = path;
  }

  let manifest: string | null = null;
  if (options.manifest !== undefined) {
    manifest = join(dir, "run_manifest.json");
    writeJsonAtomic(manifest, options.manifest);
  }
  return { resultJson, reportTxt, parquet, csv, manifest };
}
