import { randomUUID } from "node:crypto";
import type { ScenarioRegistry } from "../registry/scenario-registry.js";
import {
  exceptionFromError,
  type ResultException,
  ScenarioValidationResult,
  type StopReason,
} from "../scenarios/validation-result.js";
import type { MultiScenarioRunnerConfig } from "./config.js";
import type { CachedResult, CacheKey, JobWriter, RunArtifacts } from "./job-writer.js";
import type { RunHooksSpec, RunTaskOutcome } from "./run-task.js";
import { scenarioTimeoutError } from "./scenario-timeout.js";
import type { ScenarioWorkerPool } from "./worker-pool.js";

/** How one run of a job ended, wherever it ran: what the store records. */
export interface JobRunOutcome {
  result: ScenarioValidationResult;
  fromCache: boolean;
  cachedFrom: string | null;
  cachedArtifactRefs: unknown;
  key: CacheKey | null;
  artifacts: RunArtifacts | null;
}

export interface IsolatedRunContext {
  pool: ScenarioWorkerPool;
  registry: ScenarioRegistry;
  config: MultiScenarioRunnerConfig;
  configHash: string;
  caching: boolean;
  store: JobWriter | null;
  sourceHash: (scenarioId: string) => string;
  hooks: RunHooksSpec | null;
  warn?: (message: string) => void;
  /** Told how long past its timeout each terminated run was stopped (wall seconds). */
  onTimeout?: (scenarioId: string, overrunSeconds: number) => void;
  /** Once aborted, no further chunk is handed out and threads start no further run. */
  interrupt?: AbortSignal;
}

export interface IsolatedJob {
  scenarioId: string;
  runNumber: number | null;
}

/**
 * Guided self-scheduling: a chunk takes 1 / (GUIDED_FACTOR × threads) of the runs not handed out yet, so chunks
 * start big (few hand-offs) and end small (the threads finish together).
 */
export const GUIDED_FACTOR = 2;

/** The size of the next chunk when `remaining` runs are left for `workers` threads. */
export function guidedChunkSize(remaining: number, workers: number): number {
  return Math.max(1, Math.min(remaining, Math.ceil(remaining / (GUIDED_FACTOR * Math.max(1, workers)))));
}

const base = { fromCache: false, cachedFrom: null, cachedArtifactRefs: undefined, artifacts: null };

function failedOutcome(
  exception: ResultException,
  stopReason: StopReason,
  key: CacheKey | null,
): JobRunOutcome {
  return { ...base, key, result: new ScenarioValidationResult({ success: false, exception, stopReason }) };
}

function timeoutOutcome(scenarioId: string, seconds: number | null, key: CacheKey | null): JobRunOutcome {
  return failedOutcome(
    exceptionFromError(scenarioTimeoutError(scenarioId, seconds), "timeout"),
    "timeout",
    key,
  );
}

function crashOutcome(scenarioId: string, error: unknown, key: CacheKey | null): JobRunOutcome {
  const message = `the worker thread running ${scenarioId} died: ${error instanceof Error ? error.message : String(error)}`;
  return failedOutcome({ type: "WorkerError", message, kind: "infrastructure" }, "error", key);
}

/** Filled by the worker's cache question for one run. */
interface CacheLookup {
  key: CacheKey | null;
  hit: CachedResult | null;
}

function ranOutcome(
  scenarioId: string,
  outcome: RunTaskOutcome,
  found: CacheLookup | undefined,
): JobRunOutcome {
  const key = found?.key ?? null;
  const cached = found?.hit ?? null;
  if (outcome.kind === "cached" && cached !== null)
    return {
      result: cached.result,
      fromCache: true,
      cachedFrom: cached.runId,
      cachedArtifactRefs: cached.artifactRefs,
      key,
      artifacts: null,
    };
  if (outcome.kind === "cached") throw new Error(`worker skipped ${scenarioId} without a cache hit`);
  return {
    ...base,
    key,
    result: ScenarioValidationResult.fromJSON(outcome.result),
    artifacts: outcome.artifacts,
  };
}

/**
 * Runs the job's runs in worker threads, in chunks of consecutive runs (guided sizes), at most one chunk per
 * thread. Each worker computes its runs' content hashes and asks here whether the store has the result (the
 * store stays on this thread). A run past `timeoutSeconds` is terminated with its thread and recorded as a
 * timeout, as the in-process runner records one; a thread that dies is an infrastructure error for the run it
 * was in. Either way the chunk's other unfinished runs are handed out again (to a fresh thread), so only that
 * run is affected. `onRun` is told every run's outcome, by its index in `jobs`, as it arrives.
 */
export async function runInWorkers(
  ctx: IsolatedRunContext,
  jobs: readonly IsolatedJob[],
  onRun: (jobIndex: number, outcome: JobRunOutcome) => void,
): Promise<void> {
  const jobKey = randomUUID();
  // Runs handed out again (a stopped thread's unfinished ones) go first, then the plan from `next` on.
  const again: number[] = [];
  let next = 0;
  // Set when a chunk fails (its outcomes could not be handled): no further chunk is handed out.
  let broken = false;
  const takeChunk = (): number[] | null => {
    if (ctx.interrupt?.aborted || broken) return null;
    const size = guidedChunkSize(again.length + jobs.length - next, ctx.pool.workers);
    if (again.length > 0) return again.splice(0, size);
    if (next >= jobs.length) return null;
    const chunk = Array.from({ length: size }, (_, i) => next + i);
    next += size;
    return chunk;
  };
  const runChunk = async (chunk: number[]): Promise<void> => {
    const found = new Map<number, CacheLookup>();
    let failure: { error: unknown } | null = null;
    const jobOf = (i: number) => jobs[chunk[i] as number] as IsolatedJob;
    const end = await ctx.pool.runChunk(
      {
        jobKey,
        runs: chunk.map((j) => {
          const job = jobs[j] as IsolatedJob;
          return {
            scenarioId: job.scenarioId,
            runNumber: job.runNumber,
            modulePath: ctx.registry.sourceFile(job.scenarioId),
          };
        }),
        scenariosDir: ctx.config.scenariosDir,
        config: ctx.config,
        hooks: ctx.hooks,
      },
      {
        timeoutSeconds: ctx.config.timeoutSeconds,
        warn: ctx.warn,
        interrupt: ctx.interrupt,
        onOutcomes: (outcomes) => {
          // Called from the port's message event: an error is kept and thrown once the chunk has ended.
          try {
            for (const { index, outcome } of outcomes)
              onRun(chunk[index] as number, ranOutcome(jobOf(index).scenarioId, outcome, found.get(index)));
          } catch (error) {
            failure ??= { error };
          }
        },
        askCache: ctx.caching && ctx.store !== null ? (index, hash) => ask(index, hash) : undefined,
      },
    );
    async function ask(index: number, contentHash: string): Promise<boolean> {
      const { scenarioId, runNumber } = jobOf(index);
      const key = {
        configHash: ctx.configHash,
        scenarioId,
        runNumber,
        sourceHash: ctx.sourceHash(scenarioId),
        contentHash,
      };
      const lookup: CacheLookup = { key, hit: null };
      found.set(index, lookup);
      lookup.hit = (await ctx.store?.cached(key)) ?? null;
      return lookup.hit !== null;
    }
    if (failure !== null) throw (failure as { error: unknown }).error;
    const stoppedAt = end.kind === "done" ? -1 : end.index;
    if (end.kind !== "done" && stoppedAt >= 0) {
      const { scenarioId } = jobOf(stoppedAt);
      const key = found.get(stoppedAt)?.key ?? null;
      if (end.kind === "timeout") {
        ctx.onTimeout?.(scenarioId, end.overrunSeconds);
        onRun(chunk[stoppedAt] as number, timeoutOutcome(scenarioId, ctx.config.timeoutSeconds, key));
      } else {
        onRun(chunk[stoppedAt] as number, crashOutcome(scenarioId, end.error, key));
      }
    }
    // Runs the stopped thread did not get to, or whose outcomes went with it: handed out again, first.
    const rest = chunk.filter((_, i) => i !== stoppedAt && !end.received.has(i));
    if (rest.length > 0 && !ctx.interrupt?.aborted) again.unshift(...rest);
  };
  // A lane with nothing to take waits while chunks are in flight: one may hand runs out again.
  let inFlight = 0;
  let waiting: (() => void)[] = [];
  const wake = () => {
    const woken = waiting;
    waiting = [];
    for (const resume of woken) resume();
  };
  const lane = async (): Promise<void> => {
    for (;;) {
      const chunk = takeChunk();
      if (chunk !== null) {
        inFlight += 1;
        try {
          await runChunk(chunk);
        } catch (error) {
          broken = true;
          throw error;
        } finally {
          inFlight -= 1;
          wake();
        }
      } else if (inFlight === 0 || ctx.interrupt?.aborted || broken) {
        return;
      } else {
        await new Promise<void>((resume) => waiting.push(resume));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(ctx.pool.workers, jobs.length)) }, lane));
}
