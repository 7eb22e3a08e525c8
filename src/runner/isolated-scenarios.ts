/**
 * `pare scenarios list` and `check` with the scenario code in worker threads: a module that loops at import, or
 * a scenario that loops while it is built or checked, is reported after a bound and the rest goes on, instead of
 * hanging the command. Nothing of the scenarios is loaded on the calling thread.
 */
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { mapWithConcurrency } from "./async-pool.js";
import type { ScenarioCheck } from "./scenario-check.js";
import type {
  ListedScenarios,
  ScenarioTask,
  ScenarioTaskProgress,
  ScenarioTaskResult,
} from "./scenario-tasks-worker.js";
import { defaultWorkerCount, workerEntry } from "./worker-pool.js";

/** Wall seconds one module may take to import, and one scenario to be built and summarised. */
export const STEP_BOUND_SECONDS = 30;
/** Wall seconds one scenario's checks (oracle, noop, reference and ablation runs) may take. */
export const CHECK_BOUND_SECONDS = 120;

type TransferList = NonNullable<NonNullable<Parameters<Piscina["run"]>[1]>["transferList"]>;

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

/** A task without its port (the union kept: Omit on a union would merge its members). */
type TaskInput = ScenarioTask extends infer T ? (T extends unknown ? Omit<T, "port"> : never) : never;

type Bounded =
  | { ok: true; value: ScenarioTaskResult }
  | { ok: false; stuck: ScenarioTaskProgress | null; error: unknown };

/** Runs a task; each progress message restarts its bound (`bound(step)` seconds); past it the thread is terminated. */
async function runBounded(
  pool: Piscina,
  task: TaskInput,
  bound: (step: ScenarioTaskProgress | null) => number,
): Promise<Bounded> {
  const { port1, port2 } = new MessageChannel();
  const controller = new AbortController();
  let step: ScenarioTaskProgress | null = null;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(), bound(step) * 1000);
  };
  port1.on("message", (message: ScenarioTaskProgress) => {
    step = message;
    arm();
  });
  arm();
  try {
    const value = (await pool.run({ ...task, port: port2 } as ScenarioTask, {
      transferList: [port2] as unknown as TransferList,
      signal: controller.signal,
    })) as ScenarioTaskResult;
    return { ok: true, value };
  } catch (error) {
    return { ok: false, stuck: controller.signal.aborted ? step : null, error };
  } finally {
    clearTimeout(timer);
    port1.close();
  }
}

export interface IsolationOptions {
  /** The scenario modules include TypeScript files (threads then load tsx, even from compiled code). */
  typescript?: boolean;
  stepBoundSeconds?: number;
  checkBoundSeconds?: number;
  /** Threads for checks (default: one per core). */
  workers?: number;
}

const describeStuck = (step: ScenarioTaskProgress, seconds: number) =>
  step.type === "importing"
    ? `did not finish importing within ${seconds} s and was stopped (a loop at import?)`
    : `did not finish building within ${seconds} s and was stopped (a loop while populating apps?)`;

/**
 * Loads and summarises the scenarios in a worker thread. A module (or scenario) that does not finish within the
 * bound is reported as a failure, skipped, and the listing is redone without it.
 */
export async function listScenariosIsolated(
  scenariosDir: string | null,
  split: string | null,
  options: IsolationOptions = {},
): Promise<ListedScenarios> {
  const seconds = options.stepBoundSeconds ?? STEP_BOUND_SECONDS;
  const pool = createPool(1, options.typescript === true);
  const skip: string[] = [];
  const stuck: { path: string; error: string }[] = [];
  const stuckScenarios: { id: string; error: string }[] = [];
  try {
    for (;;) {
      const done = await runBounded(
        pool,
        { kind: "list", scenariosDir, skip: [...skip], split },
        () => seconds,
      );
      if (done.ok && done.value.kind === "list") {
        const listed = done.value.listed;
        return {
          ...listed,
          failures: [...stuck, ...listed.failures],
          summaryErrors: [...stuckScenarios, ...listed.summaryErrors],
        };
      }
      if (done.ok || done.stuck === null)
        throw new Error(
          `the scenario listing thread failed: ${done.ok ? "wrong answer" : String(done.error)}`,
        );
      const step = done.stuck;
      const key = step.type === "importing" ? step.path : `scenario:${step.id}`;
      if (skip.includes(key)) throw new Error(`the scenario listing thread stopped twice at ${key}`);
      skip.push(key);
      if (step.type === "importing") stuck.push({ path: step.path, error: describeStuck(step, seconds) });
      else stuckScenarios.push({ id: step.id, error: describeStuck(step, seconds) });
    }
  } finally {
    await pool.destroy();
  }
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
