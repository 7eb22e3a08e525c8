import OpenAI from "openai";
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from "openai/resources/chat/completions";
import { z } from "zod";
import {
  LLMAbortedError,
  LLMConfigError,
  type LLMError,
  LLMFatalError,
  LLMPromptTooLongError,
  LLMServerError,
  LLMTimeoutError,
} from "./errors.js";
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
  type ToolCall,
} from "./types.js";
import { undiciFetch } from "./undici-fetch.js";

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
  /** HTTP transport of the client (default: undici with HTTP(S)_PROXY / NO_PROXY support and keep-alive pools). */
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

const Count = z.number().int().nonnegative();

const WireToolCall = z.object({
  id: z.string().nullish(),
  function: z.object({
    name: z.string().min(1, "a tool call must name its function"),
    // Some servers send the arguments as an object rather than JSON text.
    arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  }),
});

const CompletionBody = z.object({
  choices: z
    .array(
      z.object({
        message: z
          .object({ content: z.string().nullish(), tool_calls: z.array(WireToolCall).nullish() })
          .passthrough(),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: Count,
      completion_tokens: Count,
      // Prompt-cache hits: OpenAI, vLLM, Fireworks…; DeepSeek; Anthropic-style proxies (LiteLLM).
      prompt_tokens_details: z.object({ cached_tokens: Count.nullish() }).passthrough().nullish(),
      prompt_cache_hit_tokens: Count.nullish(),
      cache_read_input_tokens: Count.nullish(),
    })
    .nullish(),
});
type CompletionBody = z.infer<typeof CompletionBody>;

/** Prompt tokens the server says came from its prompt cache, at most the prompt; undefined when it says nothing. */
export function providerCachedTokens(usage: NonNullable<CompletionBody["usage"]>): number | undefined {
  const reported =
    usage.prompt_tokens_details?.cached_tokens ??
    usage.prompt_cache_hit_tokens ??
    usage.cache_read_input_tokens;
  return reported === undefined || reported === null ? undefined : Math.min(reported, usage.prompt_tokens);
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

function readToolCalls(raw: CompletionBody["choices"][number]["message"]["tool_calls"]): ToolCall[] {
  return (raw ?? []).map((call, index) => ({
    // A server that gives no id still needs one to pair the result with the call.
    id: call.id && call.id.length <= 256 ? call.id : `call_${index}`,
    name: call.function.name,
    arguments:
      typeof call.function.arguments === "string"
        ? call.function.arguments
        : JSON.stringify(call.function.arguments ?? {}),
  }));
}

const PROMPT_TOO_LONG =
  /context[_ ]length|context window|maximum context|prompt is too long|too many tokens/i;

type AttemptResult = Omit<ChatResponse, "latencyMs" | "cached" | "attempts">;

/** Chat completions over the `openai` client against any OpenAI-compatible base URL. */
export class OpenAICompatibleEngine implements LLMEngine {
  readonly model: string;
  readonly provider: string;
  readonly baseUrl: string;
  readonly apiKeyEnv: string;
  readonly timeoutMs: number;
  readonly retryPolicy: RetryPolicy;
  // Private fields stay out of JSON.stringify and util.inspect, which keeps the key out of logs.
  readonly #client: OpenAI;
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
    this.#client = new OpenAI({
      apiKey,
      adminAPIKey: null,
      baseURL: parsed.baseUrl,
      organization: null,
      project: null,
      maxRetries: 0,
      timeout: parsed.timeoutMs,
      defaultHeaders: parsed.headers,
      logLevel: "off",
      fetch: deps.fetch ?? undiciFetch,
    });
  }

  toJSON(): Record<string, unknown> {
    return { model: this.model, provider: this.provider, baseUrl: this.baseUrl, apiKeyEnv: this.apiKeyEnv };
  }

  async complete(request: ChatRequest, ctx: CallContext): Promise<ChatResponse> {
    const req = parseChatRequest(request, this.model, this.provider);
    // Built once so that every retry sends byte-identical sampling parameters.
    const body = Object.freeze(this.buildBody(req));
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
    body: ChatCompletionCreateParamsNonStreaming,
    req: ChatRequest,
    callerSignal: AbortSignal | undefined,
  ): Promise<AttemptOutcome<AttemptResult>> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onCallerAbort = () => controller.abort();
    callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
    try {
      const raw: unknown = await this.#client.chat.completions.create(
        { ...body },
        { signal: controller.signal, maxRetries: 0, timeout: this.timeoutMs },
      );
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
    } catch (error) {
      return this.classify(error, timedOut, callerSignal?.aborted === true);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    }
  }

  private classify(error: unknown, timedOut: boolean, callerAborted: boolean): AttemptOutcome<AttemptResult> {
    const base = { model: this.model, provider: this.provider };
    const prefix = `${this.provider} ${this.model}`;
    if (callerAborted) return { ok: false, error: new LLMAbortedError(base) };
    if (timedOut || error instanceof OpenAI.APIConnectionTimeoutError) {
      return { ok: false, error: new LLMTimeoutError({ ...base, timeoutMs: this.timeoutMs }) };
    }
    if (error instanceof OpenAI.APIConnectionError) {
      return {
        ok: false,
        error: new LLMServerError("network", {
          ...base,
          message: `${prefix}: connection failed: ${error.message}`,
        }),
      };
    }
    if (error instanceof OpenAI.APIError && typeof error.status === "number") {
      const status = error.status;
      const message = `${prefix}: HTTP ${status}: ${error.message}`;
      const retryAfterMs = parseRetryAfterMs(error.headers, this.#wallClock());
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
      if (status === 400 && PROMPT_TOO_LONG.test(error.message)) {
        return { ok: false, error: new LLMPromptTooLongError({ ...base, message, status }) };
      }
      // 400 and 422 reject what was asked; 401/403/404 and the rest are deployment problems.
      const infrastructure = status !== 400 && status !== 422;
      return { ok: false, error: new LLMFatalError({ ...base, message, status, infrastructure }) };
    }
    if (error instanceof SyntaxError) {
      return {
        ok: false,
        error: new LLMServerError("malformed_response", {
          ...base,
          message: `${prefix}: response body is not valid JSON: ${error.message}`,
        }),
      };
    }
    if (isNetworkFailure(error)) {
      return {
        ok: false,
        error: new LLMServerError("network", {
          ...base,
          message: `${prefix}: network failure: ${describe(error)}`,
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
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Body-read failures surface from undici as TypeError("terminated") or errors with socket codes. */
function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  if (typeof code === "string" && /^(E[A-Z]+|UND_ERR_\w+)$/.test(code)) return true;
  return error instanceof TypeError && /terminated|fetch failed|socket/i.test(error.message);
}
