/**
 * The worker-thread side of isolated runs (src/runner/worker-pool.ts): runs the chunk's runs one after the other,
 * each exactly as the in-process runner does (same preparation, same `runScenario`, same error handling), so
 * results are identical. The thread can be terminated at any point, which is how `--timeout` stops a run that
 * never yields; the progress slot tells the job which run that was.
 */
import { once } from "node:events";
import { sep } from "node:path";
import { pathToFileURL } from "node:url";
import { discoverScenarios } from "../registry/discovery.js";
import { scenarioRegistry } from "../registry/scenario-registry.js";
import { exceptionFromError, ScenarioValidationResult } from "../scenarios/validation-result.js";
import { projectRoot } from "../util/project-root.js";
import {
  type MultiScenarioRunnerConfig,
  type ScenarioRunnerConfig,
  toScenarioRunnerConfig,
} from "./config.js";
import { faultKindOf } from "./fault-kind.js";
import {
  type CacheAnswer,
  type ChunkOutcome,
  type ChunkRun,
  type ChunkTask,
  type CreateRunHooks,
  ProgressSlot,
  type RunHooks,
  type RunHooksSpec,
  type RunTaskOutcome,
  type WorkerMessage,
} from "./run-task.js";
import { prepareScenario, runScenario } from "./scenario-runner.js";

/** Outcomes are posted back in batches, at most this often (and at the end of the chunk, as its result). */
export const OUTCOME_FLUSH_MS = 20;

const imported = new Set<string>();
const hookFactories = new Map<string, CreateRunHooks>();

/**
 * The job this thread last worked for: its config as received once (every run of the job shares the object, so
 * the fingerprint a trace carries is computed once per thread, not once per run) and its hooks.
 */
interface JobContext {
  key: string;
  config: MultiScenarioRunnerConfig;
  runConfig: ScenarioRunnerConfig;
  hooks: RunHooksSpec | null;
}
let job: JobContext | null = null;

function jobContext(task: ChunkTask): JobContext {
  if (job?.key !== task.jobKey)
    job = {
      key: task.jobKey,
      config: task.config,
      runConfig: toScenarioRunnerConfig(task.config),
      hooks: task.hooks,
    };
  return job;
}

async function ensureRegistered(run: ChunkRun, scenariosDir: string | null): Promise<void> {
  if (scenarioRegistry().has(run.scenarioId)) return;
  // A module outside the project goes through discovery, which sets up the hooks external scenario directories
  // need (ES modules without a package.json, `import … from "pare-ts"`); bundled ones are imported directly.
  const external = run.modulePath !== null && !run.modulePath.startsWith(`${projectRoot()}${sep}`);
  if (run.modulePath !== null && !external && !imported.has(run.modulePath)) {
    imported.add(run.modulePath);
    await import(pathToFileURL(run.modulePath).href);
  }
  if (!scenarioRegistry().has(run.scenarioId)) await discoverScenarios(scenariosDir);
}

async function hooksFor(
  spec: RunHooksSpec | null,
  run: ChunkRun,
  warn: (m: string) => void,
): Promise<RunHooks> {
  if (spec === null) return {};
  let factory = hookFactories.get(spec.module);
  if (factory === undefined) {
    const mod = (await import(spec.module)) as { createRunHooks?: CreateRunHooks };
    if (typeof mod.createRunHooks !== "function")
      throw new TypeError(`${spec.module} does not export createRunHooks`);
    factory = mod.createRunHooks;
    hookFactories.set(spec.module, factory);
  }
  return factory(spec.options, run.scenarioId, run.runNumber, warn);
}

/** Wall milliseconds since the epoch, as the job's thread reads them (`performance` is per thread). */
const wallMs = (): bigint => BigInt(Math.round(performance.timeOrigin + performance.now()));

async function runOne(
  task: ChunkTask,
  ctx: JobContext,
  index: number,
  enter: (state: number) => void,
  post: (message: WorkerMessage) => void,
): Promise<RunTaskOutcome> {
  const run = task.runs[index] as ChunkRun;
  const warn = (message: string) => post({ type: "warn", message });
  enter(2 * index);
  let contentHash: string | null = null;
  let result: ScenarioValidationResult;
  let hooks: RunHooks = {};
  // As the in-process runner: the scenario is at fault while it is built and hashed, the infrastructure after.
  let stage: "scenario" | "infrastructure" = "scenario";
  try {
    await ensureRegistered(run, task.scenariosDir);
    enter(2 * index + 1);
    const scenario = scenarioRegistry().create(run.scenarioId);
    prepareScenario(scenario, ctx.runConfig, run.runNumber);
    if (task.askCache) {
      contentHash = scenario.contentHash();
      stage = "infrastructure";
      const answer = once(task.port, "message") as Promise<[CacheAnswer]>;
      post({ type: "key", index, contentHash });
      const [reply] = await answer;
      if (reply.hit) return { kind: "cached", contentHash };
    } else {
      scenario.initialize();
      stage = "infrastructure";
    }
    hooks = await hooksFor(ctx.hooks, run, warn);
    result = await runScenario(scenario, {
      config: ctx.runConfig,
      runNumber: run.runNumber,
      deliberations: hooks.deliberations,
      onFinished: hooks.onFinished,
      warn,
    });
  } catch (error) {
    // As the in-process runner: what fails outside the run itself (an unknown id, a scenario that cannot be built).
    result = new ScenarioValidationResult({
      success: false,
      exception: exceptionFromError(error, faultKindOf(error, stage)),
      stopReason: "error",
    });
  }
  const artifacts = hooks.artifacts?.() ?? null;
  return { kind: "ran", result: result.toJSON(), contentHash, artifacts };
}

/**
 * Runs the chunk's runs in order; finished ones go back in `outcomes` batches on the port (at most every
 * OUTCOME_FLUSH_MS, and the rest at the end). Stops early, between runs, when the job sets the slot's STOP.
 * Resolves to the number of outcomes posted: the job waits until it has received them all.
 */
export default async function runChunk(task: ChunkTask): Promise<number> {
  const post = (message: WorkerMessage) => task.port.postMessage(message);
  const slot = new BigInt64Array(task.progress);
  const enter = (state: number) => {
    Atomics.store(slot, ProgressSlot.SINCE, wallMs());
    Atomics.store(slot, ProgressSlot.STATE, BigInt(state));
  };
  const ctx = jobContext(task);
  let batch: ChunkOutcome[] = [];
  let posted = 0;
  let flushed = performance.now();
  const flush = () => {
    if (batch.length === 0) return;
    post({ type: "outcomes", outcomes: batch });
    posted += batch.length;
    batch = [];
    flushed = performance.now();
  };
  for (let index = 0; index < task.runs.length; index++) {
    if (Atomics.load(slot, ProgressSlot.STOP) !== 0n) break;
    batch.push({ index, outcome: await runOne(task, ctx, index, enter, post) });
    if (performance.now() - flushed >= OUTCOME_FLUSH_MS) flush();
  }
  flush();
  return posted;
}
