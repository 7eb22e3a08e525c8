import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { EnvHttpProxyAgent } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OpenAICompatibleEngine } from "../../../src/agents/llm/openai-compatible-engine.js";
import { createUndiciFetch, undiciFetch } from "../../../src/agents/llm/undici-fetch.js";
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

describe("the undici transport", () => {
  it("goes through HTTP_PROXY, and around it for hosts in NO_PROXY", async () => {
    const proxy = await startProxy();
    try {
      setProxyEnv({ HTTP_PROXY: proxy.url });
      const viaProxy = createUndiciFetch(() => dispatcherFromEnv());
      let dispatcher: EnvHttpProxyAgent | null = null;
      function dispatcherFromEnv() {
        dispatcher ??= new EnvHttpProxyAgent();
        return dispatcher;
      }
      const engine = new OpenAICompatibleEngine(
        { model: "mock-model", provider: "local", baseUrl: url, maxRetries: 0 },
        { env: {}, fetch: viaProxy },
      );
      const reply = await engine.complete(
        { messages: [{ role: "user", content: "hi" }] },
        { role: "user", runNumber: 1 },
      );
      expect(reply.content).toBe("ok");
      expect(proxy.seen.length).toBeGreaterThan(0);
      expect(proxy.seen[0]).toContain(new URL(url).host);

      setProxyEnv({ HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1" });
      const before = proxy.seen.length;
      const direct = createUndiciFetch(() => new EnvHttpProxyAgent());
      const response = await direct(`${url}/models`);
      expect(response.status).toBe(200);
      expect(proxy.seen.length).toBe(before);
    } finally {
      await proxy.close();
    }
  });

  it("reuses connections (keep-alive), returns bodies and headers, and rejects what it cannot send", async () => {
    const before = mock.requests.length;
    for (let i = 0; i < 5; i++) {
      const r = await undiciFetch(`${url}/models`, { headers: { "x-test": "1" } });
      expect(r.headers.get("content-type")).toMatch(/json/);
      expect(((await r.json()) as { data: unknown[] }).data).toHaveLength(1);
    }
    expect(mock.requests.length - before).toBe(5);
    await expect(undiciFetch("ftp://example.invalid/")).rejects.toThrow(/unsupported protocol/);
    await expect(
      undiciFetch(`${url}/models`, { method: "POST", body: new Blob(["x"]) as unknown as string }),
    ).rejects.toThrow(/string and byte bodies/);
    const controller = new AbortController();
    mock.enqueue({ type: "hang" });
    const pending = undiciFetch(`${url}/chat/completions`, {
      method: "POST",
      body: "{}",
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it("reports a refused connection as a fetch failure", async () => {
    await expect(undiciFetch("http://127.0.0.1:1/v1/models")).rejects.toThrow(/fetch failed/);
  });
});
