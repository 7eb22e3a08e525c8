import type { DeliberationSink } from "../agents/deliberation-log.js";
import { type ScenarioRegistry, scenarioRegistry } from "../registry/scenario-registry.js";
import {
  exceptionFromError,
  MultiScenarioValidationResult,
  ScenarioValidationResult,
} from "../scenarios/validation-result.js";
import { mapWithConcurrency } from "./async-pool.js";
import {
  getConfigHash,
  type MultiScenarioRunnerConfig,
  runColumnsFromConfig,
  toScenarioRunnerConfig,
} from "./config.js";
import type { ProgressReporter } from "./progress.js";
import type { CacheKey, ResultCache } from "./result-cache.js";
import { type FinishedRun, type PolicyFactory, prepareScenario, runScenario } from "./scenario-runner.js";

export class ScenarioTimeoutError extends Error {
  override readonly name = "ScenarioTimeoutError";
  readonly kind = "timeout";
}

export interface RunJob {
  scenarioId: string;
  runNumber: number | null;
}

export interface BenchmarkOptions {
  registry?: ScenarioRegistry;
  cache?: ResultCache | null;
  policies?: PolicyFactory;
  progress?: ProgressReporter;
  onFinished?: (run: FinishedRun) => void;
  /** Where a failing `onFinished` is reported (default: stderr); the run's result stands. */
  warn?: (message: string) => void;
  /** A sink per executed (not cached) run, so agent steps can be written as the run goes (trace export). */
  deliberationsFor?: (scenarioId: string, runNumber: number | null) => DeliberationSink;
  /** Measures wall time of the job (injectable for tests; results never depend on it). */
  wallClock?: () => number;
}

export interface BenchmarkOutcome {
  results: MultiScenarioValidationResult;
  cacheHits: number;
  executed: number;
  infrastructureErrors: number;
  wallSeconds: number;
}

/** Runs × scenarios: run numbers are null for a single run (PARE's naming), 1..k otherwise. */
export function planJobs(scenarioIds: readonly string[], runs: number): RunJob[] {
  const jobs: RunJob[] = [];
  for (const scenarioId of scenarioIds) {
    if (runs <= 1) jobs.push({ scenarioId, runNumber: null });
    else for (let r = 1; r <= runs; r++) jobs.push({ scenarioId, runNumber: r });
  }
  return jobs;
}

function withTimeout<T>(
  run: (signal: AbortSignal) => Promise<T>,
  seconds: number | null,
  scenarioId: string,
): Promise<T> {
  const controller = new AbortController();
  if (seconds === null) return run(controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new ScenarioTimeoutError(`Scenario ${scenarioId} timed out after ${seconds} seconds`);
      controller.abort(error);
      reject(error);
    }, seconds * 1000);
  });
  return Promise.race([run(controller.signal), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs every (scenario, run) under bounded concurrency with a per-run timeout. Finished results come
 * from the cache when their scenario and config are unchanged (so an interrupted job resumes), and
 * one failing scenario never stops the others.
 */
export async function runBenchmark(
  scenarioIds: readonly string[],
  config: MultiScenarioRunnerConfig,
  options: BenchmarkOptions = {},
): Promise<BenchmarkOutcome> {
  const registry = options.registry ?? scenarioRegistry();
  const wall = options.wallClock ?? (() => performance.now() / 1000);
  const started = wall();
  const runConfig = toScenarioRunnerConfig(config);
  const configHash = getConfigHash(config);
  const cache = config.enableCaching ? (options.cache ?? null) : null;
  const jobs = planJobs(scenarioIds, config.runsPerScenario);
  const multi = new MultiScenarioValidationResult(runColumnsFromConfig(config));
  const tally = { success: 0, failed: 0, errors: 0, done: 0, cacheHits: 0, executed: 0, infra: 0 };
  options.progress?.start(jobs.length, 0);

  const outcomes = await mapWithConcurrency(jobs, config.maxConcurrentScenarios, async (job) => {
    let result: ScenarioValidationResult;
    let fromCache = false;
    try {
      const scenario = registry.create(job.scenarioId);
      prepareScenario(scenario, runConfig, job.runNumber);
      // The content hash only keys the cache, and hashing a scenario's data and flow costs about as much as an
      // oracle run; without a cache the scenario is only initialised (which the hash would have done first).
      let key: CacheKey | null = null;
      if (cache) {
        key = {
          scenarioId: job.scenarioId,
          runNumber: job.runNumber,
          configHash,
          scenarioHash: scenario.contentHash(),
        };
      } else {
        scenario.initialize();
      }
      const cached = cache && key ? cache.get(key) : null;
      if (cached) {
        result = cached;
        fromCache = true;
      } else {
        result = await withTimeout(
          (signal) =>
            runScenario(scenario, {
              config: runConfig,
              runNumber: job.runNumber,
              signal,
              policies: options.policies,
              deliberations: options.deliberationsFor?.(job.scenarioId, job.runNumber),
              onFinished: options.onFinished,
              warn: options.warn,
            }),
          config.timeoutSeconds,
          job.scenarioId,
        );
        if (cache && key && result.exception === null) cache.put(key, result);
      }
    } catch (error) {
      const timedOut = error instanceof ScenarioTimeoutError;
      result = new ScenarioValidationResult({
        success: false,
        exception: exceptionFromError(error, timedOut ? "timeout" : "infrastructure"),
        stopReason: timedOut ? "timeout" : "error",
      });
    }
    tally.done += 1;
    if (fromCache) tally.cacheHits += 1;
    else tally.executed += 1;
    if (result.success === true) tally.success += 1;
    else tally.failed += 1;
    if (result.exception) tally.errors += 1;
    if (result.exception?.kind === "infrastructure") tally.infra += 1;
    options.progress?.update(tally.done, { ...tally, scenarioId: job.scenarioId, fromCache });
    return { job, result };
  });
  options.progress?.stop();
  // Results are added in job order, not completion order, so the frame is the same at any concurrency.
  for (const { job, result } of outcomes) multi.addResult(result, job.scenarioId, job.runNumber);
  multi.duration = outcomes.reduce((sum, o) => sum + o.result.duration, 0);
  return {
    results: multi,
    cacheHits: tally.cacheHits,
    executed: tally.executed,
    infrastructureErrors: tally.infra,
    wallSeconds: wall() - started,
  };
}
