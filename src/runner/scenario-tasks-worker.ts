/**
 * Worker-thread side of `pare scenarios list` and `check` (src/runner/isolated-scenarios.ts): loads the scenario
 * modules, summarises or checks scenarios, and says on its port what it is doing, so that the thread can be
 * terminated when a module loops at import or a scenario loops while it is built or checked.
 */
import type { MessagePort } from "node:worker_threads";
import { discoverScenarios } from "../registry/discovery.js";
import { scenarioRegistry } from "../registry/scenario-registry.js";
import { loadSplit } from "../registry/splits.js";
import { checkScenario, type ScenarioCheck } from "./scenario-check.js";
import { type ScenarioSummary, summarizeScenario } from "./scenario-summary.js";

export type ScenarioTask =
  | { kind: "list"; port: MessagePort; scenariosDir: string | null; skip: string[]; split: string | null }
  | { kind: "check"; port: MessagePort; scenariosDir: string | null; skip: string[]; id: string };

/** What the worker is doing (the job bounds each step and names the one that did not end). */
export type ScenarioTaskProgress = { type: "importing"; path: string } | { type: "scenario"; id: string };

export interface ListedScenarios {
  rows: ScenarioSummary[];
  /** Every registered id (in registration order) with the module that registered it. */
  modules: Record<string, string | null>;
  failures: { path: string; error: string }[];
  warnings: string[];
  /** A bad `--split` (unknown name, unknown id): the message, as the in-process command reports it. */
  splitError: string | null;
  /** Scenarios whose summary threw: id and message. */
  summaryErrors: { id: string; error: string }[];
}

export type ScenarioTaskResult =
  | { kind: "list"; listed: ListedScenarios }
  | { kind: "check"; check: ScenarioCheck };

async function load(task: ScenarioTask) {
  return discoverScenarios(task.scenariosDir, {
    skip: new Set(task.skip),
    onImport: (path) => task.port.postMessage({ type: "importing", path } satisfies ScenarioTaskProgress),
  });
}

export default async function runScenarioTask(task: ScenarioTask): Promise<ScenarioTaskResult> {
  const report = await load(task);
  const registry = scenarioRegistry();
  if (task.kind === "check") {
    task.port.postMessage({ type: "scenario", id: task.id } satisfies ScenarioTaskProgress);
    const check = await checkScenario(task.id, () => registry.create(task.id));
    task.port.close();
    return { kind: "check", check };
  }
  let ids = registry.ids();
  let splitError: string | null = null;
  if (task.split !== null) {
    try {
      ids = loadSplit(task.split);
    } catch (error) {
      splitError = error instanceof Error ? error.message : String(error);
      ids = [];
    }
  }
  const rows: ScenarioSummary[] = [];
  const summaryErrors: { id: string; error: string }[] = [];
  for (const id of ids) {
    if (task.skip.includes(`scenario:${id}`)) continue;
    task.port.postMessage({ type: "scenario", id } satisfies ScenarioTaskProgress);
    try {
      rows.push(summarizeScenario(id));
    } catch (error) {
      summaryErrors.push({ id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const modules: Record<string, string | null> = {};
  for (const id of registry.ids()) modules[id] = registry.sourceFile(id);
  task.port.close();
  return {
    kind: "list",
    listed: {
      rows,
      modules,
      failures: report.failures,
      warnings: report.warnings,
      splitError,
      summaryErrors,
    },
  };
}
