import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { EnvHttpProxyAgent } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LLMServerError, LLMTimeoutError } from "../../../src/agents/llm/errors.js";
import {
  dispatcherTransport,
  fetchTransport,
  HttpDeadlineError,
  type HttpRequest,
} from "../../../src/agents/llm/http-transport.js";
import { OpenAICompatibleEngine } from "../../../src/agents/llm/openai-compatible-engine.js";
import { MockOpenAIServer } from "../../support/mock-openai-server.js";

/** A forward proxy that only tunnels (CONNECT) and, for plain requests, forwards absolute-URI requests. */
function startProxy(): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? "");
    const upstream = connect(Number(target.port), target.hostname, () => {
      upstream.write(`${req.method} ${target.pathname}${target.search} HTTP/1.1\r\n`);
      for (const [k, v] of Object.entries(req.headers))
        if (k !== "proxy-connection") upstream.write(`${k}: ${v}\r\n`);
      upstream.write("connection: close\r\n\r\n");
      req.pipe(upstream);
      upstream.pipe(res.socket as Socket);
    });
  });
  server.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host as string, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => s.destroy());
    }
  });
  server.on("connection", (s: Socket) => sockets.add(s));
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        seen,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    }),
  );
}

const PROXY_VARS = ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"];
let saved: Record<string, string | undefined> = {};
let mock: MockOpenAIServer;
let url: string;
beforeAll(async () => {
  mock = new MockOpenAIServer();
  url = (await mock.start()).url;
});
afterAll(async () => {
  await mock.close();
});
afterEach(() => {
  for (const name of PROXY_VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  saved = {};
});
function setProxyEnv(values: Record<string, string>) {
  for (const name of PROXY_VARS) {
    if (!(name in saved)) saved[name] = process.env[name];
    delete process.env[name];
  }
  Object.assign(process.env, values);
}

const hello = { messages: [{ role: "user" as const, content: "hi" }] };
const ctx = { role: "user" as const, runNumber: 1 };

describe("the engine's HTTP transport", () => {
  it("goes through HTTP_PROXY, and around it for hosts in NO_PROXY", async () => {
    const proxy = await startProxy();
    try {
      setProxyEnv({ HTTP_PROXY: proxy.url });
      const viaProxy = new OpenAICompatibleEngine(
        { model: "mock-model", provider: "local", baseUrl: url, maxRetries: 0 },
        { env: {}, dispatcher: new EnvHttpProxyAgent() },
      );
      const reply = await viaProxy.complete(hello, ctx);
      expect(reply.content).toBe("ok");
      expect(proxy.seen).toEqual([`CONNECT ${new URL(url).host}`]);

      setProxyEnv({ HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" });
      const direct = new OpenAICompatibleEngine(
        { model: "mock-model", provider: "local", baseUrl: url, maxRetries: 0 },
        { env: {}, dispatcher: new EnvHttpProxyAgent() },
      );
      expect((await direct.complete(hello, ctx)).content).toBe("ok");
      expect(proxy.seen).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it("keeps connections alive and sends the same headers and body on every call", async () => {
    let connections = 0;
    const seen: { url: string; headers: Record<string, unknown>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      req.on("end", () => {
        seen.push({ url: req.url ?? "", headers: req.headers, body });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ choices: [{ message: { content: "ok" }, finish_reason: "stop" }] }));
      });
    });
    server.on("connection", () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const { port } = server.address() as AddressInfo;
    const dispatcher = new EnvHttpProxyAgent();
    try {
      const engine = new OpenAICompatibleEngine(
        {
          model: "mock-model",
          provider: "local",
          baseUrl: `http://127.0.0.1:${port}/v1/`,
          maxRetries: 0,
          headers: { "X-Extra": "1", Accept: "application/json; q=1" },
        },
        { env: {}, dispatcher },
      );
      for (let i = 0; i < 10; i++) expect((await engine.complete(hello, ctx)).content).toBe("ok");
      // undici opens a second connection right after the first exchange, then reuses what it has.
      expect(connections).toBeLessThanOrEqual(2);
      expect(seen.map((r) => r.url)).toEqual(Array(10).fill("/v1/chat/completions"));
      for (const r of seen) {
        expect(r.headers).toMatchObject({
          authorization: "Bearer local-no-key",
          "content-type": "application/json",
          accept: "application/json; q=1",
          "x-extra": "1",
        });
        expect(JSON.parse(r.body)).toEqual({
          model: "mock-model",
          messages: [{ role: "user", content: "hi" }],
        });
      }
    } finally {
      await dispatcher.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("returns status, headers and the body without a byte-order mark, through a dispatcher or a fetch", async () => {
    for (const transport of [dispatcherTransport(() => new EnvHttpProxyAgent()), fetchTransport(fetch)]) {
      mock.enqueue({
        type: "raw",
        status: 503,
        body: '\ufeff{"error":{"message":"busy"}}',
        headers: { "content-type": "application/json", "retry-after": "2" },
      });
      const request: HttpRequest = {
        url: new URL(`${url}/chat/completions`),
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
        timeoutMs: 5_000,
      };
      const reply = await transport(request);
      expect(reply.status).toBe(503);
      expect(reply.headers["retry-after"]).toBe("2");
      expect(reply.body).toBe('{"error":{"message":"busy"}}');
    }
  });

  it("rejects at its deadline, and with the caller's reason when the caller aborts", async () => {
    for (const transport of [dispatcherTransport(() => new EnvHttpProxyAgent()), fetchTransport(fetch)]) {
      const request: HttpRequest = {
        url: new URL(`${url}/chat/completions`),
        method: "POST",
        headers: {},
        body: "{}",
        timeoutMs: 100,
      };
      mock.enqueue({ type: "hang" });
      await expect(transport(request)).rejects.toBeInstanceOf(HttpDeadlineError);
      mock.enqueue({ type: "hang" });
      const controller = new AbortController();
      const pending = transport({ ...request, timeoutMs: 10_000, signal: controller.signal });
      setTimeout(() => controller.abort(new Error("stop now")), 20);
      await expect(pending).rejects.toThrow("stop now");
      const aborted = AbortSignal.abort(new Error("already"));
      await expect(transport({ ...request, signal: aborted })).rejects.toThrow("already");
    }
  });

  it("reports a refused connection as a retryable network error naming the cause", async () => {
    const engine = new OpenAICompatibleEngine(
      { model: "m", provider: "local", baseUrl: "http://127.0.0.1:1/v1", maxRetries: 0 },
      { env: {} },
    );
    const error = await engine.complete(hello, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LLMServerError);
    expect(error).toMatchObject({ kind: "network", retryable: true, infrastructure: true });
    expect((error as Error).message).toMatch(/connection failed: .*ECONNREFUSED/);
  });

  it("turns undici's own timeouts into LLMTimeoutError", async () => {
    const engine = new OpenAICompatibleEngine(
      { model: "m", provider: "local", baseUrl: url, maxRetries: 0 },
      {
        env: {},
        fetch: () =>
          Promise.reject(new TypeError("fetch failed", { cause: new Error("Connect Timeout Error") })),
      },
    );
    await expect(engine.complete(hello, ctx)).rejects.toBeInstanceOf(LLMTimeoutError);
  });
});
