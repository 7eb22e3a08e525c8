import { basename, extname, join, resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { calculateStatistics } from "../../report/statistics.js";
import { createGridProgress } from "../../runner/grid-progress.js";
import { loadSweepFile, type Sweep, SweepFileError } from "../../runner/sweep.js";
import { buildJobSpec } from "../../store/job-spec.js";
import { writeJsonAtomic } from "../../util/atomic-write.js";
import { CliError } from "../cli-error.js";
import { STORE_OPTION_HELP, withCliStore } from "../store-option.js";
import {
  type BenchmarkCliOptions,
  executeBenchmarkJob,
  selectScenarios,
  withEffectiveEngines,
} from "./benchmark.js";
import { loadScenarios } from "./scenarios.js";

interface SweepCliOptions extends BenchmarkCliOptions {
  outputDir: string;
}

/** One cell's line of the summary (and of `<name>_sweep.json`). */
export interface SweepCellSummary {
  index: number;
  label: string;
  observeModel: string;
  executeModel: string;
  userModel: string;
  toolFailureProbability: number;
  noiseRate: number;
  seed: number;
  runId: string;
  status: "finished" | "failed";
  error: string | null;
  total: number;
  executed: number;
  cached: number;
  /** Percent over validated runs; null when none validated. */
  successRate: number | null;
  successRateSem: number | null;
  /** Proposals per turn and acceptances per proposal (ratios, as PARE's aggregate rates). */
  proposalRate: number | null;
  acceptanceRate: number | null;
  exceptions: number;
}

export interface SweepSummary {
  sweepFile: string;
  generatedAt: string;
  store: string;
  scenarios: string[];
  cells: SweepCellSummary[];
}

/** `n/a` for undefined figures, else fixed decimals. */
function fig(value: number | null, digits = 1): string {
  return value === null || !Number.isFinite(value) ? "n/a" : value.toFixed(digits);
}

/** The overall summary table, one line per cell. */
export function formatSweepTable(cells: readonly SweepCellSummary[]): string {
  const header = [
    "cell",
    "observe/execute",
    "user",
    "tfp",
    "noise/min",
    "seed",
    "runs",
    "success % ± SEM",
    "proposals/turn",
    "accepted/proposal",
    "errors",
    "cached",
    "run id",
  ];
  const rows = cells.map((c) => [
    String(c.index),
    c.observeModel === c.executeModel ? c.observeModel : `${c.observeModel}/${c.executeModel}`,
    c.userModel,
    String(c.toolFailureProbability),
    String(c.noiseRate),
    String(c.seed),
    String(c.total),
    c.status === "failed" ? `failed: ${c.error}` : `${fig(c.successRate)} ± ${fig(c.successRateSem)}`,
    fig(c.proposalRate, 3),
    fig(c.acceptanceRate, 3),
    String(c.exceptions),
    String(c.cached),
    c.runId,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cols: string[]) =>
    cols
      .map((c, i) => c.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const positive = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag} must be a positive number`);
  return n;
};
const count = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${flag} must be an integer >= 0`);
  return n;
};

const nullable = (x: number): number | null => (Number.isFinite(x) ? x : null);

async function runSweep(path: string, opts: SweepCliOptions): Promise<number> {
  let sweep: Sweep;
  try {
    sweep = loadSweepFile(path);
  } catch (error) {
    if (error instanceof SweepFileError) throw new CliError(error.message);
    throw error;
  }
  const first = sweep.cells[0];
  if (!first) throw new CliError(`sweep file ${path} has no cells`);
  await loadScenarios(first.config.scenariosDir ?? undefined);
  const { ids, split } = selectScenarios({
    ...opts,
    ...(sweep.selection.scenarios ? { scenario: sweep.selection.scenarios } : {}),
    ...(sweep.selection.split ? { split: sweep.selection.split } : {}),
    ...(sweep.selection.limit ? { limit: sweep.selection.limit } : {}),
  });
  const outputRoot = resolve(opts.outputDir);
  const generatedAt = opts.generatedAt ?? new Date().toISOString();
  const planned = sweep.cells.map((cell) => {
    const config = withEffectiveEngines(cell.config, opts);
    return {
      cell,
      config,
      spec: buildJobSpec({ config, scenarioIds: ids, split: split === "custom" ? null : split }),
    };
  });
  const totalRuns = planned.reduce((n, p) => n + p.spec.plannedRuns, 0);
  return withCliStore(opts.store, async (store) => {
    const quiet = opts.quiet === true || opts.json === true;
    if (!quiet)
      process.stderr.write(
        `sweep ${basename(path)}: ${planned.length} cells × ${ids.length} scenarios × ${sweep.file.runs} runs = ${totalRuns} runs (finished runs in the store are reused)\n`,
      );
    const progress = createGridProgress(process.stderr, { cells: planned.length, totalRuns, quiet });
    const cells: SweepCellSummary[] = [];
    for (const { cell, config, spec } of planned) {
      const base = {
        index: cell.index,
        label: cell.label,
        observeModel: cell.observe,
        executeModel: cell.execute,
        userModel: cell.user,
        toolFailureProbability: cell.toolFailureProbability,
        noiseRate: cell.noiseRate,
        seed: cell.seed,
        runId: spec.runId,
      };
      try {
        const done = await executeBenchmarkJob(store, {
          config,
          ids,
          split,
          shard: null,
          opts,
          outputRoot,
          progress: progress.forCell(cell.index, cell.label),
          generatedAt,
        });
        const stats = calculateStatistics(done.exported.results.toPolars());
        cells.push({
          ...base,
          status: "finished",
          error: null,
          total: stats.global.total_runs,
          executed: done.outcome.executed,
          cached: done.outcome.cacheHits,
          successRate: stats.global.validated_runs > 0 ? stats.global.success_rate : null,
          successRateSem: stats.global.validated_runs > 1 ? nullable(stats.global.success_rate_sem) : null,
          proposalRate: stats.pas_metrics.total_turns > 0 ? stats.pas_metrics.aggregate_proposal_rate : null,
          acceptanceRate:
            stats.pas_metrics.total_proposals > 0 ? stats.pas_metrics.aggregate_acceptance_rate : null,
          exceptions: stats.global.exception_runs,
        });
      } catch (error) {
        // One cell that cannot run (an endpoint down, a busy job) does not stop the others.
        const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
        process.stderr.write(`\ncell ${cell.index} (${cell.label}) failed: ${message}\n`);
        cells.push({
          ...base,
          status: "failed",
          error: message ?? "unknown error",
          total: 0,
          executed: 0,
          cached: 0,
          successRate: null,
          successRateSem: null,
          proposalRate: null,
          acceptanceRate: null,
          exceptions: 0,
        });
      }
    }
    progress.stop();
    const summary: SweepSummary = {
      sweepFile: resolve(path),
      generatedAt,
      store: store.describe(),
      scenarios: ids,
      cells,
    };
    const summaryPath = join(outputRoot, `${basename(path, extname(path))}_sweep.json`);
    writeJsonAtomic(summaryPath, summary);
    const failed = cells.filter((c) => c.status === "failed").length;
    if (opts.json) {
      console.log(JSON.stringify({ ...summary, summaryFile: summaryPath }, null, 2));
    } else {
      console.log(formatSweepTable(cells));
      console.log("");
      console.log(
        `Sweep complete: ${cells.length} cells (${cells.length - failed} finished, ${failed} failed) | ${cells.reduce((n, c) => n + c.executed, 0)} runs executed, ${cells.reduce((n, c) => n + c.cached, 0)} reused from the store`,
      );
      console.log("success %: over validated runs, ± standard error over run numbers; rates are ratios");
      console.log(`Summary: ${summaryPath}`);
      console.log(`Plot it: pare plot robustness ${summaryPath}`);
    }
    return failed > 0 ? 1 : 0;
  });
}

export function registerSweepCommand(benchmark: Command): void {
  benchmark
    .command("sweep")
    .description(
      "Run a grid of configs (models per role × tool-failure probabilities × noise rates × seeds), one job per cell; rerun to resume",
    )
    .argument("<sweep-file>", "YAML or JSON sweep file (see README, 'Sweeps')")
    .option("--output-dir <dir>", "results root; each cell writes <dir>/<run id>/", "results")
    .option("--store <url>", STORE_OPTION_HELP)
    .option("--api-key-env <name>", "NAME of the environment variable holding the API key")
    .option("--llm-timeout <seconds>", "per-call LLM timeout", positive("--llm-timeout"))
    .option("--max-retries <n>", "LLM retries per call", count("--max-retries"))
    .option("--replay", "serve every model call from the response cache; a miss is an error")
    .option("--probe", "check every endpoint with one tiny call before each cell")
    .option("--json", "print the summary as JSON on stdout")
    .option("--quiet", "no progress output")
    .option("--generated-at <text>", "timestamp written into reports (default: now)")
    .action(async (file: string, opts: SweepCliOptions) => {
      process.exitCode = await runSweep(file, opts);
    });
}
