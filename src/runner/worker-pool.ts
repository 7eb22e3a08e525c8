/**
 * Scenario runs in worker threads (piscina): each run gets a thread of its own for as long as it lasts, so a
 * run past its `--timeout` is stopped by terminating the thread, whatever it is doing (a synchronous loop in
 * `validate()` or while populating apps included), and the job goes on with a fresh thread. Oracle and offline
 * runs are CPU-bound: one thread per core runs them in parallel.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import type { RunTask, RunTaskOutcome, WorkerMessage } from "./run-task.js";

type TransferList = NonNullable<NonNullable<Parameters<Piscina["run"]>[1]>["transferList"]>;

/** True when this code runs from the TypeScript sources (tsx, vitest) rather than compiled JavaScript. */
export const RUNNING_TYPESCRIPT = import.meta.url.endsWith(".ts");

/**
 * The file a worker thread runs and its `workerData`. Compiled code runs the sibling `.js` module directly; when
 * the sources are TypeScript (tsx, vitest), or `typescript` says the scenario modules are (an external scenarios
 * directory of `.ts` files in compiled mode), the thread starts with bin/tsx-worker.mjs, which registers tsx's
 * loader in that thread (a parent's tsx registration does not reach its workers) and then loads the module.
 */
export function workerEntry(
  name: string,
  from: string,
  typescript = false,
): { filename: string; workerData: { tsxWorkerTarget: string } | undefined } {
  const ts = from.endsWith(".ts");
  const target = new URL(`./${name}${ts ? ".ts" : ".js"}`, from);
  if (!ts && !typescript) return { filename: fileURLToPath(target), workerData: undefined };
  const bootstrap = fileURLToPath(new URL("../../bin/tsx-worker.mjs", from));
  return { filename: bootstrap, workerData: { tsxWorkerTarget: target.href } };
}

/** Threads for CPU-bound runs when not told: one per core, no more than the runs in flight allowed. */
export function defaultWorkerCount(concurrency: number): number {
  return Math.max(1, Math.min(availableParallelism(), concurrency));
}

/**
 * Wall seconds a worker may spend loading a scenario's module before the run starts (the run's own timeout
 * starts after): loading TypeScript under tsx on a busy machine takes seconds, a module that loops at import
 * must still be stopped. At least the run's timeout.
 */
export const MODULE_LOAD_BOUND_SECONDS = 30;

export interface PoolTaskOptions {
  /** Wall seconds the run may take from the moment its scenario module is loaded; null: no limit. */
  timeoutSeconds: number | null;
  /** The content hash is known: does the store have the result? (true: the worker skips the run). */
  askCache?: (contentHash: string) => Promise<boolean>;
  warn?: (message: string) => void;
}

export type PoolTaskResult =
  | { kind: "outcome"; outcome: RunTaskOutcome }
  /** Terminated at its timeout; `overrunSeconds`: how long past the timeout the thread was gone. */
  | { kind: "timeout"; overrunSeconds: number }
  /** The thread died (out of memory, a native crash, a failed start). */
  | { kind: "crashed"; error: unknown };

export interface ScenarioWorkerPoolOptions {
  workers: number;
  /** The scenario modules include TypeScript files (workers then load tsx even from compiled code). */
  typescript?: boolean;
}

export class ScenarioWorkerPool {
  readonly workers: number;
  private readonly pool: Piscina;

  constructor(options: ScenarioWorkerPoolOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 1)
      throw new RangeError(`workers must be a positive integer, got ${options.workers}`);
    this.workers = options.workers;
    const entry = workerEntry("run-worker", import.meta.url, options.typescript === true);
    this.pool = new Piscina({
      filename: entry.filename,
      workerData: entry.workerData,
      // Not the parent's flags (a profiler, a loader of the launcher): the entry sets up what the thread needs.
      execArgv: [],
      minThreads: this.workers,
      maxThreads: this.workers,
      concurrentTasksPerWorker: 1,
      // Tasks await messages (the cache answer): a worker must never block its event loop waiting for work.
      atomics: "disabled",
      idleTimeout: 60_000,
    });
  }

  /** Runs one task on a free thread (the caller keeps at most `workers` in flight, so it starts at once). */
  async run(task: Omit<RunTask, "port" | "askCache">, options: PoolTaskOptions): Promise<PoolTaskResult> {
    const { port1, port2 } = new MessageChannel();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let deadline: number | null = null;
    const arm = (seconds: number) => {
      clearTimeout(timer);
      deadline = performance.now() + seconds * 1000;
      timer = setTimeout(() => controller.abort(), seconds * 1000);
    };
    port1.on("message", (message: WorkerMessage) => {
      const seconds = options.timeoutSeconds;
      if (message.type === "loading") {
        if (seconds !== null) arm(Math.max(MODULE_LOAD_BOUND_SECONDS, seconds));
      } else if (message.type === "started") {
        if (seconds !== null) arm(seconds);
      } else if (message.type === "key") {
        const ask = options.askCache ?? (async () => false);
        ask(message.contentHash).then(
          (hit) => port1.postMessage({ type: "cache", hit }),
          () => port1.postMessage({ type: "cache", hit: false }),
        );
      } else if (message.type === "warn") {
        (options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`)))(message.message);
      }
    });
    try {
      const full: RunTask = { ...task, port: port2, askCache: options.askCache !== undefined };
      const outcome = (await this.pool.run(full, {
        transferList: [port2] as unknown as TransferList,
        signal: controller.signal,
      })) as RunTaskOutcome;
      return { kind: "outcome", outcome };
    } catch (error) {
      if (controller.signal.aborted && deadline !== null)
        return { kind: "timeout", overrunSeconds: Math.max(0, (performance.now() - deadline) / 1000) };
      return { kind: "crashed", error };
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
