import type { DeliberationSink } from "../agents/deliberation-log.js";
import { type ScenarioRegistry, scenarioRegistry } from "../registry/scenario-registry.js";
import {
  ERROR_CLASSES,
  type ErrorClass,
  errorClassOf,
  exceptionFromError,
  MultiScenarioValidationResult,
  ScenarioValidationResult,
} from "../scenarios/validation-result.js";
import { mapWithConcurrency } from "./async-pool.js";
import { type MultiScenarioRunnerConfig, runColumnsFromConfig, toScenarioRunnerConfig } from "./config.js";
import { faultKindOf } from "./fault-kind.js";
import { getConfigHash, scenarioSourceHash } from "./fingerprint.js";
import { type JobRunOutcome, runInWorkers } from "./isolated-run.js";
import type { CacheKey, JobWriter, RunArtifacts } from "./job-writer.js";
import type { ProgressReporter } from "./progress.js";
import type { RunHooksSpec } from "./run-task.js";
import {
  type FinishedRun,
  type PolicyFactory,
  prepareScenario,
  runScenario,
  runSeed,
} from "./scenario-runner.js";
import { scenarioTimeoutError } from "./scenario-timeout.js";
import { type Shard, shardSlice } from "./shard.js";
import { ScenarioWorkerPool } from "./worker-pool.js";

export { ScenarioTimeoutError } from "./scenario-timeout.js";

/** The job was interrupted (Ctrl-C) while this run was in flight: the run is dropped, never recorded. */
export class RunInterruptedError extends Error {
  override readonly name = "RunInterruptedError";
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
  /**
   * Worker threads to run the job's runs in (src/runner/worker-pool.ts): each thread takes chunks of consecutive
   * runs and runs them one at a time, a run past the timeout is terminated with its thread whatever it does (the
   * rest of its chunk goes on elsewhere), and as many runs as threads go on in parallel. Only for runs without
   * `policies` (oracle and offline runs: functions cannot cross threads); 0 or unset: in-process,
   * `maxConcurrentScenarios` runs interleaved on this thread. Results are the same either way.
   */
  workers?: number;
  /**
   * A pool of worker threads owned by the caller (started and warmed once for several jobs; not destroyed here).
   * Takes the place of `workers`.
   */
  pool?: ScenarioWorkerPool;
  /**
   * With `workers`: the module that builds each run's trace hooks inside its worker (they replace `onFinished`,
   * `deliberationsFor` and `artifactsFor`, which cannot cross threads).
   */
  runHooks?: RunHooksSpec | null;
  /** The scenario modules include TypeScript files (worker threads then load tsx). */
  typescriptScenarios?: boolean;
  /** With `workers`: told how long past the timeout each terminated run was stopped (wall seconds). */
  onTimeout?: (scenarioId: string, overrunSeconds: number) => void;
  /** Measures wall time of the job (injectable for tests; results never depend on it). */
  wallClock?: () => number;
  /**
   * Run only these runs of the plan (`--retry-errors`: the errored runs of an earlier execution); the others keep
   * their rows. Runs are matched by scenario id and run number.
   */
  only?: readonly RunJob[];
  /**
   * Interrupts the job (Ctrl-C): no new run starts, runs in flight are aborted and dropped (never recorded, so a
   * rerun does them again), and the outcome says `interrupted`. Every run finished before is already recorded.
   */
  interrupt?: AbortSignal;
}

export interface BenchmarkOutcome {
  results: MultiScenarioValidationResult;
  cacheHits: number;
  executed: number;
  /** Runs that ended in an infrastructure error (transport, HTTP 5xx/429, LLM and run timeouts, disk). */
  infrastructureErrors: number;
  /** Errored runs by who is at fault. */
  errorClasses: Record<ErrorClass, number>;
  wallSeconds: number;
  /** The job was interrupted: `notRun` runs of the plan (or shard) were not run or were dropped in flight. */
  interrupted: boolean;
  notRun: number;
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

/** Node's timers hold at most 2^31 - 1 ms (about 24.8 days); a longer delay fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

function withTimeout<T>(
  run: (signal: AbortSignal) => Promise<T>,
  seconds: number | null,
  scenarioId: string,
  interrupt?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  const stoppers: Promise<never>[] = [];
  let timer: NodeJS.Timeout | undefined;
  let onInterrupt: (() => void) | undefined;
  if (seconds !== null) {
    stoppers.push(
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => {
            const error = scenarioTimeoutError(scenarioId, seconds);
            controller.abort(error);
            reject(error);
          },
          Math.min(MAX_TIMER_MS, Math.max(1, Math.round(seconds * 1000))),
        );
      }),
    );
  }
  if (interrupt) {
    stoppers.push(
      new Promise<never>((_, reject) => {
        onInterrupt = () => {
          const error = new RunInterruptedError(`run of ${scenarioId} interrupted`);
          controller.abort(error);
          reject(error);
        };
        if (interrupt.aborted) onInterrupt();
        else interrupt.addEventListener("abort", onInterrupt, { once: true });
      }),
    );
  }
  if (stoppers.length === 0) return run(controller.signal);
  return Promise.race([run(controller.signal), ...stoppers]).finally(() => {
    clearTimeout(timer);
    if (onInterrupt) interrupt?.removeEventListener("abort", onInterrupt);
  });
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
  const sliced = options.shard ? shardSlice(plan, options.shard, jobShardKey) : plan;
  const only = options.only ? new Set(options.only.map(jobShardKey)) : null;
  const jobs = only ? sliced.filter((job) => only.has(jobShardKey(job))) : sliced;
  const interrupt = options.interrupt;
  const multi = new MultiScenarioValidationResult(runColumnsFromConfig(config));
  const tally = { success: 0, failed: 0, errors: 0, done: 0, cacheHits: 0, executed: 0, infra: 0 };
  options.progress?.start(jobs.length, 0);

  const errorClasses = Object.fromEntries(ERROR_CLASSES.map((c) => [c, 0])) as Record<ErrorClass, number>;
  const workers = options.pool?.workers ?? options.workers ?? 0;
  if (workers > 0 && options.policies)
    throw new Error("runs with policies (LLM agents) cannot run in worker threads: leave `workers` unset");
  if (workers > 0)
    for (const id of new Set(jobs.map((j) => j.scenarioId)))
      if (registry.has(id) && registry.sourceFile(id) === null)
        throw new Error(
          `scenario ${id} has no module file (registered in code, not by @registerScenario in a module), so a worker thread cannot load it: run it with workers 0`,
        );
  const ownPool = options.pool === undefined;
  const pool =
    options.pool ??
    (workers > 0 && jobs.length > 0
      ? new ScenarioWorkerPool({ workers, typescript: options.typescriptScenarios === true })
      : null);

  const inProcess = async (job: RunJob): Promise<JobRunOutcome | null> => {
    let result: ScenarioValidationResult;
    let fromCache = false;
    let cachedFrom: string | null = null;
    let cachedArtifactRefs: unknown;
    let key: CacheKey | null = null;
    // Who is at fault for an error that says nothing about itself: the scenario while it is built and hashed,
    // the infrastructure while the store is asked for a cached result.
    let stage: "scenario" | "infrastructure" = "scenario";
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
      stage = "infrastructure";
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
          interrupt,
        );
      }
    } catch (error) {
      if (error instanceof RunInterruptedError) return null;
      const kind = faultKindOf(error, stage);
      result = new ScenarioValidationResult({
        success: false,
        exception: exceptionFromError(error, kind),
        stopReason: kind === "timeout" ? "timeout" : "error",
      });
    }
    const artifacts = fromCache ? null : (options.artifactsFor?.(job.scenarioId, job.runNumber) ?? null);
    return { result, fromCache, cachedFrom, cachedArtifactRefs, key, artifacts };
  };
  type Finished = { job: (typeof jobs)[number]; result: ScenarioValidationResult; seed: number };
  // Records a finished run (before it counts as done: a store failure fails the job rather than losing the row).
  const finish = async (job: (typeof jobs)[number], done: JobRunOutcome | null): Promise<Finished | null> => {
    if (done === null) return null;
    const seed = runSeed(runConfig, job.runNumber);
    const { result, fromCache, cachedFrom, cachedArtifactRefs, key, artifacts } = done;
    // A run that ended because the job was interrupted says nothing: it is done again on resume.
    if (interrupt?.aborted && result.exception !== null) return null;
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
      artifacts,
    });
    tally.done += 1;
    if (fromCache) tally.cacheHits += 1;
    else tally.executed += 1;
    if (result.success === true) tally.success += 1;
    else tally.failed += 1;
    if (result.exception) tally.errors += 1;
    const errorClass = errorClassOf(result.exception);
    if (errorClass) errorClasses[errorClass] += 1;
    if (errorClass === "infrastructure") tally.infra += 1;
    options.progress?.update(tally.done, { ...tally, scenarioId: job.scenarioId, fromCache });
    return { job, result, seed };
  };

  let ran: (Finished | null)[];
  if (pool) {
    // Outcomes arrive in batches; their rows are recorded together (the store commits them as one group).
    const recorded: Promise<void>[] = [];
    const finished = new Array<Finished | null>(jobs.length).fill(null);
    // Stops handing out chunks on an interrupt, or when a row cannot be recorded (the job then fails).
    const halt = new AbortController();
    const onInterrupt = () => halt.abort();
    if (interrupt?.aborted) halt.abort();
    else interrupt?.addEventListener("abort", onInterrupt, { once: true });
    let failure: { error: unknown } | null = null;
    const onRun = (index: number, done: JobRunOutcome) => {
      recorded.push(
        finish(jobs[index] as (typeof jobs)[number], done).then(
          (f) => {
            finished[index] = f;
          },
          (error: unknown) => {
            failure ??= { error };
            halt.abort();
          },
        ),
      );
    };
    const isolated = {
      pool,
      registry,
      config,
      configHash,
      caching,
      store,
      sourceHash,
      hooks: options.runHooks ?? null,
      warn: options.warn,
      onTimeout: options.onTimeout,
      interrupt: halt.signal,
    };
    try {
      await runInWorkers(isolated, jobs, onRun);
    } finally {
      // Every record settles before the job returns (or fails), so none is left writing behind it.
      await Promise.all(recorded);
      interrupt?.removeEventListener("abort", onInterrupt);
      if (ownPool) await pool.destroy();
    }
    if (failure !== null) throw (failure as { error: unknown }).error;
    ran = finished;
  } else {
    ran = await mapWithConcurrency(jobs, config.maxConcurrentScenarios, async (job) =>
      interrupt?.aborted ? null : finish(job, await inProcess(job)),
    );
  }
  options.progress?.stop();
  const outcomes = ran.filter((o) => o !== null);
  // Results are added in job order, not completion order, so the frame is the same at any concurrency.
  multi.identity = { runId: store?.runId ?? null, configHash };
  for (const { job, result, seed } of outcomes) multi.addResult(result, job.scenarioId, job.runNumber, seed);
  multi.duration = outcomes.reduce((sum, o) => sum + o.result.duration, 0);
  return {
    results: multi,
    cacheHits: tally.cacheHits,
    executed: tally.executed,
    infrastructureErrors: tally.infra,
    errorClasses,
    wallSeconds: wall() - started,
    interrupted: interrupt?.aborted === true,
    notRun: jobs.length - outcomes.length,
  };
}
