import type { ScenarioValidationResult } from "../scenarios/validation-result.js";

/** What identifies a cached run: the job's fingerprint, the scenario (id and sources), the run and its content. */
export interface CacheKey {
  /** The run fingerprint (`getConfigHash`). */
  configHash: string;
  scenarioId: string;
  runNumber: number | null;
  /** `scenarioSourceHash`: the scenario's module and everything it imports. */
  sourceHash: string;
  /** `PAREScenario.contentHash()` of the initialised scenario (its data, flow and noise events for this seed). */
  contentHash: string;
}

/** The files a run leaves, kept by the store so that a run served from the cache can write them again. */
export interface RunArtifacts {
  /** The full-format trace (JSON text, run id null). */
  trace: string | null;
  /** The deliberations (JSONL text). */
  deliberations: string | null;
}

/** One finished scenario run, as the runner hands it to the store. */
export interface RecordedRun {
  scenarioId: string;
  runNumber: number | null;
  /** The run's effective seed. */
  seed: number;
  /** Position of the run in the whole (unsharded) job plan: rows keep this order. */
  position: number;
  result: ScenarioValidationResult;
  /** Null when the scenario could not even be built (no content hash), or caching is off. */
  cacheKey: CacheKey | null;
  /** Whether the result came from the cache (then `cachedFrom` names the job that computed it). */
  fromCache: boolean;
  cachedFrom: string | null;
  /** `CachedResult.artifactRefs` of a cached run, handed back to the store. */
  cachedArtifactRefs?: unknown;
  artifacts: RunArtifacts | null;
}

export interface CachedResult {
  result: ScenarioValidationResult;
  /** Run id of the job whose row holds the result. */
  runId: string;
  /** Store-internal: which stored files the result's row has, so the copy shares them. */
  artifactRefs?: unknown;
}

/**
 * Where a benchmark job writes its runs (implemented by the run store's job handle). `record` is durable when
 * it resolves: a run recorded before a crash is never lost.
 */
export interface JobWriter {
  readonly runId: string;
  /** The reusable result for a key, or null (absent, or it ended in an exception). */
  cached(key: CacheKey): Promise<CachedResult | null>;
  record(run: RecordedRun): Promise<void>;
}
