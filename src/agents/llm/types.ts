import { z } from "zod";

/** The three agents that talk to a model; usage and cache keys are kept apart per role. */
export const AgentRole = z.enum(["user", "observe", "execute"]);
export type AgentRole = z.infer<typeof AgentRole>;

/** One native tool call: the id the provider gave it, the wire name of the tool and its arguments as JSON text. */
export const ToolCall = z.object({
  id: z.string().min(1).max(256),
  name: z.string().min(1),
  /** JSON text as the model wrote it (may be invalid; the policy reports that back to the model). */
  arguments: z.string(),
});
export type ToolCall = z.infer<typeof ToolCall>;

/**
 * A conversation message. Text mode only uses system / user / assistant with content; native tool calling
 * adds `toolCalls` on assistant messages and `tool` messages answering one call each (`toolCallId`).
 */
export const ChatMessage = z
  .object({
    role: z.enum(["system", "user", "assistant", "tool"]),
    content: z.string(),
    toolCalls: z.array(ToolCall).min(1).optional(),
    toolCallId: z.string().min(1).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.toolCalls !== undefined && m.role !== "assistant")
      ctx.addIssue({
        code: "custom",
        path: ["toolCalls"],
        message: "only assistant messages carry tool calls",
      });
    if (m.role === "tool" && m.toolCallId === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["toolCallId"],
        message: "a tool message must name its tool call",
      });
    if (m.role !== "tool" && m.toolCallId !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["toolCallId"],
        message: "only tool messages answer a tool call",
      });
  });
export type ChatMessage = z.infer<typeof ChatMessage>;

/** Names providers accept for functions (OpenAI's rule; the strictest common one). */
export const WIRE_TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** A tool offered for native calling: its wire name, description and JSON Schema of its parameters. */
export const ToolSpec = z.object({
  name: z.string().regex(WIRE_TOOL_NAME, "tool names must match ^[a-zA-Z0-9_-]{1,64}$"),
  description: z.string(),
  parameters: z.record(z.string(), z.unknown()),
});
export type ToolSpec = z.infer<typeof ToolSpec>;

export const ChatRequest = z.object({
  messages: z.array(ChatMessage).min(1, "messages must not be empty"),
  /** Text is cut at the first stop sequence locally; sending them to the API is an engine option. */
  stop: z.array(z.string().min(1)).optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  seed: z.number().int().optional(),
  /** Native tool calling: the tools the model may call (absent in text mode). */
  tools: z.array(ToolSpec).min(1).optional(),
});
export type ChatRequest = z.infer<typeof ChatRequest>;

export const TokenUsage = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  /** True when the server reported no usage and the counts were estimated from text length. */
  estimated: z.boolean(),
  /**
   * Prompt tokens the provider served from its own prompt (prefix) cache, part of promptTokens; absent when the
   * server does not say (`usage.prompt_tokens_details.cached_tokens` and equivalents).
   */
  providerCachedPromptTokens: z.number().int().nonnegative().optional(),
});
export type TokenUsage = z.infer<typeof TokenUsage>;

export const FinishReason = z.enum(["stop", "length", "content_filter", "tool_calls", "unknown"]);
export type FinishReason = z.infer<typeof FinishReason>;

export const ChatResponse = z.object({
  content: z.string(),
  usage: TokenUsage,
  /** Measured wall latency of the whole call including retries; informational, never used in logic. */
  latencyMs: z.number().nonnegative(),
  cached: z.boolean(),
  /** HTTP attempts made for this call; 0 for a cache hit. */
  attempts: z.number().int().nonnegative(),
  finishReason: FinishReason,
  /** Native tool calls of the reply, in the model's order (absent: none). */
  toolCalls: z.array(ToolCall).optional(),
  /** The reply text before the local stop-sequence cut, when it differs from content (for full traces). */
  rawContent: z.string().optional(),
});
export type ChatResponse = z.infer<typeof ChatResponse>;

export interface CallContext {
  role: AgentRole;
  runNumber: number;
  /** Keeps cache occurrence counters of concurrently running scenarios apart. */
  scenarioId?: string;
  signal?: AbortSignal;
}

export interface LLMEngine {
  readonly model: string;
  readonly provider: string;
  complete(request: ChatRequest, ctx: CallContext): Promise<ChatResponse>;
}

export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Real sleep that stops early (rejecting) when the signal aborts. */
export const realSleep: SleepFn = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

export function normaliseFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case "stop":
    case "length":
    case "content_filter":
    case "tool_calls":
      return raw;
    case "function_call":
      return "tool_calls";
    default:
      return "unknown";
  }
}

/** Rough token estimate (4 characters per token) used when a server reports no usage. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Estimated usage (4 characters per token) from the request's messages and, in native mode, its tool list. */
export function estimateUsage(
  messages: readonly ChatMessage[],
  completion: string,
  tools?: readonly ToolSpec[],
): TokenUsage {
  let promptChars = tools ? toolListChars(tools) : 0;
  for (const m of messages) {
    promptChars += m.content.length;
    for (const c of m.toolCalls ?? []) promptChars += c.name.length + c.arguments.length;
  }
  return {
    promptTokens: Math.ceil(promptChars / 4),
    completionTokens: estimateTokens(completion),
    estimated: true,
  };
}

const toolChars = new WeakMap<readonly ToolSpec[], number>();
function toolListChars(tools: readonly ToolSpec[]): number {
  let n = toolChars.get(tools);
  if (n === undefined) {
    n = JSON.stringify(tools).length;
    toolChars.set(tools, n);
  }
  return n;
}
