import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MockOpenAIServer, type MockServerHandle } from "./mock-openai-server.js";

describe("MockOpenAIServer", () => {
  const server = new MockOpenAIServer({ models: ["a", "b"] });
  let handle: MockServerHandle;

  beforeAll(async () => {
    handle = await server.start();
  });
  afterAll(async () => {
    await handle.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${handle.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("lists models", async () => {
    const res = await fetch(`${handle.url}/models`);
    const json = (await res.json()) as { data: { id: string }[] };
    expect(json.data.map((m) => m.id)).toEqual(["a", "b"]);
  });

  it("serves the queue first, then the handler, and logs bodies and headers", async () => {
    server.enqueue({ type: "reply", content: "queued", usage: { prompt_tokens: 3, completion_tokens: 1 } });
    server.setHandler((body) => ({ type: "reply", content: `echo ${(body as { model: string }).model}` }));
    const first = (await (await post({ model: "m1" }, { authorization: "Bearer abc" })).json()) as {
      choices: { message: { content: string } }[];
      usage: { total_tokens: number };
    };
    const second = (await (await post({ model: "m2" })).json()) as typeof first;
    expect(first.choices[0]?.message.content).toBe("queued");
    expect(first.usage.total_tokens).toBe(4);
    expect(second.choices[0]?.message.content).toBe("echo m2");
    const logged = server.completionRequests.slice(-2);
    expect(logged[0]?.body).toEqual({ model: "m1" });
    expect(logged[0]?.headers.authorization).toBe("Bearer abc");
  });

  it("answers errors with Retry-After and malformed bodies", async () => {
    server.enqueue({ type: "error", status: 429, retryAfter: "7" }, { type: "malformed" });
    const limited = await post({ model: "x" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    const malformed = await post({ model: "x" });
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow();
  });

  it("releases hanging requests when closed", async () => {
    const local = new MockOpenAIServer();
    const { url, close } = await local.start();
    local.enqueue({ type: "hang" });
    const pending = fetch(`${url}/chat/completions`, { method: "POST", body: "{}" }).then(
      () => "answered",
      () => "failed",
    );
    while (local.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await close();
    expect(await pending).toBe("failed");
  });
});
