import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateJsonStatsReport } from "../src/report/json-report.js";
import { MultiScenarioRunnerConfig, runColumnsFromConfig } from "../src/runner/config.js";
import { runBenchmark } from "../src/runner/multi-runner.js";
import {
  MultiScenarioValidationResult,
  ScenarioValidationResult,
} from "../src/scenarios/validation-result.js";
import { exportRun } from "../src/store/export.js";
import { buildJobSpec } from "../src/store/job-spec.js";
import { RunStore } from "../src/store/run-store.js";
import { measure, medianOf, round } from "./lib/measure.js";

export interface ResultsReportResult {
  rows: number;
  scenarios: number;
  runsPerScenario: number;
  /** Building the results (one validated ScenarioValidationResult per row); not part of the target. */
  buildMs: number;
  toPolarsMs: number;
  textReportMs: number;
  jsonReportMs: number;
  /** toPolars + text report: what `pare benchmark run` does at the end of a job. */
  reportTotalMs: number;
  /** Process CPU (every thread) of the median toPolars and toPolars + text report runs: steadier than wall on a busy machine. */
  toPolarsCpuMs: number;
  reportTotalCpuMs: number;
  repeats: number;
}

/** Synthetic results with every status, varied metrics and a few exceptions; deterministic. */
export function syntheticResults(scenarios: number, runs: number): MultiScenarioValidationResult {
  const multi = new MultiScenarioValidationResult(
    runColumnsFromConfig(MultiScenarioRunnerConfig.parse({ runsPerScenario: runs })),
  );
  for (let s = 0; s < scenarios; s++) {
    for (let r = 1; r <= runs; r++) {
      const k = s * 31 + r * 7;
      const exception =
        k % 97 === 0
          ? { type: "LLMServerError", message: "HTTP 500", kind: "infrastructure" as const }
          : null;
      const success = exception ? null : k % 3 !== 0;
      multi.addResult(
        new ScenarioValidationResult({
          success,
          exception,
          rationale: success ? "All 3 checks passed." : "Missing: a reply",
          duration: 10 + (k % 50),
          proposalCount: k % 4,
          acceptanceCount: k % 3 === 0 ? 0 : Math.min(1, k % 4),
          readOnlyActions: k % 11,
          writeActions: k % 5,
          numberOfTurns: 1 + (k % 10),
        }),
        `synthetic_scenario_${s}`,
        r,
      );
    }
  }
  multi.duration = 1234.5;
  return multi;
}

export async function benchResultsReport(options: {
  scenarios: number;
  runsPerScenario: number;
  repeats: number;
}): Promise<ResultsReportResult> {
  const built = await measure(() => syntheticResults(options.scenarios, options.runsPerScenario));
  const multi = built.value;
  const toPolars = await medianOf(options.repeats, () => multi.toPolars());
  const df = toPolars.last;
  const text = await medianOf(options.repeats, () => multi.description("full", "2025-01-01T00:00:00Z"));
  const json = await medianOf(options.repeats, () =>
    generateJsonStatsReport(df, "full", undefined, "2025-01-01T00:00:00Z"),
  );
  return {
    rows: multi.size,
    scenarios: options.scenarios,
    runsPerScenario: options.runsPerScenario,
    buildMs: round(built.wallMs, 1),
    toPolarsMs: round(toPolars.wallMs, 1),
    // description() builds its own frame, so the text report alone is the difference.
    textReportMs: round(Math.max(0, text.wallMs - toPolars.wallMs), 1),
    jsonReportMs: round(json.wallMs, 1),
    reportTotalMs: round(text.wallMs, 1),
    toPolarsCpuMs: round(toPolars.cpuMs, 1),
    reportTotalCpuMs: round(text.cpuMs, 1),
    repeats: options.repeats,
  };
}

export interface CachedRerunResult {
  results: number;
  scenarios: number;
  runsPerScenario: number;
  populateMs: number;
  cacheHits: number;
  executed: number;
  /** Start a job in the store, serve every run from its cache index (one row written per run), finish it. */
  rerunMs: number;
  rerunResultsPerSecond: number;
  /** Then write the job's files from the store (results, report, parquet, csv; no traces: oracle runs keep none). */
  exportMs: number;
  repeats: number;
}

/** Populates a temporary run store with oracle runs, then times a rerun of the job served entirely from it. */
export async function benchCachedRerun(
  scenarioIds: readonly string[],
  options: { minResults: number; repeats: number },
): Promise<CachedRerunResult> {
  const dir = mkdtempSync(join(tmpdir(), "pare-bench-cache-"));
  const store = await RunStore.open(join(dir, "pare.db"));
  try {
    const runsPerScenario = Math.max(1, Math.ceil(options.minResults / scenarioIds.length));
    const config = MultiScenarioRunnerConfig.parse({ oracle: true, enableCaching: true, runsPerScenario });
    const spec = buildJobSpec({ config, scenarioIds, split: null, git: { revision: null, dirty: null } });
    const job = async () => {
      const handle = await store.startJob(spec);
      const outcome = await runBenchmark(scenarioIds, config, { store: handle });
      await handle.finish("finished", { wallSeconds: outcome.wallSeconds });
      return outcome;
    };
    const populate = await measure(job);
    const rerun = await medianOf(options.repeats, job);
    const exported = await medianOf(options.repeats, () =>
      exportRun(store, spec.runId, join(dir, "export"), { generatedAt: "2025-01-01T00:00:00Z" }),
    );
    const results = scenarioIds.length * runsPerScenario;
    return {
      results,
      scenarios: scenarioIds.length,
      runsPerScenario,
      populateMs: round(populate.wallMs, 1),
      cacheHits: rerun.last.cacheHits,
      executed: rerun.last.executed,
      rerunMs: round(rerun.wallMs, 1),
      rerunResultsPerSecond: round((results / rerun.wallMs) * 1000, 1),
      exportMs: round(exported.wallMs, 1),
      repeats: options.repeats,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
