/**
 * `pare scenarios list` from the parts that worker threads listed (src/runner/scenario-tasks-worker.ts): the
 * parts are contiguous runs of the module files, so put one after the other they are the listing one thread
 * importing every file would make: the same rows, warnings and failures, in the same order.
 */
import { closeMatches } from "../registry/scenario-registry.js";
import { checkSplitIds } from "../registry/splits.js";
import type { ScenarioSummary } from "./scenario-summary.js";
import type { ListedPart, PartSummary } from "./scenario-tasks-worker.js";

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

/** A part as its thread finally listed it, with what earlier, terminated attempts of it were stopped at. */
export interface PartOutcome {
  listed: ListedPart;
  /** Modules that did not finish importing within the bound (skipped by the later attempts). */
  stuckModules: { path: string; error: string }[];
  /** Scenarios that did not finish building within the bound (skipped by the later attempts). */
  stuckScenarios: { id: string; error: string }[];
}

/** `--split NAME`: the ids its file lists, or why it cannot be read (an invalid name, a missing file). */
export type SplitRequest = { name: string; ids: string[] } | { name: string; error: string };

/**
 * The listing of all parts, in part order; null when two parts registered the same id (a module imported by
 * modules of two parts, a directory given twice): then only one thread importing every file lists them right.
 */
export function mergeListedParts(
  parts: readonly PartOutcome[],
  split: SplitRequest | null,
): ListedScenarios | null {
  const ids = parts.flatMap((p) => p.listed.ids);
  const registered = new Set(ids);
  if (registered.size !== ids.length) return null;
  const modules: Record<string, string | null> = {};
  for (const { listed } of parts) {
    listed.ids.forEach((id, i) => {
      modules[id] = listed.sources[i] ?? null;
    });
  }
  let splitError: string | null = null;
  let listedIds = ids;
  if (split !== null) {
    try {
      if ("error" in split) throw new Error(split.error);
      checkSplitIds(split.name, split.ids, {
        has: (id) => registered.has(id),
        closeMatches: (id, limit) => closeMatches(id, ids, limit),
      });
      listedIds = split.ids;
    } catch (error) {
      splitError = error instanceof Error ? error.message : String(error);
      listedIds = [];
    }
  }
  const summaries = new Map<string, PartSummary>();
  const stuck = new Map<string, string>();
  for (const part of parts) {
    for (const s of part.listed.summaries) summaries.set(s.id, s);
    for (const s of part.stuckScenarios) stuck.set(s.id, s.error);
  }
  const rows: ScenarioSummary[] = [];
  const errors: { id: string; error: string }[] = [];
  const stuckListed: { id: string; error: string }[] = [];
  for (const id of listedIds) {
    const error = stuck.get(id);
    if (error !== undefined) {
      if (!stuckListed.some((s) => s.id === id)) stuckListed.push({ id, error });
      continue;
    }
    const summary = summaries.get(id);
    if (summary === undefined) throw new Error(`scenario ${id} was registered but not summarised`);
    if ("row" in summary) rows.push(summary.row);
    else errors.push({ id, error: summary.error });
  }
  return {
    rows,
    modules,
    failures: [...parts.flatMap((p) => p.stuckModules), ...parts.flatMap((p) => p.listed.failures)],
    warnings: parts[0]?.listed.warnings ?? [],
    splitError,
    summaryErrors: [...stuckListed, ...errors],
  };
}
