import { readFileSync } from "node:fs";
import { z } from "zod";
import { writeJsonAtomic } from "../util/atomic-write.js";

const RoleModel = z.object({
  provider: z.string(),
  model: z.string(),
  temperature: z.number().nullable(),
});

const RoleTokens = z.object({
  calls: z.number().int().nonnegative(),
  cachedCalls: z.number().int().nonnegative(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
});

/** Everything needed to understand and reproduce a run, written beside its results. */
export const RunManifest = z.object({
  runId: z.string(),
  timestamp: z.string(),
  selection: z.object({ split: z.string().nullable(), scenarios: z.array(z.string()) }),
  seed: z.number().int(),
  mode: z.enum(["oracle", "offline", "llm"]),
  agentType: z.string(),
  models: z.object({ user: RoleModel, observe: RoleModel, execute: RoleModel }),
  concurrency: z.number().int().positive(),
  runsPerScenario: z.number().int().positive(),
  totalRuns: z.number().int().nonnegative(),
  executedRuns: z.number().int().nonnegative(),
  resultCacheHits: z.number().int().nonnegative(),
  llm: z.object({
    totalCalls: z.number().int().nonnegative(),
    cachedCalls: z.number().int().nonnegative(),
    cacheHitRate: z.number().min(0).max(1),
    tokensByRole: z.record(z.string(), RoleTokens),
    retries: z.number().int().nonnegative(),
    failedCalls: z.number().int().nonnegative(),
    successRate: z.number().min(0).max(1),
    estimatedCostUsd: z.number().nullable(),
    pricingSource: z.enum(["table", "override", "unknown", "none"]),
  }),
  infrastructureErrors: z.number().int().nonnegative(),
  wallClockSeconds: z.number().nonnegative(),
  configHash: z.string(),
  packageVersion: z.string(),
  gitRevision: z.string().nullable(),
});
export type RunManifest = z.infer<typeof RunManifest>;

export const NO_LLM_USAGE: RunManifest["llm"] = {
  totalCalls: 0,
  cachedCalls: 0,
  cacheHitRate: 0,
  tokensByRole: {},
  retries: 0,
  failedCalls: 0,
  successRate: 1,
  estimatedCostUsd: null,
  pricingSource: "none",
};

export function manifestToJSON(manifest: RunManifest): RunManifest {
  return RunManifest.parse(manifest);
}

export function manifestFromJSON(value: unknown): RunManifest {
  return RunManifest.parse(value);
}

export function saveManifest(path: string, manifest: RunManifest): void {
  writeJsonAtomic(path, manifestToJSON(manifest));
}

export function loadManifest(path: string): RunManifest {
  return manifestFromJSON(JSON.parse(readFileSync(path, "utf8")));
}
