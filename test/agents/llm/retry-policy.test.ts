import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  jitteredDelayMs,
  LLMAbortedError,
  LLMFatalError,
  LLMServerError,
  parseRetryAfterMs,
  RetryPolicy,
  runWithRetries,
} from "../../../src/agents/llm/index.js";

const serverError = () => new LLMServerError("server", { message: "down", model: "m", provider: "p" });

describe("backoff", () => {
  it("doubles from 500 ms and caps at 20 s", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => backoffDelayMs(i, DEFAULT_RETRY_POLICY));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 20000, 20000]);
    expect(DEFAULT_RETRY_POLICY).toMatchObject({ maxRetries: 3, retryBudgetMs: 120_000 });
  });
});

describe("parseRetryAfterMs", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  it("reads seconds, fractional seconds, retry-after-ms and HTTP dates", () => {
    expect(parseRetryAfterMs({ "Retry-After": "2" }, now)).toBe(2000);
    expect(parseRetryAfterMs({ "retry-after": "0.25" }, now)).toBe(250);
    expect(parseRetryAfterMs({ "retry-after-ms": "1500", "retry-after": "9" }, now)).toBe(1500);
    expect(parseRetryAfterMs(new Headers({ "retry-after": new Date(now + 7000).toUTCString() }), now)).toBe(
      7000,
    );
    expect(parseRetryAfterMs({ "retry-after": new Date(now - 7000).toUTCString() }, now)).toBe(0);
  });
  it("ignores missing or garbage values", () => {
    expect(parseRetryAfterMs(undefined, now)).toBeNull();
    expect(parseRetryAfterMs({}, now)).toBeNull();
    expect(parseRetryAfterMs({ "retry-after": "soon" }, now)).toBeNull();
  });
});

/** A jitter draw just below 1: full jitter then sleeps the whole exponential delay. */
const TOP_OF_RANGE = () => 1 - Number.EPSILON;

describe("runWithRetries", () => {
  const deps = (sleeps: number[], clock = { t: 0 }) => ({
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    now: () => clock.t,
    // The top of every jitter range: the sleeps are the exponential delays themselves.
    random: TOP_OF_RANGE,
  });

  it("returns the value and the attempt count", async () => {
    const sleeps: number[] = [];
    let n = 0;
    const result = await runWithRetries(
      async () =>
        ++n < 3 ? { ok: false as const, error: serverError() } : { ok: true as const, value: "v" },
      DEFAULT_RETRY_POLICY,
      deps(sleeps),
    );
    expect(result).toEqual({ value: "v", attempts: 3 });
    expect(sleeps).toEqual([500, 1000]);
  });

  it("counts measured attempt time against the budget", async () => {
    const sleeps: number[] = [];
    const clock = { t: 0 };
    const error = await runWithRetries(
      async () => {
        clock.t += 5000;
        return { ok: false as const, error: serverError() };
      },
      { ...DEFAULT_RETRY_POLICY, maxRetries: 10, retryBudgetMs: 12_000 },
      deps(sleeps, clock),
    ).catch((e: unknown) => e);
    // 5000 + 500 + 5000 = 10500; another 1000 ms sleep would end at 11500 — allowed; then 5000 more is over.
    expect(sleeps).toEqual([500, 1000]);
    expect(error).toMatchObject({ attempts: 3, exhausted: "budget" });
  });

  it("does not retry fatal errors", async () => {
    const sleeps: number[] = [];
    const fatal = new LLMFatalError({ message: "no", model: "m", provider: "p", infrastructure: true });
    await expect(
      runWithRetries(async () => ({ ok: false as const, error: fatal }), DEFAULT_RETRY_POLICY, deps(sleeps)),
    ).rejects.toBe(fatal);
    expect(sleeps).toEqual([]);
  });

  it("turns an abort during backoff into LLMAbortedError", async () => {
    const controller = new AbortController();
    const error = await runWithRetries(
      async () => ({ ok: false as const, error: serverError() }),
      DEFAULT_RETRY_POLICY,
      {
        now: () => 0,
        signal: controller.signal,
        sleep: async () => {
          controller.abort();
          throw new Error("aborted");
        },
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMAbortedError);
  });
});

describe("full jitter", () => {
  const policy = RetryPolicy.parse({});
  it("draws each backoff uniformly below the exponential delay, reproducibly with a seeded source", () => {
    const draws = (seed: string) => {
      const random = seedrandom(seed);
      return [1, 2, 3, 4, 5].map((i) => jitteredDelayMs(i, policy, random));
    };
    const a = draws("burst");
    expect(draws("burst")).toEqual(a);
    a.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(backoffDelayMs(i + 1, policy));
    });
    expect(jitteredDelayMs(3, RetryPolicy.parse({ jitter: "none" }), () => 0)).toBe(2000);
  });

  it("keeps 32 calls failing together from retrying in lockstep", () => {
    const random = seedrandom("429-burst");
    const first = Array.from({ length: 32 }, () => jitteredDelayMs(1, policy, random));
    expect(new Set(first).size).toBeGreaterThan(24);
  });

  it("falls back to the cap when the source is broken, never to a negative or NaN sleep", () => {
    for (const bad of [Number.NaN, -1, 1, 7, Number.POSITIVE_INFINITY])
      expect(jitteredDelayMs(2, policy, () => bad)).toBe(1000);
  });

  it("leaves a server's Retry-After exact", async () => {
    const sleeps: number[] = [];
    await runWithRetries(
      async (n) =>
        n === 1
          ? { ok: false as const, error: serverError(), retryAfterMs: 1234 }
          : { ok: true as const, value: 1 },
      policy,
      { sleep: async (ms) => void sleeps.push(ms), now: () => 0, random: () => 0 },
    );
    expect(sleeps).toEqual([1234]);
  });
});
