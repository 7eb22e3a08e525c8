import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import type { Dispatcher } from "undici";
import { z } from "zod";
import {
  CompletionBody,
  providerCachedTokens,
  readToolCalls,
  statusErrorMessage,
  successBody,
} from "./completion-reply.js";
import {
  LLMAbortedError,
  LLMConfigError,
  type LLMError,
  LLMFatalError,
  LLMPromptTooLongError,
  LLMServerError,
  LLMTimeoutError,
} from "./errors.js";
import {
  dispatcherTransport,
  fetchTransport,
  HttpDeadlineError,
  type HttpReply,
  type HttpTransport,
  headerValue,
  sharedDispatcher,
} from "./http-transport.js";
import { parseChatRequest } from "./request-validation.js";
import {
  type AttemptOutcome,
  parseRetryAfterMs,
  type RandomFn,
  RetryPolicy,
  runWithRetries,
} from "./retry-policy.js";
import { registerSecret } from "./secret-redaction.js";
import { applyStopSequences } from "./text-post-process.js";
import {
  type CallContext,
  type ChatRequest,
  type ChatResponse,
  estimateUsage,
  type LLMEngine,
  normaliseFinishReason,
  realSleep,
  type SleepFn,
  type TokenUsage,
} from "./types.js";

export const OpenAICompatibleConfig = z.object({
  ...RetryPolicy.shape,
  /** Model name as the server expects it. */
  model: z.string().min(1),
  provider: z.string().min(1).default("openai"),
  baseUrl: z.url().default("https://api.openai.com/v1"),
  /** Name of the environment variable holding the key; the key itself never enters a config. */
  apiKeyEnv: z.string().min(1).default("OPENAI_API_KEY"),
  /** Per attempt, covering the whole response including the body. */
  timeoutMs: z.number().int().positive().default(60_000),
  /** Also send `stop` to the API (some models reject it); text is cut locally either way. */
  sendStop: z.boolean().default(false),
  /** Defaults to max_completion_tokens for provider openai, max_tokens elsewhere. */
  maxTokensParam: z.enum(["max_tokens", "max_completion_tokens"]).optional(),
  headers: z.record(z.string(), z.string()).default({}),
});
export type OpenAICompatibleConfig = z.input<typeof OpenAICompatibleConfig>;

export interface EngineDeps {
  sleep?: SleepFn;
  /** Monotonic milliseconds for latency and the retry budget. */
  now?: () => number;
  /** Epoch milliseconds; only used to interpret a Retry-After HTTP date. */
  wallClock?: () => number;
  /** Where `apiKeyEnv` is looked up; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  onRetry?: (info: { attempt: number; delayMs: number; error: LLMError }) => void;
  /** Jitter source for retry backoff (default: entropy-seeded); tests inject a fixed one. */
  random?: RandomFn;
  /**
   * The undici dispatcher the requests go through (default: one process-wide `EnvHttpProxyAgent`, which honours
   * HTTP(S)_PROXY / NO_PROXY and keeps connections alive, 512 per origin).
   */
  dispatcher?: Dispatcher;
  /** Send through this WHATWG `fetch` instead of a dispatcher (another runtime's, a test's). */
  fetch?: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

/** Placeholder key for local servers (vLLM, Ollama) that ignore authentication. */
export const LOCAL_DUMMY_API_KEY = "local-no-key";

/** Loopback, RFC 1918 and single-label hosts (docker service names) count as local. */
export function isLocalBaseUrl(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  } catch {
    return false;
  }
  if (host === "localhost" || host === "::1" || host === "0.0.0.0" || host.endsWith(".localhost"))
    return true;
  if (/^127\./.test(host) || /^10\./.test(host) || /^192\.168\./.test(host)) return true;
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(host)) return true;
  return !host.includes(".") && !host.includes(":");
}

/** The request messages in the chat-completions wire format. */
export function wireMessages(messages: ChatRequest["messages"]): ChatCompletionMessageParam[] {
  return messages.map((m): ChatCompletionMessageParam => {
    if (m.role === "tool") return { role: "tool", tool_call_id: m.toolCallId ?? "", content: m.content };
    if (m.role === "assistant" && m.toolCalls) {
      return {
        role: "assistant",
        content: m.content === "" ? null : m.content,
        tool_calls: m.toolCalls.map((c) => ({
          id: c.id,
          type: "function" as const,
          function: { name: c.name, arguments: c.arguments },
        })),
      };
    }
    return { role: m.role, content: m.content } as ChatCompletionMessageParam;
  });
}

const PROMPT_TOO_LONG =
  /context[_ ]length|context window|maximum context|prompt is too long|too many tokens/i;

/** Transport failures whose text says they timed out (undici's connect, headers and body timeouts). */
const TIMED_OUT = /timed? ?out/i;

type AttemptResult = Omit<ChatResponse, "latencyMs" | "cached" | "attempts">;

/** The chat-completions URL under a base URL, joined as OpenAI clients join it (one slash between). */
export function completionsUrl(baseUrl: string): URL {
  return new URL(`${baseUrl.endsWith("/") ? baseUrl.slice(0, -1) : baseUrl}/chat/completions`);
}

/** Chat completions over HTTP (an undici dispatcher) against any OpenAI-compatible base URL. */
export class OpenAICompatibleEngine implements LLMEngine {
  readonly model: string;
  readonly provider: string;
  readonly baseUrl: string;
  readonly apiKeyEnv: string;
  readonly timeoutMs: number;
  readonly retryPolicy: RetryPolicy;
  // Private fields stay out of JSON.stringify and util.inspect, which keeps the key out of logs.
  readonly #transport: HttpTransport;
  readonly #url: URL;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #sendStop: boolean;
  readonly #maxTokensParam: "max_tokens" | "max_completion_tokens";
  readonly #sleep: SleepFn;
  readonly #now: () => number;
  readonly #wallClock: () => number;
  readonly #onRetry: EngineDeps["onRetry"];
  readonly #random: RandomFn | undefined;

  constructor(config: OpenAICompatibleConfig, deps: EngineDeps = {}) {
    const parsed = OpenAICompatibleConfig.parse(config);
    this.model = parsed.model;
    this.provider = parsed.provider;
    this.baseUrl = parsed.baseUrl;
    this.apiKeyEnv = parsed.apiKeyEnv;
    this.timeoutMs = parsed.timeoutMs;
    this.retryPolicy = RetryPolicy.parse(parsed);
    this.#sendStop = parsed.sendStop;
    this.#maxTokensParam =
      parsed.maxTokensParam ?? (parsed.provider === "openai" ? "max_completion_tokens" : "max_tokens");
    this.#sleep = deps.sleep ?? realSleep;
    this.#now = deps.now ?? (() => performance.now());
    this.#wallClock = deps.wallClock ?? (() => Date.now());
    this.#onRetry = deps.onRetry;
    this.#random = deps.random;

    const env = deps.env ?? process.env;
    const fromEnv = env[parsed.apiKeyEnv];
    let apiKey: string;
    if (fromEnv !== undefined && fromEnv !== "") {
      registerSecret(fromEnv);
      apiKey = fromEnv;
    } else if (isLocalBaseUrl(parsed.baseUrl)) {
      apiKey = LOCAL_DUMMY_API_KEY;
    } else {
      throw new LLMConfigError(
        `environment variable ${parsed.apiKeyEnv} is not set; it must hold the API key for provider ${parsed.provider} at ${parsed.baseUrl}`,
        { model: parsed.model, provider: parsed.provider },
      );
    }
    this.#url = completionsUrl(parsed.baseUrl);
    // Built once: the configured headers override the defaults, names compared without case.
    const headers: Record<string, string> = {
      accept: "application/json",
      "content-type": "application/json",
      "user-agent": "pare-ts",
      authorization: `Bearer ${apiKey}`,
    };
    for (const [name, value] of Object.entries(parsed.headers)) headers[name.toLowerCase()] = value;
    this.#headers = Object.freeze(headers);
    const { dispatcher } = deps;
    this.#transport = deps.fetch
      ? fetchTransport(deps.fetch)
      : dispatcherTransport(dispatcher ? () => dispatcher : sharedDispatcher);
  }

  toJSON(): Record<string, unknown> {
    return { model: this.model, provider: this.provider, baseUrl: this.baseUrl, apiKeyEnv: this.apiKeyEnv };
  }

  async complete(request: ChatRequest, ctx: CallContext): Promise<ChatResponse> {
    const req = parseChatRequest(request, this.model, this.provider);
    // Serialised once, so that every retry sends byte-identical sampling parameters.
    const body = JSON.stringify(this.buildBody(req));
    if (ctx.signal?.aborted) {
      throw new LLMAbortedError({ model: this.model, provider: this.provider, attempts: 0 });
    }
    const started = this.#now();
    const { value, attempts } = await runWithRetries(
      (_n) => this.attempt(body, req, ctx.signal),
      this.retryPolicy,
      {
        sleep: this.#sleep,
        now: this.#now,
        signal: ctx.signal,
        onRetry: this.#onRetry,
        ...(this.#random ? { random: this.#random } : {}),
      },
    );
    return {
      ...value,
      latencyMs: Math.max(0, this.#now() - started),
      cached: false,
      attempts,
    };
  }

  private buildBody(req: ChatRequest): ChatCompletionCreateParamsNonStreaming {
    const body: ChatCompletionCreateParamsNonStreaming = {
      model: this.model,
      messages: wireMessages(req.messages),
    };
    if (req.tools) {
      body.tools = req.tools.map((t) => ({
        type: "function" as const,
        function: { name: t.name, description: t.description, parameters: t.parameters },
      }));
    }
    // Only what the caller set is sent; provider defaults apply otherwise (as in PARE).
    if (req.temperature !== undefined) body.temperature = req.temperature;
    if (req.seed !== undefined) body.seed = req.seed;
    if (req.maxTokens !== undefined) body[this.#maxTokensParam] = req.maxTokens;
    if (this.#sendStop && req.stop && req.stop.length > 0) body.stop = [...req.stop];
    return body;
  }

  private async attempt(
    body: string,
    req: ChatRequest,
    callerSignal: AbortSignal | undefined,
  ): Promise<AttemptOutcome<AttemptResult>> {
    let reply: HttpReply;
    try {
      reply = await this.#transport({
        url: this.#url,
        method: "POST",
        headers: this.#headers,
        body,
        timeoutMs: this.timeoutMs,
        signal: callerSignal,
      });
    } catch (error) {
      return this.transportFailure(error, callerSignal?.aborted === true);
    }
    try {
      if (reply.status < 200 || reply.status > 299) return this.statusFailure(reply);
      return this.completion(successBody(reply), req);
    } catch (error) {
      return this.bodyFailure(error);
    }
  }

  private completion(raw: unknown, req: ChatRequest): AttemptOutcome<AttemptResult> {
    const parsed = CompletionBody.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        error: new LLMServerError("malformed_response", {
          message: `${this.provider} ${this.model}: response is not a chat completion (${parsed.error.issues[0]?.path.join(".") ?? "body"}: ${parsed.error.issues[0]?.message ?? "invalid"})`,
          model: this.model,
          provider: this.provider,
          status: 200,
        }),
      };
    }
    const choice = parsed.data.choices[0]!;
    const rawText = choice.message.content ?? "";
    const toolCalls = readToolCalls(choice.message.tool_calls);
    const reported = parsed.data.usage;
    let usage: TokenUsage;
    if (reported) {
      usage = {
        promptTokens: reported.prompt_tokens,
        completionTokens: reported.completion_tokens,
        estimated: false,
      };
      const providerCached = providerCachedTokens(reported);
      if (providerCached !== undefined) usage.providerCachedPromptTokens = providerCached;
    } else {
      usage = estimateUsage(
        req.messages,
        rawText + toolCalls.map((c) => c.name + c.arguments).join(""),
        req.tools,
      );
    }
    const content = applyStopSequences(rawText, req.stop);
    const value: AttemptResult = {
      content,
      usage,
      finishReason: normaliseFinishReason(choice.finish_reason),
    };
    if (toolCalls.length > 0) value.toolCalls = toolCalls;
    if (content !== rawText) value.rawContent = rawText;
    return { ok: true, value };
  }

  /** No reply: the deadline, the caller's abort, or the connection (refused, reset, a proxy that failed). */
  private transportFailure(error: unknown, callerAborted: boolean): AttemptOutcome<AttemptResult> {
    const base = { model: this.model, provider: this.provider };
    if (callerAborted) return { ok: false, error: new LLMAbortedError(base) };
    const cause = error instanceof Error ? error.cause : undefined;
    if (error instanceof HttpDeadlineError || TIMED_OUT.test(`${String(error)}${String(cause ?? "")}`)) {
      return { ok: false, error: new LLMTimeoutError({ ...base, timeoutMs: this.timeoutMs }) };
    }
    return {
      ok: false,
      error: new LLMServerError("network", {
        ...base,
        message: `${this.provider} ${this.model}: connection failed: ${describe(error)}`,
      }),
    };
  }

  /** A non-2xx status: retried (429, 408, 409, 5xx, honouring Retry-After) or fatal, as a model or a deployment error. */
  private statusFailure(reply: HttpReply): AttemptOutcome<AttemptResult> {
    const base = { model: this.model, provider: this.provider };
    const status = reply.status;
    const text = statusErrorMessage(status, reply.body);
    const message = `${this.provider} ${this.model}: HTTP ${status}: ${text}`;
    const retryAfterMs = parseRetryAfterMs(
      { get: (name) => headerValue(reply.headers, name) },
      this.#wallClock(),
    );
    const retryableKind =
      status === 429
        ? "rate_limit"
        : status === 408
          ? "request_timeout"
          : status === 409
            ? "conflict"
            : status >= 500
              ? "server"
              : null;
    if (retryableKind) {
      return {
        ok: false,
        retryAfterMs,
        error: new LLMServerError(retryableKind, { ...base, message, status }),
      };
    }
    if (status === 400 && PROMPT_TOO_LONG.test(text)) {
      return { ok: false, error: new LLMPromptTooLongError({ ...base, message, status }) };
    }
    // 400 and 422 reject what was asked; 401/403/404 and the rest are deployment problems.
    const infrastructure = status !== 400 && status !== 422;
    return { ok: false, error: new LLMFatalError({ ...base, message, status, infrastructure }) };
  }

  /** A 2xx reply whose body could not be read as a completion. */
  private bodyFailure(error: unknown): AttemptOutcome<AttemptResult> {
    const base = { model: this.model, provider: this.provider };
    const prefix = `${this.provider} ${this.model}`;
    if (error instanceof SyntaxError) {
      return {
        ok: false,
        error: new LLMServerError("malformed_response", {
          ...base,
          message: `${prefix}: response body is not valid JSON: ${error.message}`,
        }),
      };
    }
    // Wrapped rather than rethrown so that its message passes through secret redaction.
    return {
      ok: false,
      error: new LLMFatalError({
        ...base,
        message: `${prefix}: unexpected error: ${describe(error)}`,
        infrastructure: true,
      }),
    };
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.name}: ${error.message}${cause}`;
}
