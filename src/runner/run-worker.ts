/**
 * The worker-thread side of isolated runs (src/runner/worker-pool.ts): runs one scenario per task exactly as
 * the in-process runner does (same preparation, same `runScenario`, same error handling), so results are
 * identical; the thread can be terminated at any point, which is how `--timeout` stops a run that never yields.
 */
import { once } from "node:events";
import { sep } from "node:path";
import { pathToFileURL } from "node:url";
import { discoverScenarios } from "../registry/discovery.js";
import { scenarioRegistry } from "../registry/scenario-registry.js";
import { exceptionFromError, ScenarioValidationResult } from "../scenarios/validation-result.js";
import { projectRoot } from "../util/project-root.js";
import { toScenarioRunnerConfig } from "./config.js";
import { faultKindOf } from "./fault-kind.js";
import type {
  CacheAnswer,
  CreateRunHooks,
  RunHooks,
  RunTask,
  RunTaskOutcome,
  WorkerMessage,
} from "./run-task.js";
import { prepareScenario, runScenario } from "./scenario-runner.js";

const imported = new Set<string>();
const hookFactories = new Map<string, CreateRunHooks>();

async function ensureRegistered(task: RunTask): Promise<void> {
  if (scenarioRegistry().has(task.scenarioId)) return;
  // A module outside the project goes through discovery, which sets up the hooks external scenario directories
  // need (ES modules without a package.json, `import … from "pare-ts"`); bundled ones are imported directly.
  const external = task.modulePath !== null && !task.modulePath.startsWith(`${projectRoot()}${sep}`);
  if (task.modulePath !== null && !external && !imported.has(task.modulePath)) {
    imported.add(task.modulePath);
    await import(pathToFileURL(task.modulePath).href);
  }
  if (!scenarioRegistry().has(task.scenarioId)) await discoverScenarios(task.scenariosDir);
}

async function hooksFor(task: RunTask, warn: (m: string) => void): Promise<RunHooks> {
  if (task.hooks === null) return {};
  let factory = hookFactories.get(task.hooks.module);
  if (factory === undefined) {
    const mod = (await import(task.hooks.module)) as { createRunHooks?: CreateRunHooks };
    if (typeof mod.createRunHooks !== "function")
      throw new TypeError(`${task.hooks.module} does not export createRunHooks`);
    factory = mod.createRunHooks;
    hookFactories.set(task.hooks.module, factory);
  }
  return factory(task.hooks.options, task.scenarioId, task.runNumber, warn);
}

export default async function runTask(task: RunTask): Promise<RunTaskOutcome> {
  const post = (message: WorkerMessage) => task.port.postMessage(message);
  const warn = (message: string) => post({ type: "warn", message });
  post({ type: "loading" });
  let contentHash: string | null = null;
  let result: ScenarioValidationResult;
  let hooks: RunHooks = {};
  // As the in-process runner: the scenario is at fault while it is built and hashed, the infrastructure after.
  let stage: "scenario" | "infrastructure" = "scenario";
  try {
    await ensureRegistered(task);
    post({ type: "started" });
    const runConfig = toScenarioRunnerConfig(task.config);
    const scenario = scenarioRegistry().create(task.scenarioId);
    prepareScenario(scenario, runConfig, task.runNumber);
    if (task.askCache) {
      contentHash = scenario.contentHash();
      stage = "infrastructure";
      const answer = once(task.port, "message") as Promise<[CacheAnswer]>;
      post({ type: "key", contentHash });
      const [reply] = await answer;
      if (reply.hit) {
        task.port.close();
        return { kind: "cached", contentHash };
      }
    } else {
      scenario.initialize();
      stage = "infrastructure";
    }
    hooks = await hooksFor(task, warn);
    result = await runScenario(scenario, {
      config: runConfig,
      runNumber: task.runNumber,
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
  task.port.close();
  return { kind: "ran", result: result.toJSON(), contentHash, artifacts };
}
