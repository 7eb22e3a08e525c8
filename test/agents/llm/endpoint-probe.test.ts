import { describe, expect, it } from "vitest";
import {
  LLMFatalError,
  LLMProbeError,
  LLMServerError,
  PROBE_PROMPT,
  probeEndpoint,
  ScriptedEngine,
} from "../../../src/agents/llm/index.js";

const notReady = () =>
  new LLMServerError("server", { message: "503 loading", model: "m", provider: "local" });

describe("probeEndpoint", () => {
  it("polls through retryable errors until the endpoint answers", async () => {
    const sleeps: number[] = [];
    const engine = new ScriptedEngine({ model: "m", responses: [notReady(), notReady(), "ok"] });
    await probeEndpoint(engine, { sleep: async (ms) => void sleeps.push(ms) });
    expect(sleeps).toEqual([30_000, 30_000]);
    expect(engine.calls[0]?.request.messages).toEqual([{ role: "user", content: PROBE_PROMPT }]);
  });

  it("gives up when the waits and calls reach the timeout (the last wait is cut to fit)", async () => {
    const sleeps: number[] = [];
    const engine = new ScriptedEngine({ model: "m", responses: [notReady()], onExhausted: "repeat-last" });
    const error = await probeEndpoint(engine, {
      timeoutMs: 100_000,
      sleep: async (ms) => void sleeps.push(ms),
      now: () => 0,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMProbeError);
    expect((error as Error).message).toMatch(
      /not ready after 100s \(--probe-timeout\)\. Last error: LLMServerError: 503 loading/,
    );
    expect(sleeps).toEqual([30_000, 30_000, 30_000, 10_000]);
  });

  it("cuts a hanging call off at the probe timeout, calls included (--probe-timeout is honoured)", async () => {
    const hanging = {
      model: "m",
      provider: "local",
      complete: (_r: unknown, ctx: { signal?: AbortSignal }) =>
        new Promise<never>((_, reject) => {
          ctx.signal?.addEventListener("abort", () => reject(new Error("aborted by the probe")));
        }),
    };
    const started = performance.now();
    const error = await probeEndpoint(hanging, { timeoutMs: 300, pollIntervalMs: 50 }).catch(
      (e: unknown) => e,
    );
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(LLMProbeError);
    expect((error as Error).message).toMatch(/not ready after 0s \(--probe-timeout\)/);
    // Not a timing assertion on speed: a probe that ignored its budget would hang here for ever.
    expect(elapsed).toBeLessThan(30_000);
  });

  it("fails at once on a non-retryable error", async () => {
    const fatal = new LLMFatalError({
      message: "401 bad key",
      model: "m",
      provider: "p",
      infrastructure: true,
    });
    const engine = new ScriptedEngine({ model: "m", responses: [fatal] });
    await expect(probeEndpoint(engine, { sleep: async () => {} })).rejects.toThrow(
      /failed with non-retryable error: LLMFatalError: 401 bad key/,
    );
  });
});
