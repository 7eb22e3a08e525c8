import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keepAliveFetch } from "../../../src/agents/llm/keep-alive-fetch.js";
import { MockOpenAIServer, type MockServerHandle } from "../../support/mock-openai-server.js";

describe("keepAliveFetch", () => {
  let server: MockServerHandle;
  let mock: MockOpenAIServer;
  beforeAll(async () => {
    mock = new MockOpenAIServer();
    server = await mock.start();
  });
  afterAll(async () => {
    await server.close();
  });

  it("posts JSON and returns status, headers and body like fetch", async () => {
    const response = await keepAliveFetch(`${server.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer k" },
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/json/);
    const data = (await response.json()) as { choices: { message: { content: string } }[] };
    expect(data.choices[0]?.message.content).toBe("ok");
    expect(mock.requests.at(-1)?.headers.authorization).toBe("Bearer k");
  });

  it("passes error statuses through and rejects on abort", async () => {
    mock.enqueue({ type: "error", status: 429, headers: { "retry-after": "2" } });
    const limited = await keepAliveFetch(`${server.url}/chat/completions`, { method: "POST", body: "{}" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    mock.enqueue({ type: "hang" });
    const controller = new AbortController();
    const pending = keepAliveFetch(`${server.url}/chat/completions`, {
      method: "POST",
      body: "{}",
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it("reports unreachable hosts as fetch failures", async () => {
    await expect(keepAliveFetch("http://127.0.0.1:9/v1/models")).rejects.toThrow(/fetch failed/);
  });
});
