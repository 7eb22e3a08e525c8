import { describe, expect, it } from "vitest";
import {
  type ChatResponse,
  LLMServerError,
  MeteredEngine,
  ScriptedEngine,
  UsageLedger,
  UsageSummary,
} from "../../../src/agents/llm/index.js";

const response = (over: Partial<ChatResponse> = {}): ChatResponse => ({
  content: "x",
  usage: { promptTokens: 10, completionTokens: 5, estimated: false },
  latencyMs: 100,
  cached: false,
  attempts: 1,
  finishReason: "stop",
  ...over,
});

describe("UsageLedger", () => {
  it("sums per role, per model and in total", () => {
    const ledger = new UsageLedger();
    ledger.recordResponse("user", "m-user", response());
    ledger.recordResponse("user", "m-user", response({ attempts: 3, latencyMs: 50 }));
    ledger.recordResponse(
      "observe",
      "m-agent",
      response({ usage: { promptTokens: 1, completionTokens: 2, estimated: true } }),
    );
    ledger.recordResponse("execute", "m-agent", response({ cached: true, attempts: 0 }));
    ledger.recordFailure(
      "execute",
      "m-agent",
      new LLMServerError("server", { message: "down", model: "m-agent", provider: "p", attempts: 4 }),
    );
    ledger.recordFailure("execute", "m-agent", new Error("plain"));

    const summary = UsageSummary.parse(ledger.summary());
    expect(summary.byRole.user).toMatchObject({
      calls: 2,
      retries: 2,
      promptTokens: 20,
      completionTokens: 10,
      latencyMs: 150,
      failedCalls: 0,
    });
    expect(summary.byRole.observe).toMatchObject({ calls: 1, estimatedUsageCalls: 1, promptTokens: 1 });
    expect(summary.byRole.execute).toMatchObject({
      calls: 0,
      cachedCalls: 1,
      failedCalls: 2,
      retries: 3,
      promptTokens: 0,
      cachedTokens: { promptTokens: 10, completionTokens: 5 },
      latencyMs: 0,
    });
    expect(summary.totals).toMatchObject({
      calls: 3,
      cachedCalls: 1,
      failedCalls: 2,
      retries: 5,
      promptTokens: 21,
      completionTokens: 12,
      cachedTokens: { promptTokens: 10, completionTokens: 5 },
      latencyMs: 250,
    });
    expect(Object.keys(summary.byModel)).toEqual(["m-agent", "m-user"]);
    expect(summary.byModel["m-agent"]).toMatchObject({ calls: 1, cachedCalls: 1, failedCalls: 2 });
  });

  it("returns detached summaries and merges other ledgers", () => {
    const a = new UsageLedger();
    a.recordResponse("user", "m", response());
    const snapshot = a.summary();
    a.recordResponse("user", "m", response());
    expect(snapshot.totals.calls).toBe(1);

    const total = new UsageLedger();
    total.merge(a.summary());
    total.merge(a.summary());
    expect(total.summary().byRole.user.calls).toBe(4);
    expect(total.summary().byModel.m?.promptTokens).toBe(40);
    total.reset();
    expect(total.summary().totals.calls).toBe(0);
  });
});

describe("MeteredEngine", () => {
  it("records successes and failures under the calling role", async () => {
    const ledger = new UsageLedger();
    const engine = new MeteredEngine(
      new ScriptedEngine({ model: "s", responses: ["abcd", new Error("boom")] }),
      ledger,
    );
    expect(engine.model).toBe("s");
    await engine.complete(
      { messages: [{ role: "user", content: "12345678" }] },
      { role: "observe", runNumber: 0 },
    );
    await expect(
      engine.complete({ messages: [{ role: "user", content: "y" }] }, { role: "observe", runNumber: 0 }),
    ).rejects.toThrow("boom");
    expect(ledger.summary().byRole.observe).toMatchObject({
      calls: 1,
      failedCalls: 1,
      promptTokens: 2,
      completionTokens: 1,
    });
  });
});
