import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What the mock does with one chat-completion request. */
export type MockStep =
  | {
      type: "reply";
      content: string | null;
      finishReason?: string;
      /** Native tool calls (OpenAI's `tool_calls`); the finish reason becomes `tool_calls` unless given. */
      toolCalls?: { id?: string; name: string; arguments: string | Record<string, unknown> }[];
      /** `null` omits the usage block, as some local servers do; extra fields are passed through. */
      usage?: { prompt_tokens: number; completion_tokens: number; [field: string]: unknown } | null;
      delayMs?: number;
    }
  | {
      type: "error";
      status: number;
      message?: string;
      /** Value of the Retry-After header (seconds or an HTTP date). */
      retryAfter?: string;
      headers?: Record<string, string>;
      /** Put the received Authorization header into the error message, like a careless proxy would. */
      echoAuthorization?: boolean;
      delayMs?: number;
    }
  /** Never answers; the connection is only released when the server closes. */
  | { type: "hang" }
  /** A 200 with a JSON content type and a body that is not JSON. */
  | { type: "malformed"; delayMs?: number }
  | { type: "raw"; status: number; body: string; headers?: Record<string, string>; delayMs?: number };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
}

export type MockHandler = (body: unknown, request: RecordedRequest) => MockStep | Promise<MockStep>;

export interface MockOpenAIServerOptions {
  /** Used when the queue is empty; default replies "ok". */
  handler?: MockHandler;
  /** Every answer is sent this long after its request arrived at the earliest (a step's delayMs comes on top). */
  latencyMs?: number;
  models?: string[];
}

export interface MockServerHandle {
  /** Base URL including `/v1`, ready for `new OpenAI({ baseURL })`. */
  url: string;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that speaks just enough of the OpenAI chat API for engine tests.
 * Steps are taken from the queue first, then from the handler.
 */
export class MockOpenAIServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: MockStep[] = [];
  private handler: MockHandler;
  private readonly latencyMs: number;
  private readonly models: string[];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private completionCounter = 0;
  /** Chat completions answered, and the sum of their times from arrival to the last byte written. */
  readonly timing = { answered: 0, msSum: 0 };

  constructor(options: MockOpenAIServerOptions = {}) {
    this.handler = options.handler ?? (() => ({ type: "reply", content: "ok" }));
    this.latencyMs = options.latencyMs ?? 0;
    this.models = options.models ?? ["mock-model"];
  }

  enqueue(...steps: MockStep[]): this {
    this.queue.push(...steps);
    return this;
  }

  setHandler(handler: MockHandler): this {
    this.handler = handler;
    return this;
  }

  /** Requests that hit the chat-completions route. */
  get completionRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === "/v1/chat/completions");
  }

  async start(): Promise<MockServerHandle> {
    if (this.server) throw new Error("mock server already started");
    const server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `mock server bug: ${String(error)}` } }));
      });
    });
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/v1`, close: () => this.close() };
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    // Hanging requests would otherwise keep server.close() waiting forever.
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    // The latency runs from the request's arrival, like a real server's: reading and answering it happen meanwhile.
    const latency = this.delay(this.latencyMs);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown = text;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const recorded: RecordedRequest = { method: req.method ?? "GET", path, headers, body };
    this.requests.push(recorded);

    if (req.method === "GET" && path === "/v1/models") {
      sendJson(res, 200, {
        object: "list",
        data: this.models.map((id) => ({ id, object: "model", created: 0, owned_by: "mock" })),
      });
      return;
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: "not_found" } });
      return;
    }

    const step = this.queue.shift() ?? (await this.handler(body, recorded));
    if (step.type === "hang") return;
    await latency;
    await this.delay(step.delayMs ?? 0);
    if (res.destroyed) return;
    res.once("finish", () => {
      this.timing.answered += 1;
      this.timing.msSum += performance.now() - arrived;
    });

    switch (step.type) {
      case "reply": {
        this.completionCounter += 1;
        const model =
          typeof body === "object" && body !== null && "model" in body ? String(body.model) : "mock-model";
        const payload: Record<string, unknown> = {
          id: `chatcmpl-mock-${this.completionCounter}`,
          object: "chat.completion",
          created: 0,
          model,
          choices: [
            {
              index: 0,
              message: {
                role: "assistant",
                content: step.content,
                ...(step.toolCalls
                  ? {
                      tool_calls: step.toolCalls.map((c, i) => ({
                        ...(c.id !== undefined ? { id: c.id } : {}),
                        type: "function",
                        function: { name: c.name, arguments: c.arguments },
                        index: i,
                      })),
                    }
                  : {}),
              },
              finish_reason: step.finishReason ?? (step.toolCalls ? "tool_calls" : "stop"),
            },
          ],
        };
        if (step.usage !== null) {
          const usage = step.usage ?? {
            prompt_tokens: 10,
            completion_tokens: Math.ceil((step.content ?? "").length / 4),
          };
          payload.usage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
        }
        sendJson(res, 200, payload);
        return;
      }
      case "error": {
        const extra: Record<string, string> = { ...step.headers };
        if (step.retryAfter !== undefined) extra["retry-after"] = step.retryAfter;
        let message = step.message ?? `mock error ${step.status}`;
        if (step.echoAuthorization) message += ` (received ${headers.authorization ?? "no authorization"})`;
        sendJson(res, step.status, { error: { message, type: "mock_error", code: null } }, extra);
        return;
      }
      case "malformed":
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"choices": [ this is not json');
        return;
      case "raw":
        res.writeHead(step.status, step.headers ?? {});
        res.end(step.body);
        return;
    }
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Convenience: construct and start in one call. */
export async function startMockOpenAIServer(
  options: MockOpenAIServerOptions = {},
): Promise<MockServerHandle & { server: MockOpenAIServer }> {
  const server = new MockOpenAIServer(options);
  const handle = await server.start();
  return { ...handle, server };
}
