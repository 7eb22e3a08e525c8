import type { MessagePort } from "node:worker_threads";
import type { DeliberationSink } from "../agents/deliberation-log.js";
import type { ScenarioValidationResultJson } from "../scenarios/validation-result.js";
import type { MultiScenarioRunnerConfig } from "./config.js";
import type { RunArtifacts } from "./job-writer.js";
import type { FinishedRun } from "./scenario-runner.js";

/**
 * One scenario run handed to a worker thread (src/runner/run-worker.ts). Everything in it crosses the thread
 * boundary by structured clone, so it holds data only: the worker imports the scenario's module and, when
 * `hooks` is set, the module that builds the run's trace hooks.
 */
export interface RunTask {
  /** The worker's line back to the job: `loading`, `started`, `key` (then waits for `cache`), `warn`. */
  port: MessagePort;
  scenarioId: string;
  runNumber: number | null;
  /** The module that registered the scenario (`@registerScenario`); the worker imports it. */
  modulePath: string | null;
  /** Discovered in the worker when the module is unknown (a scenario registered without a file). */
  scenariosDir: string | null;
  config: MultiScenarioRunnerConfig;
  /** Compute the content hash and ask the job whether the store has the result (then the run is skipped). */
  askCache: boolean;
  hooks: RunHooksSpec | null;
}

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

/** Messages a worker posts on the task's port. */
export type WorkerMessage =
  /** The task reached the worker; the scenario's module is being loaded. */
  | { type: "loading" }
  /** The module is loaded: the run (and its timeout) starts. */
  | { type: "started" }
  | { type: "key"; contentHash: string }
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
