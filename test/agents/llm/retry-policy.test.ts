import { describe, expect, it } from "vitest";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  LLMAbortedError,
  LLMFatalError,
  LLMServerError,
  parseRetryAfterMs,
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

describe("runWithRetries", () => {
  const deps = (sleeps: number[], clock = { t: 0 }) => ({
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    now: () => clock.t,
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
