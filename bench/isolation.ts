import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { discoverScenarios } from "../src/registry/discovery.js";
import { MultiScenarioRunnerConfig } from "../src/runner/config.js";
import { runBenchmark } from "../src/runner/multi-runner.js";
import { ScenarioWorkerPool } from "../src/runner/worker-pool.js";
import { median, medianOf, round } from "./lib/measure.js";
import { ensureBuild } from "./startup.js";

const ROOT = resolve(import.meta.dirname, "..");

/** The job's own wall seconds (runBenchmark, worker start-up included) of one compiled CLI oracle job. */
function oracleJobSeconds(split: string, runs: number, workers: number): number {
  const dir = mkdtempSync(join(tmpdir(), "pare-bench-oracle-"));
  try {
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, "bin", "pare.mjs"),
        "benchmark",
        "run",
        "--split",
        split,
        "--oracle",
        "--runs",
        String(runs),
        "--no-cache",
        "--workers",
        String(workers),
        "--json",
        "--output-dir",
        join(dir, "results"),
        "--store",
        `sqlite://${join(dir, "pare.db")}`,
      ],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, PARE_RUNTIME: "dist" } },
    );
    if (run.status !== 0) throw new Error(`oracle job failed: ${run.stderr}`);
    const summary = JSON.parse(run.stdout) as { resultsDir: string; success: number; total: number };
    if (summary.success !== summary.total)
      throw new Error(`oracle job: ${summary.success}/${summary.total} passed`);
    const manifest = JSON.parse(readFileSync(join(summary.resultsDir, "run_manifest.json"), "utf8")) as {
      wallClockSeconds: number;
    };
    return manifest.wallClockSeconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface OracleWorkersResult {
  runs: number;
  oneWorkerSeconds: number;
  twoWorkersSeconds: number;
  workersSpeedup: number;
  repeats: number;
}

/**
 * Steady-state throughput: the bundled suite × `runs` in oracle mode on a pool of 1 and of 2 started, warmed
 * worker threads (every thread has loaded the scenario modules), median of `repeats` after a warm-up job. On a
 * busy machine the wall figures measure contention; the job thread's busy time and the CPU per run do not.
 */
export async function benchOracleWorkersWarm(
  suite: readonly string[],
  runs: number,
  repeats: number,
): Promise<
  OracleWorkersResult & {
    oneWorkerRunsPerSecond: number;
    twoWorkersRunsPerSecond: number;
    /** The job's thread's busy (event-loop active) milliseconds per run on 2 workers: what caps the speedup. */
    mainThreadMsPerRun: number;
    /** Process CPU (every thread) per run. */
    cpuMsPerRun: { oneWorker: number; twoWorkers: number };
  }
> {
  const config = MultiScenarioRunnerConfig.parse({
    oracle: true,
    enableCaching: false,
    runsPerScenario: runs,
  });
  const seconds: number[] = [];
  const mainMs: number[] = [];
  const cpuMs: number[] = [];
  for (const workers of [1, 2]) {
    const pool = new ScenarioWorkerPool({ workers });
    try {
      // The job's own thread: time its event loop was busy (dispatch, results, records), per job.
      const busy: number[] = [];
      const m = await medianOf(
        repeats,
        async () => {
          const before = performance.eventLoopUtilization();
          const outcome = await runBenchmark(suite, config, { pool });
          busy.push(performance.eventLoopUtilization(before).active);
          return outcome;
        },
        2,
      );
      const failed = m.last.results.results.filter((r) => r.result.success !== true).length;
      if (failed > 0) throw new Error(`oracle suite on ${workers} worker(s): ${failed} runs did not pass`);
      seconds.push(m.wallMs / 1000);
      mainMs.push(median(busy.slice(2)));
      cpuMs.push(m.cpuMs);
    } finally {
      await pool.destroy();
    }
  }
  const [one, two] = seconds as [number, number];
  const total = suite.length * runs;
  return {
    runs: total,
    oneWorkerSeconds: round(one, 3),
    twoWorkersSeconds: round(two, 3),
    workersSpeedup: round(one / two, 2),
    oneWorkerRunsPerSecond: round(total / one, 1),
    twoWorkersRunsPerSecond: round(total / two, 1),
    mainThreadMsPerRun: round((mainMs[1] as number) / total, 3),
    cpuMsPerRun: {
      oneWorker: round((cpuMs[0] as number) / total, 3),
      twoWorkers: round((cpuMs[1] as number) / total, 3),
    },
    repeats,
  };
}

/** The bundled suite × `runs` in oracle mode through the compiled CLI on one worker thread and on two (cold). */
export function benchOracleWorkers(suiteSize: number, runs: number, repeats: number): OracleWorkersResult {
  ensureBuild();
  const one: number[] = [];
  const two: number[] = [];
  oracleJobSeconds("full", 1, 2); // warm-up
  for (let i = 0; i < repeats; i++) {
    one.push(oracleJobSeconds("full", runs, 1));
    two.push(oracleJobSeconds("full", runs, 2));
  }
  return {
    runs: suiteSize * runs,
    oneWorkerSeconds: round(median(one), 2),
    twoWorkersSeconds: round(median(two), 2),
    workersSpeedup: round(median(one) / median(two), 2),
    repeats,
  };
}

export interface TimeoutResult {
  timeoutSeconds: number;
  /** How long past `--timeout` the looping runs were stopped (max over the looping runs). */
  overrunSeconds: number;
  othersCompleted: boolean;
}

/** A job with a scenario that loops in validate() and one that loops while populating apps, next to a normal one. */
export async function benchTimeout(timeoutSeconds: number): Promise<TimeoutResult> {
  await discoverScenarios(join(ROOT, "test", "fixtures", "scenarios-loop"));
  const overruns: number[] = [];
  const outcome = await runBenchmark(
    ["fixture_loop_validate", "fixture_loop_populate", "fixture_loop_quick"],
    MultiScenarioRunnerConfig.parse({ oracle: true, enableCaching: false, timeoutSeconds }),
    { workers: 2, onTimeout: (_id, s) => overruns.push(s) },
  );
  const quick = outcome.results.results.find((r) => r.scenarioId === "fixture_loop_quick");
  return {
    timeoutSeconds,
    overrunSeconds: round(Math.max(...overruns), 3),
    othersCompleted: quick?.result.success === true && overruns.length === 2,
  };
}
