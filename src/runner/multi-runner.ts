import type { DeliberationSink } from "../agents/deliberation-log.js";
import { type ScenarioRegistry, scenarioRegistry } from "../registry/scenario-registry.js";
import {
  exceptionFromError,
  MultiScenarioValidationResult,
  ScenarioValidationResult,
} from "../scenarios/validation-result.js";
import { mapWithConcurrency } from "./async-pool.js";
import { type MultiScenarioRunnerConfig, runColumnsFromConfig, toScenarioRunnerConfig } from "./config.js";
import { getConfigHash, scenarioSourceHash } from "./fingerprint.js";
import type { CacheKey, JobWriter, RunArtifacts } from "./job-writer.js";
import type { ProgressReporter } from "./progress.js";
import {
  type FinishedRun,
  type PolicyFactory,
  prepareScenario,
  runScenario,
  runSeed,
} from "./scenario-runner.js";
import { type Shard, shardSlice } from "./shard.js";

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
  /**
   * The job in the run store: every finished run is recorded there as it ends, and (with `enableCaching`)
   * results are reused from its cache index. Without one, nothing is kept or reused.
   */
  store?: JobWriter | null;
  /** Run only this slice of the job plan (`--shard I/N`). */
  shard?: Shard;
  /** The files an executed run left (trace, deliberations), for the store to keep beside its row. */
  artifactsFor?: (scenarioId: string, runNumber: number | null) => RunArtifacts | null;
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

/** The key shards are dealt by: the scenario and run number, nothing that depends on the seed. */
export function jobShardKey(job: RunJob): string {
  return `${job.scenarioId}#${job.runNumber ?? ""}`;
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
 * Runs every (scenario, run) of the job (or of its shard) under bounded concurrency with a per-run timeout.
 * Each finished run is recorded in the store as it ends; finished results come from the store's cache when
 * their fingerprint, scenario sources and content are unchanged (so an interrupted job resumes), and one
 * failing scenario never stops the others.
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
  const store = options.store ?? null;
  const caching = store !== null && config.enableCaching;
  const sourceHashes = new Map<string, string>();
  const sourceHash = (id: string): string => {
    let hash = sourceHashes.get(id);
    if (hash === undefined) {
      hash = scenarioSourceHash(registry, id);
      sourceHashes.set(id, hash);
    }
    return hash;
  };
  const plan = planJobs(scenarioIds, config.runsPerScenario).map((job, position) => ({ ...job, position }));
  const jobs = options.shard ? shardSlice(plan, options.shard, jobShardKey) : plan;
  const multi = new MultiScenarioValidationResult(runColumnsFromConfig(config));
  const tally = { success: 0, failed: 0, errors: 0, done: 0, cacheHits: 0, executed: 0, infra: 0 };
  options.progress?.start(jobs.length, 0);

  const outcomes = await mapWithConcurrency(jobs, config.maxConcurrentScenarios, async (job) => {
    let result: ScenarioValidationResult;
    let fromCache = false;
    let cachedFrom: string | null = null;
    let cachedArtifactRefs: unknown;
    let key: CacheKey | null = null;
    const seed = runSeed(runConfig, job.runNumber);
    try {
      const scenario = registry.create(job.scenarioId);
      prepareScenario(scenario, runConfig, job.runNumber);
      // The content hash only keys the cache, and hashing a scenario's data and flow costs about as much as an
      // oracle run; without a cache the scenario is only initialised (which the hash would have done first).
      if (caching) {
        key = {
          configHash,
          scenarioId: job.scenarioId,
          runNumber: job.runNumber,
          sourceHash: sourceHash(job.scenarioId),
          contentHash: scenario.contentHash(),
        };
      } else {
        scenario.initialize();
      }
      const cached = caching && key && store ? await store.cached(key) : null;
      if (cached) {
        result = cached.result;
        fromCache = true;
        cachedFrom = cached.runId;
        cachedArtifactRefs = cached.artifactRefs;
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
      }
    } catch (error) {
      const timedOut = error instanceof ScenarioTimeoutError;
      result = new ScenarioValidationResult({
        success: false,
        exception: exceptionFromError(error, timedOut ? "timeout" : "infrastructure"),
        stopReason: timedOut ? "timeout" : "error",
      });
    }
    // Recorded before the run counts as done: a store failure fails the job rather than losing the row.
    await store?.record({
      scenarioId: job.scenarioId,
      runNumber: job.runNumber,
      seed,
      position: job.position,
      result,
      cacheKey: key,
      fromCache,
      cachedFrom,
      cachedArtifactRefs,
      artifacts: fromCache ? null : (options.artifactsFor?.(job.scenarioId, job.runNumber) ?? null),
    });
    tally.done += 1;
    if (fromCache) tally.cacheHits += 1;
    else tally.executed += 1;
    if (result.success === true) tally.success += 1;
    else tally.failed += 1;
    if (result.exception) tally.errors += 1;
    if (result.exception?.kind === "infrastructure") tally.infra += 1;
    options.progress?.update(tally.done, { ...tally, scenarioId: job.scenarioId, fromCache });
    return { job, result, seed };
  });
  options.progress?.stop();
  // Results are added in job order, not completion order, so the frame is the same at any concurrency.
  multi.identity = { runId: store?.runId ?? null, configHash };
  for (const { job, result, seed } of outcomes) multi.addResult(result, job.scenarioId, job.runNumber, seed);
  multi.duration = outcomes.reduce((sum, o) => sum + o.result.duration, 0);
  return {
    results: multi,
    cacheHits: tally.cacheHits,
    executed: tally.executed,
    infrastructureErrors: tally.infra,
    wallSeconds: wall() - started,
  };
}
