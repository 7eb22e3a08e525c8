import type { ScenarioRegistry } from "../registry/scenario-registry.js";
import { ScenarioValidationResult } from "../scenarios/validation-result.js";
import type { MultiScenarioRunnerConfig } from "./config.js";
import type { CachedResult, CacheKey, JobWriter, RunArtifacts } from "./job-writer.js";
import type { RunHooksSpec } from "./run-task.js";
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
}

/**
 * One run of the job in a worker thread. The worker computes the content hash and asks here whether the store
 * has the result (the store stays on this thread); a run past `timeoutSeconds` is terminated with its thread and
 * recorded as a timeout, as the in-process runner records one; a thread that dies is an infrastructure error.
 */
export async function runInWorker(
  ctx: IsolatedRunContext,
  scenarioId: string,
  runNumber: number | null,
): Promise<JobRunOutcome> {
  // Filled by the worker's cache question (a closure, hence an object rather than narrowed locals).
  const found: { key: CacheKey | null; hit: CachedResult | null } = { key: null, hit: null };
  const base = { fromCache: false, cachedFrom: null, cachedArtifactRefs: undefined, artifacts: null };
  const sourceHash = ctx.caching ? ctx.sourceHash(scenarioId) : null;
  const done = await ctx.pool.run(
    {
      scenarioId,
      runNumber,
      modulePath: ctx.registry.sourceFile(scenarioId),
      scenariosDir: ctx.config.scenariosDir,
      config: ctx.config,
      hooks: ctx.hooks,
    },
    {
      timeoutSeconds: ctx.config.timeoutSeconds,
      warn: ctx.warn,
      askCache:
        ctx.caching && ctx.store !== null && sourceHash !== null
          ? async (contentHash) => {
              found.key = { configHash: ctx.configHash, scenarioId, runNumber, sourceHash, contentHash };
              found.hit = (await ctx.store?.cached(found.key)) ?? null;
              return found.hit !== null;
            }
          : undefined,
    },
  );
  if (done.kind === "timeout") {
    ctx.onTimeout?.(scenarioId, done.overrunSeconds);
    const seconds = ctx.config.timeoutSeconds;
    return {
      ...base,
      key: found.key,
      result: new ScenarioValidationResult({
        success: false,
        exception: {
          type: "ScenarioTimeoutError",
          message: `Scenario ${scenarioId} timed out after ${seconds} seconds`,
          kind: "timeout",
        },
        stopReason: "timeout",
      }),
    };
  }
  if (done.kind === "crashed") {
    const error = done.error;
    return {
      ...base,
      key: found.key,
      result: new ScenarioValidationResult({
        success: false,
        exception: {
          type: "WorkerError",
          message: `the worker thread running ${scenarioId} died: ${error instanceof Error ? error.message : String(error)}`,
          kind: "infrastructure",
        },
        stopReason: "error",
      }),
    };
  }
  const outcome = done.outcome;
  const cached = found.hit;
  const key = found.key;
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
