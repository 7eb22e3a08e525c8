import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type CallContext,
  type ChatRequest,
  LLMAbortedError,
  LLMConfigError,
  LLMFatalError,
  LLMPromptTooLongError,
  LLMServerError,
  LLMTimeoutError,
  type OpenAICompatibleConfig,
  OpenAICompatibleEngine,
} from "../../../src/agents/llm/index.js";
import { MockOpenAIServer, type MockServerHandle } from "../../support/mock-openai-server.js";

const SECRET = "sk-test-SECRET-0123456789abcdef";
const ctx: CallContext = { role: "observe", runNumber: 1 };
const hello: ChatRequest = { messages: [{ role: "user", content: "hello" }] };

describe("OpenAICompatibleEngine against a mock HTTP server", () => {
  const server = new MockOpenAIServer();
  let handle: MockServerHandle;
  let sleeps: number[] = [];

  beforeAll(async () => {
    handle = await server.start();
  });
  afterAll(async () => {
    await handle.close();
  });
  afterEach(() => {
    sleeps = [];
    server.requests.length = 0;
    server.setHandler(() => ({ type: "reply", content: "ok" }));
  });

  const engine = (config: Partial<OpenAICompatibleConfig> = {}, wallClock?: () => number) =>
    new OpenAICompatibleEngine(
      { model: "mock-model", provider: "vllm", baseUrl: handle.url, apiKeyEnv: "TEST_LLM_KEY", ...config },
      {
        env: { TEST_LLM_KEY: SECRET },
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        // The top of every jitter range, so the sleeps are the exponential delays themselves.
        random: () => 1 - Number.EPSILON,
        ...(wallClock ? { wallClock } : {}),
      },
    );

  it("sends native tools and tool messages in the wire format and reads tool_calls back", async () => {
    server.enqueue({
      type: "reply",
      content: null,
      toolCalls: [
        { id: "call_9", name: "Todo__add_item", arguments: '{"title":"milk"}' },
        { name: "Todo__list_items", arguments: { all: true } },
      ],
    });
    const request: ChatRequest = {
      messages: [
        { role: "user", content: "add milk" },
        {
          role: "assistant",
          content: "",
          toolCalls: [{ id: "c1", name: "Todo__list_items", arguments: "{}" }],
        },
        { role: "tool", toolCallId: "c1", content: "[]" },
      ],
      tools: [
        { name: "Todo__add_item", description: "adds", parameters: { type: "object", properties: {} } },
      ],
    };
    const res = await engine().complete(request, ctx);
    expect(res.finishReason).toBe("tool_calls");
    expect(res.content).toBe("");
    expect(res.toolCalls).toEqual([
      { id: "call_9", name: "Todo__add_item", arguments: '{"title":"milk"}' },
      { id: "call_1", name: "Todo__list_items", arguments: '{"all":true}' },
    ]);
    const body = server.completionRequests[0]?.body as Record<string, unknown>;
    expect(body.tools).toEqual([
      {
        type: "function",
        function: {
          name: "Todo__add_item",
          description: "adds",
          parameters: { type: "object", properties: {} },
        },
      },
    ]);
    expect(body.messages).toEqual([
      { role: "user", content: "add milk" },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c1", type: "function", function: { name: "Todo__list_items", arguments: "{}" } }],
      },
      { role: "tool", tool_call_id: "c1", content: "[]" },
    ]);
  });

  it("reads provider prompt-cache hits from each server's usage field, never above the prompt", async () => {
    const cases: [Record<string, unknown>, number | undefined][] = [
      [{ prompt_tokens_details: { cached_tokens: 64 } }, 64],
      [{ prompt_cache_hit_tokens: 32 }, 32],
      [{ cache_read_input_tokens: 16 }, 16],
      [{ prompt_tokens_details: { cached_tokens: 5000 } }, 100],
      [{ prompt_tokens_details: null }, undefined],
      [{}, undefined],
    ];
    for (const [extra, expected] of cases) {
      server.enqueue({
        type: "reply",
        content: "x",
        usage: { prompt_tokens: 100, completion_tokens: 1, ...extra },
      });
      const res = await engine().complete(hello, ctx);
      expect(res.usage.providerCachedPromptTokens).toBe(expected);
    }
    server.enqueue({
      type: "reply",
      content: "x",
      usage: { prompt_tokens: 100, completion_tokens: 1, prompt_tokens_details: { cached_tokens: -1 } },
    });
    await expect(engine({ maxRetries: 0 }).complete(hello, ctx)).rejects.toThrow(/not a chat completion/);
  });

  it("rejects a tool call without a function name as a malformed response", async () => {
    server.enqueue({
      type: "raw",
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        choices: [{ message: { content: null, tool_calls: [{ id: "x", function: { name: "" } }] } }],
      }),
    });
    await expect(engine({ maxRetries: 0 }).complete(hello, ctx)).rejects.toThrow(/must name its function/);
  });

  it("returns content, usage and finish reason, and sends the key as a bearer token", async () => {
    server.enqueue({
      type: "reply",
      content: "Hi there",
      usage: { prompt_tokens: 12, completion_tokens: 3 },
      finishReason: "length",
    });
    const res = await engine().complete(hello, ctx);
    expect(res).toMatchObject({
      content: "Hi there",
      usage: { promptTokens: 12, completionTokens: 3, estimated: false },
      cached: false,
      attempts: 1,
      finishReason: "length",
    });
    expect(res.latencyMs).toBeGreaterThanOrEqual(0);
    const [req] = server.completionRequests;
    expect(req?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(req?.body).toEqual({ model: "mock-model", messages: [{ role: "user", content: "hello" }] });
    expect(sleeps).toEqual([]);
  });

  it("sends only the sampling parameters that were set, identically on every retry", async () => {
    server.enqueue(
      { type: "error", status: 500 },
      { type: "error", status: 503 },
      { type: "reply", content: "x" },
    );
    const request: ChatRequest = { ...hello, temperature: 0.3, seed: 7, maxTokens: 50, stop: ["<end>"] };
    const res = await engine().complete(request, ctx);
    expect(res.attempts).toBe(3);
    expect(sleeps).toEqual([500, 1000]);
    const bodies = server.completionRequests.map((r) => r.body);
    expect(bodies).toHaveLength(3);
    expect(bodies[0]).toEqual({
      model: "mock-model",
      messages: [{ role: "user", content: "hello" }],
      temperature: 0.3,
      seed: 7,
      max_tokens: 50,
    });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it("uses max_completion_tokens for provider openai and can send stop sequences", async () => {
    await engine({ provider: "openai", sendStop: true }).complete(
      { ...hello, maxTokens: 9, stop: ["X"] },
      ctx,
    );
    expect(server.completionRequests[0]?.body).toMatchObject({ max_completion_tokens: 9, stop: ["X"] });
  });

  it("cuts the text at the first stop sequence locally", async () => {
    server.enqueue({ type: "reply", content: 'Action: {"a": 1}<end_action>\nObservation: leaked' });
    const res = await engine().complete({ ...hello, stop: ["Observation:", "<end_action>"] }, ctx);
    expect(res.content).toBe('Action: {"a": 1}');
  });

  it("estimates usage when the server reports none", async () => {
    server.enqueue({ type: "reply", content: "12345678", usage: null });
    const res = await engine().complete(hello, ctx);
    expect(res.usage).toEqual({ promptTokens: 2, completionTokens: 2, estimated: true });
  });

  it("turns a hanging server into LLMTimeoutError", async () => {
    server.enqueue({ type: "hang" });
    const error = await engine({ timeoutMs: 150, maxRetries: 0 })
      .complete(hello, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMTimeoutError);
    expect(error).toMatchObject({ model: "mock-model", timeoutMs: 150, attempts: 1, infrastructure: true });
    expect(sleeps).toEqual([]);
  });

  it("retries a timeout and then succeeds", async () => {
    server.enqueue({ type: "hang" }, { type: "reply", content: "late" });
    const res = await engine({ timeoutMs: 150, maxRetries: 1 }).complete(hello, ctx);
    expect(res).toMatchObject({ content: "late", attempts: 2 });
    expect(sleeps).toEqual([500]);
  });

  it("honours Retry-After in seconds on 429", async () => {
    server.enqueue({ type: "error", status: 429, retryAfter: "3" }, { type: "reply", content: "ok" });
    const res = await engine().complete(hello, ctx);
    expect(res.attempts).toBe(2);
    expect(sleeps).toEqual([3000]);
  });

  it("honours Retry-After given as an HTTP date", async () => {
    const now = Date.parse("2025-11-18T09:00:00Z");
    server.enqueue(
      { type: "error", status: 429, retryAfter: new Date(now + 4000).toUTCString() },
      { type: "reply", content: "ok" },
    );
    await engine({}, () => now).complete(hello, ctx);
    expect(sleeps).toEqual([4000]);
  });

  it("retries 500 then succeeds, with exponential jitter-free backoff", async () => {
    server.enqueue({ type: "error", status: 500 }, { type: "reply", content: "fine" });
    const res = await engine().complete(hello, ctx);
    expect(res).toMatchObject({ content: "fine", attempts: 2 });
    expect(sleeps).toEqual([500]);
  });

  it("stops after maxRetries with the last error, attempts and status", async () => {
    server.setHandler(() => ({ type: "error", status: 502 }));
    const error = await engine({ maxRetries: 3 })
      .complete(hello, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMServerError);
    expect(error).toMatchObject({ kind: "server", status: 502, attempts: 4, exhausted: "max_retries" });
    expect(sleeps).toEqual([500, 1000, 2000]);
    expect(server.completionRequests).toHaveLength(4);
  });

  it("stops when the next backoff would exceed the retry budget", async () => {
    server.setHandler(() => ({ type: "error", status: 503 }));
    const error = await engine({ maxRetries: 10, retryBudgetMs: 1200 })
      .complete(hello, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMServerError);
    expect(error).toMatchObject({ attempts: 2, exhausted: "budget", infrastructure: true });
    expect(sleeps).toEqual([500]);
  });

  it("treats 401 as fatal without retrying", async () => {
    server.enqueue({ type: "error", status: 401, message: "bad key" });
    const error = await engine()
      .complete(hello, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMFatalError);
    expect(error).toMatchObject({ status: 401, attempts: 1, infrastructure: true, retryable: false });
    expect(server.completionRequests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each([400, 403, 404, 422])("treats %i as fatal", async (status) => {
    server.enqueue({ type: "error", status });
    const error = await engine()
      .complete(hello, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMFatalError);
    expect(error).toMatchObject({ status, attempts: 1 });
    expect((error as LLMFatalError).infrastructure).toBe(status !== 400 && status !== 422);
  });

  it.each([408, 409])("retries %i", async (status) => {
    server.enqueue({ type: "error", status }, { type: "reply", content: "ok" });
    expect((await engine().complete(hello, ctx)).attempts).toBe(2);
  });

  it("maps a context-length 400 to LLMPromptTooLongError", async () => {
    server.enqueue({
      type: "error",
      status: 400,
      message: "This model's maximum context length is 8192 tokens",
    });
    const error = await engine()
      .complete(hello, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMPromptTooLongError);
    expect(error).toMatchObject({ kind: "prompt_too_long", infrastructure: false });
  });

  it("retries a malformed JSON body, then reports it", async () => {
    server.setHandler(() => ({ type: "malformed" }));
    const error = await engine({ maxRetries: 2 })
      .complete(hello, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMServerError);
    expect(error).toMatchObject({ kind: "malformed_response", attempts: 3, exhausted: "max_retries" });
    expect(sleeps).toEqual([500, 1000]);
  });

  it("retries a body that is JSON but not a chat completion", async () => {
    server.enqueue(
      { type: "raw", status: 200, body: '{"nope": true}', headers: { "content-type": "application/json" } },
      { type: "reply", content: "ok" },
    );
    expect((await engine().complete(hello, ctx)).attempts).toBe(2);
  });

  it("retries network failures (server closed the connection)", async () => {
    const dead = new MockOpenAIServer();
    const { url, close } = await dead.start();
    await close();
    const error = await engine({ baseUrl: url, maxRetries: 1 })
      .complete(hello, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMServerError);
    expect(error).toMatchObject({ kind: "network", attempts: 2 });
    expect(sleeps).toEqual([500]);
  });

  it("aborts on the caller's signal without retrying", async () => {
    server.enqueue({ type: "hang" });
    const controller = new AbortController();
    const pending = engine({ maxRetries: 3 }).complete(hello, { ...ctx, signal: controller.signal });
    while (server.completionRequests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMAbortedError);
    expect(sleeps).toEqual([]);
  });

  it("rejects an invalid request naming the field", async () => {
    const error = await engine()
      .complete({ messages: [] }, ctx)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMFatalError);
    expect((error as Error).message).toContain("messages");
    expect(server.completionRequests).toHaveLength(0);
  });

  it("never exposes the API key in errors, logs or the engine object", async () => {
    const printed: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        printed.push(args.map((a) => inspect(a)).join(" "));
      }),
    );
    try {
      server.enqueue({ type: "error", status: 401, echoAuthorization: true });
      server.enqueue({ type: "error", status: 500, echoAuthorization: true });
      const eng = engine({ maxRetries: 0 });
      const fatal = (await eng.complete(hello, ctx).catch((e: unknown) => e)) as LLMFatalError;
      const server500 = (await eng.complete(hello, ctx).catch((e: unknown) => e)) as LLMServerError;
      expect(server.completionRequests[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
      for (const error of [fatal, server500]) {
        expect(error.message).toContain("[REDACTED]");
        const views = [
          error.message,
          String(error.stack),
          JSON.stringify(error),
          inspect(error, { depth: 10 }),
        ];
        for (const view of views) expect(view).not.toContain(SECRET);
      }
      expect(JSON.stringify(eng)).not.toContain(SECRET);
      expect(inspect(eng, { depth: 10, showHidden: true })).not.toContain(SECRET);
      expect(printed.join("\n")).not.toContain(SECRET);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("uses a dummy key for a local URL without a key and refuses a remote URL without one", () => {
    const local = new OpenAICompatibleEngine(
      { model: "m", baseUrl: handle.url, apiKeyEnv: "UNSET_KEY_VAR" },
      { env: {} },
    );
    expect(local.model).toBe("m");
    expect(
      () =>
        new OpenAICompatibleEngine(
          { model: "m", baseUrl: "https://api.example.com/v1", apiKeyEnv: "UNSET_KEY_VAR" },
          { env: {} },
        ),
    ).toThrow(LLMConfigError);
    expect(
      () =>
        new OpenAICompatibleEngine(
          { model: "m", baseUrl: "https://api.example.com/v1", apiKeyEnv: "UNSET_KEY_VAR" },
          { env: {} },
        ),
    ).toThrow(/UNSET_KEY_VAR/);
  });

  it("sends a dummy key to a local server when no key is configured", async () => {
    const local = new OpenAICompatibleEngine(
      { model: "m", baseUrl: handle.url, apiKeyEnv: "UNSET_KEY_VAR" },
      { env: {} },
    );
    await local.complete(hello, ctx);
    expect(server.completionRequests[0]?.headers.authorization).toBe("Bearer local-no-key");
  });
});
