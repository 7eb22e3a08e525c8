import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import type { RunManifest } from "../runner/run-manifest.js";
import type { MultiScenarioValidationResult } from "../scenarios/validation-result.js";
import { redactForWriting } from "../util/secrets.js";

export const HISTORY_FILE_NAME = "history.jsonl";
export const HISTORY_ENTRY_VERSION = 1;

/** One line of `history.jsonl`: a benchmark job at a glance, for comparing jobs over time. */
export const HistoryEntry = z.object({
  version: z.literal(HISTORY_ENTRY_VERSION),
  runId: z.string(),
  timestamp: z.string(),
  /** oracle, offline (baseline agents) or llm. */
  runType: z.enum(["oracle", "offline", "llm"]),
  agentType: z.string(),
  configHash: z.string(),
  models: z.object({ user: z.string(), observe: z.string(), execute: z.string() }),
  split: z.string().nullable(),
  scenarios: z.number().int().nonnegative(),
  totalRuns: z.number().int().nonnegative(),
  successes: z.number().int().nonnegative(),
  /** Fraction in [0, 1], as `MultiScenarioValidationResult.successRate`. */
  successRate: z.number().min(0).max(1),
  costUsd: z.number().nullable(),
  /** Wall-clock seconds of the job. */
  durationSeconds: z.number().nonnegative(),
  /** The job's results directory, relative to the history file's directory when inside it. */
  resultsDir: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export function historyEntry(
  results: MultiScenarioValidationResult,
  manifest: RunManifest,
  resultsDir: string,
): HistoryEntry {
  return HistoryEntry.parse({
    version: HISTORY_ENTRY_VERSION,
    runId: manifest.runId,
    timestamp: manifest.timestamp,
    runType: manifest.mode,
    agentType: manifest.agentType,
    configHash: manifest.configHash,
    models: {
      user: manifest.models.user.model,
      observe: manifest.models.observe.model,
      execute: manifest.models.execute.model,
    },
    split: manifest.selection.split,
    scenarios: manifest.selection.scenarios.length,
    totalRuns: results.size,
    successes: results.successfulCount,
    successRate: results.successRate,
    costUsd: manifest.llm.estimatedCostUsd,
    durationSeconds: manifest.wallClockSeconds,
    resultsDir,
  });
}

/** Appends one line (append-only by design: concurrent jobs each add their own line). */
export function appendHistory(path: string, entry: HistoryEntry): void {
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, redactForWriting(`${JSON.stringify(HistoryEntry.parse(entry))}\n`));
}

/** Every entry of a history file, oldest first; a missing file is an empty history. */
export function readHistory(path: string): HistoryEntry[] {
  if (!existsSync(path)) return [];
  const entries: HistoryEntry[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "") return;
      const parsed = HistoryEntry.safeParse(JSON.parse(line));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${path}:${i + 1}: ${issue?.path.join(".") || "(line)"}: ${issue?.message}`);
      }
      entries.push(parsed.data);
    });
  return entries;
}
