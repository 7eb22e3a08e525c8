/**
 * Scenario runs in worker threads (piscina): a task is a chunk of consecutive runs of the job, run one after the
 * other on a thread of its own, so the job's thread hands out work and takes results in batches rather than run
 * by run. A run past its `--timeout` is stopped by terminating the thread, whatever it is doing (a synchronous
 * loop in `validate()` or while populating apps included): the chunk's progress slot (shared memory) says which
 * run that was and since when; the job records that run as a timeout and runs the rest of the chunk again on a
 * fresh thread. Oracle and offline runs are CPU-bound: one thread per core runs them in parallel.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { type ChunkOutcome, type ChunkTask, ProgressSlot, type WorkerMessage } from "./run-task.js";

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

/** Node's timers hold at most 2^31 - 1 ms; a longer delay fires after 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * How often the job looks at a chunk whose thread has not started a run yet (it may still be starting) or is
 * loading a scenario module (whose bound is longer than the run's timeout).
 */
const POLL_MS = 100;

export interface ChunkOptions {
  /** Wall seconds each run may take from the moment its scenario module is loaded; null: no limit. */
  timeoutSeconds: number | null;
  /** Run `index` has its content hash: does the store have the result? (true: the worker skips the run). */
  askCache?: (index: number, contentHash: string) => Promise<boolean>;
  warn?: (message: string) => void;
  /** Told the runs of the chunk that finished, batch by batch, as they arrive. */
  onOutcomes: (outcomes: ChunkOutcome[]) => void;
  /** Once aborted, the thread starts no further run of the chunk (the one in progress finishes). */
  interrupt?: AbortSignal;
}

/**
 * How a chunk ended. `received`: the runs whose outcomes were handed to `onOutcomes`; every other run of the
 * chunk but `index` (the one stopped) did not run or its outcome was lost with the thread: run it again.
 */
export type ChunkEnd = { received: ReadonlySet<number> } & (
  | { kind: "done" }
  /** Run `index` was terminated with its thread at its timeout, `overrunSeconds` past it. */
  | { kind: "timeout"; index: number; overrunSeconds: number }
  /** The thread died (out of memory, a native crash, a failed start) while in run `index`. */
  | { kind: "crashed"; index: number; error: unknown }
);

export interface ScenarioWorkerPoolOptions {
  workers: number;
  /** The scenario modules include TypeScript files (workers then load tsx even from compiled code). */
  typescript?: boolean;
}

/** Wall milliseconds since the epoch, as the progress slot holds them. */
const wallMs = (): number => performance.timeOrigin + performance.now();

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

  /**
   * Runs a chunk of runs on a free thread (the caller keeps at most `workers` in flight, so it starts at once).
   * With a timeout, a watchdog follows the chunk's progress slot: a run past its timeout (or its module load
   * past max(MODULE_LOAD_BOUND_SECONDS, timeout)) is stopped by terminating the thread.
   */
  async runChunk(
    task: Omit<ChunkTask, "port" | "askCache" | "progress">,
    options: ChunkOptions,
  ): Promise<ChunkEnd> {
    const { port1, port2 } = new MessageChannel();
    const progress = new SharedArrayBuffer(ProgressSlot.LENGTH * BigInt64Array.BYTES_PER_ELEMENT);
    const slot = new BigInt64Array(progress);
    Atomics.store(slot, ProgressSlot.STATE, -1n);
    const controller = new AbortController();
    const received = new Set<number>();
    let expected: number | null = null;
    let allReceived: (() => void) | null = null;
    let timer: NodeJS.Timeout | undefined;
    // Set when the watchdog stops the thread: the state it was in and the deadline it passed (wall ms).
    let stopped: { state: number; deadline: number } | null = null;
    const seconds = options.timeoutSeconds;
    const watch = () => {
      if (seconds === null) return;
      const state = Number(Atomics.load(slot, ProgressSlot.STATE));
      if (state < 0) {
        timer = setTimeout(watch, POLL_MS);
        return;
      }
      const since = Number(Atomics.load(slot, ProgressSlot.SINCE));
      const bound = state % 2 === 0 ? Math.max(MODULE_LOAD_BOUND_SECONDS, seconds) : seconds;
      const deadline = since + bound * 1000;
      const left = deadline - wallMs();
      if (left <= 0) {
        stopped = { state, deadline };
        controller.abort();
        return;
      }
      // While the module loads (a long bound), look again soon: once the run starts, its own timeout counts.
      const wait = state % 2 === 0 ? Math.min(left, POLL_MS) : left;
      timer = setTimeout(watch, Math.min(MAX_TIMER_MS, Math.ceil(wait)));
    };
    const onInterrupt = () => Atomics.store(slot, ProgressSlot.STOP, 1n);
    if (options.interrupt?.aborted) onInterrupt();
    else options.interrupt?.addEventListener("abort", onInterrupt, { once: true });
    port1.on("message", (message: WorkerMessage) => {
      if (message.type === "outcomes") {
        for (const o of message.outcomes) received.add(o.index);
        options.onOutcomes(message.outcomes);
        if (expected !== null && received.size >= expected) allReceived?.();
      } else if (message.type === "key") {
        const ask = options.askCache ?? (async () => false);
        ask(message.index, message.contentHash).then(
          (hit) => port1.postMessage({ type: "cache", hit }),
          () => port1.postMessage({ type: "cache", hit: false }),
        );
      } else if (message.type === "warn") {
        (options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`)))(message.message);
      }
    });
    // The run the thread was in when it stopped: the state's run, else the first run not received.
    const inFlight = (state: number): number => {
      if (state >= 0 && !received.has(state >> 1)) return state >> 1;
      return task.runs.findIndex((_, i) => !received.has(i));
    };
    try {
      watch();
      const full: ChunkTask = { ...task, port: port2, askCache: options.askCache !== undefined, progress };
      const posted = (await this.pool.run(full, {
        transferList: [port2] as unknown as TransferList,
        signal: controller.signal,
      })) as number;
      clearTimeout(timer);
      // The batches travel on the chunk's port, the result on the pool's: wait for the last batch.
      if (received.size < posted) {
        expected = posted;
        await new Promise<void>((resolve) => {
          allReceived = resolve;
        });
      }
      return { kind: "done", received };
    } catch (error) {
      clearTimeout(timer);
      const now = wallMs();
      const halt = stopped as { state: number; deadline: number } | null;
      if (controller.signal.aborted && halt !== null)
        return {
          kind: "timeout",
          index: inFlight(halt.state),
          overrunSeconds: Math.max(0, (now - halt.deadline) / 1000),
          received,
        };
      return {
        kind: "crashed",
        index: inFlight(Number(Atomics.load(slot, ProgressSlot.STATE))),
        error,
        received,
      };
    } finally {
      clearTimeout(timer);
      options.interrupt?.removeEventListener("abort", onInterrupt);
      port1.close();
    }
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
