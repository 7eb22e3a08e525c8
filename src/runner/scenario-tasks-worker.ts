/**
 * Worker-thread side of `pare scenarios list` and `check` (src/runner/isolated-scenarios.ts): loads the scenario
 * modules (for a listing, one part of them), summarises or checks scenarios, and says in shared memory what it
 * is doing (src/runner/step-progress.ts), so that the thread can be terminated when a module loops at import or a scenario loops while it is
 * built or checked. The checks' modules (agents, runner, config schemas) are loaded only by check tasks.
 */
import { discoverScenarios } from "../registry/discovery.js";
import { scenarioRegistry } from "../registry/scenario-registry.js";
import type { ScenarioCheck } from "./scenario-check.js";
import { type ScenarioSummary, summarizeScenario } from "./scenario-summary.js";
import { StepProgress } from "./step-progress.js";

export type { ScenarioTaskProgress } from "./step-progress.js";

export type ScenarioTask =
  | {
      kind: "list";
      /** Where the thread says which step it is on (a StepProgress buffer). */
      progress: SharedArrayBuffer;
      scenariosDir: string | null;
      skip: string[];
      /** Which contiguous part of the module files this thread imports (see contiguousParts). */
      part: { index: number; count: number };
      /** Summarise only these registered ids (a split's); null: every registered id. */
      only: string[] | null;
    }
  | { kind: "check"; progress: SharedArrayBuffer; scenariosDir: string | null; skip: string[]; id: string };

/** One scenario's line of the listing, or why it cannot be built. */
export type PartSummary = { id: string; row: ScenarioSummary } | { id: string; error: string };

/** What one thread found in its part of the module files. */
export interface ListedPart {
  /** The ids registered in the thread, in registration order. */
  ids: string[];
  /** The module that registered each of `ids` (null when unknown). */
  sources: (string | null)[];
  /** The registered ids asked for, summarised in registration order. */
  summaries: PartSummary[];
  failures: { path: string; error: string }[];
  warnings: string[];
}

export type ScenarioTaskResult = { kind: "list"; part: ListedPart } | { kind: "check"; check: ScenarioCheck };

async function load(task: ScenarioTask, progress: StepProgress) {
  return discoverScenarios(task.scenariosDir, {
    skip: new Set(task.skip),
    onImport: (path) => progress.begin({ type: "importing", path }),
    ...(task.kind === "list" ? { part: task.part } : {}),
  });
}

export default async function runScenarioTask(task: ScenarioTask): Promise<ScenarioTaskResult> {
  const progress = new StepProgress(task.progress);
  if (task.kind === "check") {
    const { checkScenario } = await import("./scenario-check.js");
    await load(task, progress);
    const registry = scenarioRegistry();
    progress.begin({ type: "scenario", id: task.id });
    const check = await checkScenario(task.id, () => registry.create(task.id));
    return { kind: "check", check };
  }
  const report = await load(task, progress);
  const registry = scenarioRegistry();
  const ids = registry.ids();
  const only = task.only === null ? null : new Set(task.only);
  const summaries: PartSummary[] = [];
  for (const id of ids) {
    if ((only !== null && !only.has(id)) || task.skip.includes(`scenario:${id}`)) continue;
    progress.begin({ type: "scenario", id });
    try {
      summaries.push({ id, row: summarizeScenario(id) });
    } catch (error) {
      summaries.push({ id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return {
    kind: "list",
    part: {
      ids,
      sources: ids.map((id) => registry.sourceFile(id)),
      summaries,
      failures: report.failures,
      warnings: report.warnings,
    },
  };
}
