import { describe, expect, it } from "vitest";
import { LLMFatalError, LLMServerError, ScriptedEngine } from "../../../src/agents/llm/index.js";

const ctx = { role: "user" as const, runNumber: 0 };
const ask = (content: string) => ({ messages: [{ role: "user" as const, content }] });

describe("ScriptedEngine", () => {
  it("answers from an array in order and counts tokens from text length", async () => {
    const engine = new ScriptedEngine({
      responses: ["first reply", { content: "second", finishReason: "length" }],
    });
    const a = await engine.complete(ask("12345"), ctx);
    expect(a).toEqual({
      content: "first reply",
      usage: { promptTokens: 2, completionTokens: 3, estimated: true },
      latencyMs: 0,
      cached: false,
      attempts: 1,
      finishReason: "stop",
    });
    expect((await engine.complete(ask("x"), ctx)).finishReason).toBe("length");
    await expect(engine.complete(ask("x"), ctx)).rejects.toBeInstanceOf(LLMFatalError);
    expect(engine.calls.map((c) => c.request.messages[0]?.content)).toEqual(["12345", "x", "x"]);
  });

  it("can repeat the last reply, use explicit usage, throw scripted errors and apply stop sequences", async () => {
    const err = new LLMServerError("rate_limit", { message: "slow down", model: "s", provider: "s" });
    const engine = new ScriptedEngine({
      responses: [{ content: "a<end>b", usage: { promptTokens: 7, completionTokens: 1 } }, err, "last"],
      onExhausted: "repeat-last",
    });
    const first = await engine.complete({ ...ask("q"), stop: ["<end>"] }, ctx);
    expect(first.content).toBe("a");
    expect(first.usage).toEqual({ promptTokens: 7, completionTokens: 1, estimated: false });
    await expect(engine.complete(ask("q"), ctx)).rejects.toBe(err);
    expect((await engine.complete(ask("q"), ctx)).content).toBe("last");
    expect((await engine.complete(ask("q"), ctx)).content).toBe("last");
  });

  it("answers from a function of the request", async () => {
    const engine = new ScriptedEngine({
      responses: (req, c, i) => `${c.role}#${i}:${req.messages.at(-1)?.content}`,
    });
    expect((await engine.complete(ask("ping"), { role: "execute", runNumber: 2 })).content).toBe(
      "execute#0:ping",
    );
  });
});
