import seedrandom from "seedrandom";
import { z } from "zod";
import { LLMAbortedError, type LLMError } from "./errors.js";
import type { SleepFn } from "./types.js";

export const RetryPolicy = z.object({
  /** Retries after the first attempt; 0 disables retrying. */
  maxRetries: z.number().int().min(0).default(3),
  /** Attempt time plus backoff sleeps may not exceed this; a retry whose sleep would cross it is skipped. */
  retryBudgetMs: z.number().int().min(0).default(120_000),
  baseDelayMs: z.number().int().min(0).default(500),
  factor: z.number().min(1).default(2),
  maxDelayMs: z.number().int().min(0).default(20_000),
  /**
   * `full`: each backoff sleeps a uniform draw in [0, the exponential delay] (AWS's "full jitter"), so calls
   * that failed together (a burst of 429s at high concurrency) do not retry in lockstep; `none`: the delay itself.
   * A server's Retry-After is always honoured exactly.
   */
  jitter: z.enum(["full", "none"]).default("full"),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = RetryPolicy.parse({});

/** Jitter-free exponential backoff: retry 1 waits base, retry 2 base·factor, ... capped. */
export function backoffDelayMs(retryIndex: number, policy: RetryPolicy): number {
  const raw = policy.baseDelayMs * policy.factor ** Math.max(0, retryIndex - 1);
  return Math.min(policy.maxDelayMs, Math.round(raw));
}

/** A uniform draw in [0, 1). */
export type RandomFn = () => number;

/**
 * The default jitter source: a seedrandom generator seeded from system entropy, shared by every engine of the
 * process (wall-clock plumbing, never part of a simulation). Tests inject their own.
 */
export const defaultJitterRandom: RandomFn = seedrandom(undefined, { entropy: true });

/** The sleep before retry `retryIndex`: the backoff delay, or with full jitter a uniform draw below it. */
export function jitteredDelayMs(retryIndex: number, policy: RetryPolicy, random: RandomFn): number {
  const cap = backoffDelayMs(retryIndex, policy);
  if ((policy.jitter ?? "full") === "none") return cap;
  const u = random();
  // A broken source (NaN, out of range) falls back to the cap rather than to a zero or negative sleep.
  if (!Number.isFinite(u) || u < 0 || u >= 1) return cap;
  return Math.round(u * cap);
}

/** Minimal header view shared by fetch `Headers` and plain records. */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | undefined>;

function readHeader(headers: HeaderSource, name: string): string | null {
  if (typeof headers.get === "function") {
    return (headers as { get(name: string): string | null }).get(name);
  }
  const record = headers as Record<string, string | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  return key === undefined ? null : (record[key] ?? null);
}

/**
 * Server-requested wait in ms from `retry-after-ms`, or `Retry-After` as delta-seconds or an HTTP date;
 * null when absent or unparseable. `nowMs` is the wall clock, needed only for the date form.
 */
export function parseRetryAfterMs(headers: HeaderSource | undefined | null, nowMs: number): number | null {
  if (!headers) return null;
  const ms = readHeader(headers, "retry-after-ms");
  if (ms !== null && ms.trim() !== "") {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return Math.ceil(value);
  }
  const raw = readHeader(headers, "retry-after")?.trim();
  if (!raw) return null;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.ceil(Number(raw) * 1000);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

export type AttemptOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: LLMError; retryAfterMs?: number | null };

export interface RetryDeps {
  sleep: SleepFn;
  /** Monotonic clock for measuring attempt durations against the budget. */
  now: () => number;
  signal?: AbortSignal;
  /** Jitter source (default: `defaultJitterRandom`). */
  random?: RandomFn;
  /** Called before each backoff sleep; used for logging and tests. */
  onRetry?: (info: { attempt: number; delayMs: number; error: LLMError }) => void;
}

/**
 * Runs `attempt` until it succeeds, fails non-retryably, or the count/time bounds are hit.
 * The budget counts measured attempt time plus requested sleeps, so an injected instant sleep
 * still exhausts it exactly as a real one would.
 */
export async function runWithRetries<T>(
  attempt: (attemptNumber: number) => Promise<AttemptOutcome<T>>,
  policy: RetryPolicy,
  deps: RetryDeps,
): Promise<{ value: T; attempts: number }> {
  let spentMs = 0;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    const started = deps.now();
    const outcome = await attempt(attemptNumber);
    spentMs += Math.max(0, deps.now() - started);
    if (outcome.ok) return { value: outcome.value, attempts: attemptNumber };

    const error = outcome.error;
    error.attempts = attemptNumber;
    if (!error.retryable) throw error;
    if (attemptNumber > policy.maxRetries) {
      error.exhausted = "max_retries";
      throw error;
    }
    const delayMs =
      outcome.retryAfterMs ?? jitteredDelayMs(attemptNumber, policy, deps.random ?? defaultJitterRandom);
    if (spentMs + delayMs > policy.retryBudgetMs) {
      error.exhausted = "budget";
      throw error;
    }
    deps.onRetry?.({ attempt: attemptNumber, delayMs, error });
    try {
      await deps.sleep(delayMs, deps.signal);
    } catch {
      throw new LLMAbortedError({ model: error.model, provider: error.provider, attempts: attemptNumber });
    }
    if (deps.signal?.aborted) {
      throw new LLMAbortedError({ model: error.model, provider: error.provider, attempts: attemptNumber });
    }
    spentMs += delayMs;
  }
}
