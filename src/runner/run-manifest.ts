import { readFileSync } from "node:fs";
import { z } from "zod";
import type { ScenarioValidationResult } from "../scenarios/validation-result.js";
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
  /**
   * Of promptTokens, those the provider said it served from its prompt cache (billed at the cached-input price);
   * null when no call of the role reported it (the server does not say: n/a, not 0). Absent in older manifests.
   */
  providerCachedPromptTokens: z.number().int().nonnegative().nullable().default(null),
  /** Real calls whose server reported prompt-cache hits (0 when it never does). */
  providerCacheReportedCalls: z.number().int().nonnegative().default(0),
});

/**
 * Environmental noise over a job: what the expander planned, what reached the phones before the runs ended, and the
 * rate the agents met (delivered events per simulated minute of the runs, beside the configured rate).
 */
export const NoiseSummary = z.object({
  configuredPerMinute: z.number().nonnegative(),
  plannedEvents: z.number().int().nonnegative(),
  deliveredEvents: z.number().int().nonnegative(),
  /** Simulated seconds the runs covered, summed. */
  simulatedSeconds: z.number().nonnegative(),
  /** Null when the runs covered no simulated time. */
  deliveredPerMinute: z.number().nonnegative().nullable(),
});
export type NoiseSummary = z.infer<typeof NoiseSummary>;

/** The noise summary of a job's results; null when the job configured no noise. */
export function summariseNoise(
  results: readonly { result: ScenarioValidationResult }[],
  configuredPerMinute: number,
): NoiseSummary | null {
  if (!(configuredPerMinute > 0)) return null;
  let planned = 0;
  let delivered = 0;
  let seconds = 0;
  for (const { result } of results) {
    planned += result.noisePlanned;
    delivered += result.noiseDelivered;
    seconds += result.duration;
  }
  return {
    configuredPerMinute,
    plannedEvents: planned,
    deliveredEvents: delivered,
    simulatedSeconds: seconds,
    deliveredPerMinute: seconds > 0 ? delivered / (seconds / 60) : null,
  };
}

/** Everything needed to understand and reproduce a run, written beside its results. */
export const RunManifest = z.object({
  runId: z.string(),
  timestamp: z.string(),
  selection: z.object({
    split: z.string().nullable(),
    scenarios: z.array(z.string()),
    /** `I/N` when this execution ran one shard of the job. */
    shard: z.string().nullable().default(null),
  }),
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
  /** Runs that ended in an infrastructure error (transport, HTTP 5xx/429, LLM and run timeouts, disk). */
  infrastructureErrors: z.number().int().nonnegative(),
  /** Runs that ended in an error, by who is at fault (docs/errors.md); zeros in manifests written before. */
  errorClasses: z
    .object({
      configuration: z.number().int().nonnegative(),
      scenario: z.number().int().nonnegative(),
      model: z.number().int().nonnegative(),
      infrastructure: z.number().int().nonnegative(),
    })
    .default({ configuration: 0, scenario: 0, model: 0, infrastructure: 0 }),
  /** Runs the reported success rate leaves out (infrastructure errors, unless counted as failures). */
  excludedFromSuccessRate: z.number().int().nonnegative().default(0),
  /** The execution was interrupted (Ctrl-C) before every run was done. */
  interrupted: z.boolean().default(false),
  /** Null when no noise was configured (and in manifests written before it was recorded). */
  noise: NoiseSummary.nullable().default(null),
  /** Real (wall-clock) seconds of this execution, not simulated time. */
  wallClockSeconds: z.number().nonnegative(),
  /** The run fingerprint. */
  configHash: z.string(),
  packageVersion: z.string(),
  gitRevision: z.string().nullable(),
  /** Uncommitted changes in the checkout; null outside a repository or when unknown. */
  gitDirty: z.boolean().nullable().default(null),
  /** Where the job's rows are (run store location, password redacted). */
  store: z.string().nullable().default(null),
});
export type RunManifest = z.output<typeof RunManifest>;
export type RunManifestInput = z.input<typeof RunManifest>;

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
