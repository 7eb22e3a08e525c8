import type { MessagePort } from "node:worker_threads";
import type { DeliberationSink } from "../agents/deliberation-log.js";
import type { ScenarioValidationResultJson } from "../scenarios/validation-result.js";
import type { MultiScenarioRunnerConfig } from "./config.js";
import type { RunArtifacts } from "./job-writer.js";
import type { FinishedRun } from "./scenario-runner.js";

/** One run of a chunk: which scenario, which run, and the module that registers it. */
export interface ChunkRun {
  scenarioId: string;
  runNumber: number | null;
  /** The module that registered the scenario (`@registerScenario`); the worker imports it. */
  modulePath: string | null;
}

/**
 * Consecutive runs of one job handed to a worker thread as one task (src/runner/run-worker.ts), run one after
 * the other. Everything in it crosses the thread boundary by structured clone (the progress slot is shared), so
 * it holds data only: the worker imports the scenarios' modules and, when `hooks` is set, the module that builds
 * each run's trace hooks.
 */
export interface ChunkTask {
  /** The worker's line back to the job: `outcomes` batches, `key` (then waits for `cache`), `warn`. */
  port: MessagePort;
  /**
   * Identifies the job (one `runBenchmark` call): the worker keeps the config and hooks of the job it is
   * working for, so every run of the job shares one config object (its fingerprint is computed once).
   */
  jobKey: string;
  runs: ChunkRun[];
  /** Discovered in the worker when a module is unknown (a scenario registered without a file). */
  scenariosDir: string | null;
  config: MultiScenarioRunnerConfig;
  /** Compute the content hash and ask the job whether the store has the result (then the run is skipped). */
  askCache: boolean;
  hooks: RunHooksSpec | null;
  /** A `ProgressSlot` buffer: the worker says which run it is in and since when; the job may ask it to stop. */
  progress: SharedArrayBuffer;
}

/**
 * The progress slot of a chunk, shared by the worker (writer) and the job (reader), as a BigInt64Array:
 * `STATE` is -1 before the first run, `2 i` while run `i` of the chunk loads its scenario module, `2 i + 1`
 * once it started; `SINCE` the wall time (ms since the epoch, `performance.timeOrigin + performance.now()`)
 * the state was entered, written before the state; `STOP` is set by the job (an interrupt): the worker starts
 * no further run of the chunk.
 */
export const ProgressSlot = { STATE: 0, SINCE: 1, STOP: 2, LENGTH: 3 } as const;

/**
 * A module (by file URL) whose `createRunHooks(options)` gives the worker the run's `onFinished` and deliberation
 * sink, and afterwards the artifacts the store keeps. The CLI's trace recorder is one: the runner layer never
 * imports it, it only loads what the task names.
 */
export interface RunHooksSpec {
  module: string;
  options: unknown;
}

/** What a hooks module builds for one run. */
export interface RunHooks {
  deliberations?: DeliberationSink;
  onFinished?: (run: FinishedRun) => void;
  artifacts?: () => RunArtifacts | null;
}

export type CreateRunHooks = (
  options: unknown,
  scenarioId: string,
  runNumber: number | null,
  warn: (message: string) => void,
) => RunHooks;

/** One finished run of a chunk, by its index in `ChunkTask.runs`. */
export interface ChunkOutcome {
  index: number;
  outcome: RunTaskOutcome;
}

/** Messages a worker posts on the task's port. */
export type WorkerMessage =
  /** Runs of the chunk that finished since the last batch (the rest comes back as the task's result). */
  | { type: "outcomes"; outcomes: ChunkOutcome[] }
  /** Run `index` of the chunk has its content hash: is the result in the store? */
  | { type: "key"; index: number; contentHash: string }
  | { type: "warn"; message: string };

/** The job's answer to `key`. */
export interface CacheAnswer {
  type: "cache";
  hit: boolean;
}

export type RunTaskOutcome =
  | { kind: "cached"; contentHash: string }
  | {
      kind: "ran";
      result: ScenarioValidationResultJson;
      contentHash: string | null;
      artifacts: RunArtifacts | null;
    };
