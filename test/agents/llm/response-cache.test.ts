import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  CachingEngine,
  type CallContext,
  type ChatRequest,
  cacheIdentity,
  LLMReplayMissError,
  MeteredEngine,
  OpenAICompatibleEngine,
  ResponseCache,
  responseCacheKey,
  ScriptedEngine,
  UsageLedger,
} from "../../../src/agents/llm/index.js";
import { canonicalJson } from "../../../src/util/canonical-json.js";
import { MockOpenAIServer, type MockServerHandle } from "../../support/mock-openai-server.js";

const ctx: CallContext = { role: "execute", runNumber: 1 };
const ask = (content: string): ChatRequest => ({ messages: [{ role: "user", content }] });

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "pare-llm-cache-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const counting = () => {
  let n = 0;
  return new ScriptedEngine({ responses: () => `answer ${++n}` });
};

describe("responseCacheKey", () => {
  const base = {
    model: "m",
    provider: "p",
    request: ask("hi"),
    role: "user" as const,
    runNumber: 0,
    occurrence: 0,
  };

  it("is a sha256 hex digest that ignores key order and undefined fields", () => {
    const key = responseCacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const reordered = {
      occurrence: 0,
      runNumber: 0,
      role: "user" as const,
      request: ask("hi"),
      provider: "p",
      model: "m",
    };
    expect(responseCacheKey(reordered)).toBe(key);
    expect(responseCacheKey({ ...base, request: { ...ask("hi"), temperature: undefined } })).toBe(key);
  });

  it("keeps the keys of existing caches (pinned digests), built from one serialisation of the request", () => {
    const parts = {
      model: "gpt-x",
      provider: "openai",
      role: "observe" as const,
      runNumber: 3,
      scenarioId: 's\u00e9nario "q" \ud83d\ude00',
      occurrence: 2,
      request: {
        messages: [
          { role: "system" as const, content: "Line\nTab\t\u2028 \\ end" },
          {
            role: "assistant" as const,
            content: "",
            toolCalls: [{ id: "c1", name: "A__b", arguments: '{"x":1}' }],
          },
          { role: "tool" as const, toolCallId: "c1", content: "[]" },
        ],
        tools: [
          {
            name: "A__b",
            description: "d",
            parameters: { type: "object", properties: { z: { type: "string" }, a: { type: "number" } } },
          },
        ],
        stop: ["<end_action>"],
        temperature: 0.5,
        seed: 7,
        maxTokens: 100,
        extra: "ignored",
      } as ChatRequest,
    };
    expect(responseCacheKey(parts)).toBe("f85c3bb205d20f2c31e1c037120e563a7c005f7ef2def5927511ab59a6ae99dc");
    expect(responseCacheKey({ ...parts, scenarioId: undefined, occurrence: 0 })).toBe(
      "91f220b89b7f075b740dce72aaee1db447c5c7214249c6529783d23af6f683a6",
    );
    const identity = cacheIdentity(parts);
    const { occurrence: _occurrence, ...rest } = parts;
    const whole = { v: 1, ...rest, request: identity.request };
    expect(identity.content).toBe(canonicalJson(whole));
    expect(identity.withOccurrence(5)).toBe(canonicalJson({ ...whole, occurrence: 5 }));
    expect(identity.request).not.toHaveProperty("extra");
  });

  it("changes with content, sampling, run, role, scenario and occurrence", () => {
    const key = responseCacheKey(base);
    const variants = [
      { ...base, request: ask("hi!") },
      { ...base, request: { ...ask("hi"), temperature: 0 } },
      { ...base, request: { ...ask("hi"), stop: ["x"] } },
      { ...base, runNumber: 1 },
      { ...base, role: "observe" as const },
      { ...base, scenarioId: "s1" },
      { ...base, occurrence: 1 },
      { ...base, model: "m2" },
    ];
    const keys = new Set(variants.map(responseCacheKey));
    expect(keys.size).toBe(variants.length);
    expect(keys.has(key)).toBe(false);
  });
});

describe("CachingEngine", () => {
  it("records on a miss and serves the recording on a hit", async () => {
    const dir = freshDir();
    const first = new CachingEngine(counting(), { cache: dir });
    const recorded = await first.complete(ask("q"), ctx);
    expect(recorded).toMatchObject({ content: "answer 1", cached: false, attempts: 1 });

    const inner = counting();
    const second = new CachingEngine(inner, { cache: dir });
    const hit = await second.complete(ask("q"), ctx);
    expect(hit).toMatchObject({ content: "answer 1", cached: true, attempts: 0, usage: recorded.usage });
    expect(inner.calls).toHaveLength(0);

    const files = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(".json"));
    expect(files).toHaveLength(1);
    const entry = JSON.parse(readFileSync(join(dir, String(files[0])), "utf8"));
    expect(entry).toMatchObject({
      version: 1,
      role: "execute",
      runNumber: 1,
      occurrence: 0,
      request: ask("q"),
    });
  });

  it("gives repeated identical prompts their own recorded responses, in order", async () => {
    const dir = freshDir();
    const recorder = new CachingEngine(counting(), { cache: dir });
    const live = [];
    for (let i = 0; i < 3; i++) live.push((await recorder.complete(ask("same"), ctx)).content);
    expect(live).toEqual(["answer 1", "answer 2", "answer 3"]);

    const replayer = new CachingEngine(new ScriptedEngine({ responses: [] }), { cache: dir, replay: true });
    const replayed = [];
    for (let i = 0; i < 3; i++) replayed.push((await replayer.complete(ask("same"), ctx)).content);
    expect(replayed).toEqual(live);
    await expect(replayer.complete(ask("same"), ctx)).rejects.toBeInstanceOf(LLMReplayMissError);

    replayer.resetOccurrences();
    expect((await replayer.complete(ask("same"), ctx)).content).toBe("answer 1");
  });

  it("keeps occurrence counters separate per run number", async () => {
    const dir = freshDir();
    const engine = new CachingEngine(counting(), { cache: dir });
    const a = await engine.complete(ask("p"), { role: "user", runNumber: 1 });
    const b = await engine.complete(ask("p"), { role: "user", runNumber: 2 });
    expect([a.cached, b.cached, a.content, b.content]).toEqual([false, false, "answer 1", "answer 2"]);
  });

  it("replay mode turns a miss into LLMReplayMissError without calling the model", async () => {
    const inner = counting();
    const engine = new CachingEngine(inner, { cache: freshDir(), replay: true });
    const error = await engine.complete(ask("never recorded"), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMReplayMissError);
    expect((error as LLMReplayMissError).cacheKey).toMatch(/^[0-9a-f]{64}$/);
    expect(inner.calls).toHaveLength(0);
  });

  it("treats a corrupt file as a miss when recording and as a replay miss when replaying", async () => {
    const dir = freshDir();
    const cache = new ResponseCache(dir);
    const key = responseCacheKey({
      model: "scripted",
      provider: "scripted",
      request: ask("c"),
      role: "execute",
      runNumber: 1,
      occurrence: 0,
    });
    await new CachingEngine(counting(), { cache }).complete(ask("c"), ctx);
    writeFileSync(cache.pathFor(key), "{ torn");
    expect(cache.read(key).status).toBe("corrupt");
    await expect(
      new CachingEngine(counting(), { cache, replay: true }).complete(ask("c"), ctx),
    ).rejects.toThrow(/corrupt/);
    const rerecorded = await new CachingEngine(counting(), { cache }).complete(ask("c"), ctx);
    expect(rerecorded.cached).toBe(false);
    expect(cache.read(key).status).toBe("hit");
  });

  it("counts hits separately in the ledger, with their recorded tokens", async () => {
    const dir = freshDir();
    const ledger = new UsageLedger();
    const usage = { promptTokens: 100, completionTokens: 20 };
    const inner = new ScriptedEngine({ responses: [{ content: "r", usage }] });
    await new MeteredEngine(new CachingEngine(inner, { cache: dir }), ledger).complete(ask("x"), ctx);
    await new MeteredEngine(new CachingEngine(inner, { cache: dir }), ledger).complete(ask("x"), ctx);
    const { execute } = ledger.summary().byRole;
    expect(execute).toMatchObject({
      calls: 1,
      cachedCalls: 1,
      promptTokens: 100,
      completionTokens: 20,
      cachedTokens: { promptTokens: 100, completionTokens: 20 },
    });
  });
});

describe("CachingEngine over real HTTP", () => {
  const server = new MockOpenAIServer();
  let handle: MockServerHandle;
  beforeAll(async () => {
    handle = await server.start();
  });
  afterAll(async () => {
    await handle.close();
  });
  afterEach(() => {
    server.requests.length = 0;
  });

  it("replays a recorded run bit-identically without touching the server", async () => {
    const dir = freshDir();
    let n = 0;
    server.setHandler(() => ({
      type: "reply",
      content: `reply ${++n}`,
      usage: { prompt_tokens: 5, completion_tokens: n },
    }));
    const http = () =>
      new OpenAICompatibleEngine({ model: "mock-model", provider: "vllm", baseUrl: handle.url });
    const script = [ask("a"), ask("b"), ask("a")];
    const strip = (r: { content: string; usage: unknown; finishReason: string }) => ({
      content: r.content,
      usage: r.usage,
      finishReason: r.finishReason,
    });

    const recorder = new CachingEngine(http(), { cache: dir });
    const recorded = [];
    for (const req of script) recorded.push(strip(await recorder.complete(req, ctx)));
    expect(server.completionRequests).toHaveLength(3);

    const replayer = new CachingEngine(http(), { cache: dir, replay: true });
    const replayed = [];
    for (const req of script) replayed.push(strip(await replayer.complete(req, ctx)));
    expect(JSON.stringify(replayed)).toBe(JSON.stringify(recorded));
    expect(server.completionRequests).toHaveLength(3);
  });
});
