/**
 * `pare scenarios list` and `check` with the scenario code in worker threads: a module that loops at import, or
 * a scenario that loops while it is built or checked, is reported after a bound and the rest goes on, instead of
 * hanging the command. Nothing of the scenarios is loaded on the calling thread.
 */
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { readSplit } from "../registry/splits.js";
import { mapWithConcurrency } from "./async-pool.js";
import type { ScenarioCheck } from "./scenario-check.js";
import {
  type ListedScenarios,
  mergeListedParts,
  type PartOutcome,
  type SplitRequest,
} from "./scenario-listing.js";
import type { ScenarioTask, ScenarioTaskResult } from "./scenario-tasks-worker.js";
import { type ScenarioTaskProgress, StepProgress } from "./step-progress.js";
import { defaultWorkerCount, workerEntry } from "./worker-pool.js";

/** Wall seconds one module may take to import, and one scenario to be built and summarised. */
export const STEP_BOUND_SECONDS = 30;
/** Wall seconds one scenario's checks (oracle, noop, reference and ablation runs) may take. */
export const CHECK_BOUND_SECONDS = 120;

function createPool(threads: number, typescript: boolean): Piscina {
  const entry = workerEntry("scenario-tasks-worker", import.meta.url, typescript);
  return new Piscina({
    filename: entry.filename,
    workerData: entry.workerData,
    execArgv: [],
    minThreads: 1,
    maxThreads: threads,
    concurrentTasksPerWorker: 1,
    atomics: "disabled",
  });
}

/** A task without its progress record (the union kept: Omit on a union would merge its members). */
type TaskInput = ScenarioTask extends infer T ? (T extends unknown ? Omit<T, "progress"> : never) : never;

type Bounded =
  | { ok: true; value: ScenarioTaskResult }
  | { ok: false; stuck: ScenarioTaskProgress | null; error: unknown };

/** How often a task's progress is looked at: a bound is overrun by at most this much. */
const POLL_MS = 100;

/** Runs a task; each step it begins restarts its bound (`bound(step)` seconds); past it the thread is terminated. */
async function runBounded(
  pool: Piscina,
  task: TaskInput,
  bound: (step: ScenarioTaskProgress | null) => number,
): Promise<Bounded> {
  const progress = new StepProgress();
  const controller = new AbortController();
  let seen = 0;
  let since = performance.now();
  let step: ScenarioTaskProgress | null = null;
  const poll = setInterval(() => {
    const now = performance.now();
    const sequence = progress.sequence();
    if (sequence !== seen) {
      seen = sequence;
      since = now;
      step = progress.current();
    } else if (now - since >= bound(step) * 1000) controller.abort();
  }, POLL_MS);
  try {
    const value = (await pool.run({ ...task, progress: progress.buffer } as ScenarioTask, {
      signal: controller.signal,
    })) as ScenarioTaskResult;
    return { ok: true, value };
  } catch (error) {
    return { ok: false, stuck: controller.signal.aborted ? progress.current() : null, error };
  } finally {
    clearInterval(poll);
  }
}

export interface IsolationOptions {
  /** The scenario modules include TypeScript files (threads then load tsx, even from compiled code). */
  typescript?: boolean;
  stepBoundSeconds?: number;
  checkBoundSeconds?: number;
  /** Threads for checks (default: one per core). */
  workers?: number;
  /** Threads that list the scenarios, each importing a part of the modules (default: one per core, at most 4). */
  listThreads?: number;
}

/** The listing's threads when not told: one per core, at most this many (each imports the framework anew). */
export const MAX_LIST_THREADS = 4;

const describeStuck = (step: ScenarioTaskProgress, seconds: number) =>
  step.type === "importing"
    ? `did not finish importing within ${seconds} s and was stopped (a loop at import?)`
    : `did not finish building within ${seconds} s and was stopped (a loop while populating apps?)`;

/**
 * Loads and summarises one part of the scenario modules in a thread of its own (a pool of one: a retry never
 * reuses a thread that imported other modules). A module (or scenario) that does not finish within the bound is
 * recorded, skipped, and the part is listed again without it in a fresh thread.
 */
async function listPart(
  scenariosDir: string | null,
  part: { index: number; count: number },
  only: string[] | null,
  options: IsolationOptions,
): Promise<PartOutcome> {
  const seconds = options.stepBoundSeconds ?? STEP_BOUND_SECONDS;
  const pool = createPool(1, options.typescript === true);
  const skip: string[] = [];
  const stuckModules: { path: string; error: string }[] = [];
  const stuckScenarios: { id: string; error: string }[] = [];
  try {
    for (;;) {
      const done = await runBounded(
        pool,
        { kind: "list", scenariosDir, skip: [...skip], part, only },
        () => seconds,
      );
      if (done.ok && done.value.kind === "list")
        return { listed: done.value.part, stuckModules, stuckScenarios };
      if (done.ok || done.stuck === null)
        throw new Error(
          `the scenario listing thread failed: ${done.ok ? "wrong answer" : String(done.error)}`,
        );
      const step = done.stuck;
      const key = step.type === "importing" ? step.path : `scenario:${step.id}`;
      if (skip.includes(key)) throw new Error(`the scenario listing thread stopped twice at ${key}`);
      skip.push(key);
      if (step.type === "importing")
        stuckModules.push({ path: step.path, error: describeStuck(step, seconds) });
      else stuckScenarios.push({ id: step.id, error: describeStuck(step, seconds) });
    }
  } finally {
    await pool.destroy();
  }
}

/** The split's ids as its file lists them (checked against the registered ids once the threads are done). */
function requestSplit(name: string): SplitRequest {
  try {
    return { name, ids: readSplit(name) };
  } catch (error) {
    return { name, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Loads and summarises the scenarios in worker threads, each importing a contiguous part of the module files
 * (one per core by default), merged in file order: the listing one thread importing every file would make. When
 * parts registered the same id (a module imported from two parts, a directory given twice) the listing is
 * redone in one thread. A module (or scenario) that does not finish within the bound is reported as a failure.
 */
export async function listScenariosIsolated(
  scenariosDir: string | null,
  split: string | null,
  options: IsolationOptions = {},
): Promise<ListedScenarios> {
  const request = split === null ? null : requestSplit(split);
  const only = request === null ? null : "ids" in request ? request.ids : [];
  const count = options.listThreads ?? Math.min(availableParallelism(), MAX_LIST_THREADS);
  const listInParts = async (parts: number) => {
    const settled = await Promise.allSettled(
      Array.from({ length: parts }, (_, index) =>
        listPart(scenariosDir, { index, count: parts }, only, options),
      ),
    );
    const failed = settled.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    return mergeListedParts(
      settled.map((s) => (s as PromiseFulfilledResult<PartOutcome>).value),
      request,
    );
  };
  const listed = (count > 1 ? await listInParts(count) : null) ?? (await listInParts(1));
  if (listed === null) throw new Error("one thread listing every scenario module registered an id twice");
  return listed;
}

/**
 * `pare scenarios check` in worker threads, one scenario per task: a scenario whose checks do not end within the
 * bound fails with that reason and the others go on. `onCheck` sees the checks in input order as they complete.
 */
export async function checkScenariosIsolated(
  ids: readonly string[],
  scenariosDir: string | null,
  skip: readonly string[],
  onCheck: (check: ScenarioCheck) => void,
  options: IsolationOptions = {},
): Promise<ScenarioCheck[]> {
  const stepSeconds = options.stepBoundSeconds ?? STEP_BOUND_SECONDS;
  const checkSeconds = options.checkBoundSeconds ?? CHECK_BOUND_SECONDS;
  const threads = options.workers ?? defaultWorkerCount(ids.length);
  const pool = createPool(threads, options.typescript === true);
  const checks: (ScenarioCheck | undefined)[] = new Array(ids.length);
  let printed = 0;
  try {
    await mapWithConcurrency(ids, threads, async (id, index) => {
      const done = await runBounded(pool, { kind: "check", scenariosDir, skip: [...skip], id }, (step) =>
        step?.type === "scenario" ? checkSeconds : stepSeconds,
      );
      let check: ScenarioCheck;
      if (done.ok && done.value.kind === "check") check = done.value.check;
      else {
        const why = done.ok
          ? "wrong answer from the checking thread"
          : done.stuck?.type === "scenario"
            ? `checks did not finish within ${checkSeconds} s and were stopped (a loop in the scenario?)`
            : done.stuck
              ? `a module ${describeStuck(done.stuck, stepSeconds)}`
              : `the checking thread died: ${done.error instanceof Error ? done.error.message : String(done.error)}`;
        check = { id, ok: false, expectsProposal: true, failures: [why], reference: null };
      }
      checks[index] = check;
      while (printed < ids.length && checks[printed] !== undefined)
        onCheck(checks[printed++] as ScenarioCheck);
    });
  } finally {
    await pool.destroy();
  }
  return checks as ScenarioCheck[];
}
