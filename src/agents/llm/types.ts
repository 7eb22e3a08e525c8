import { z } from "zod";

/** The three agents that talk to a model; usage and cache keys are kept apart per role. */
export const AgentRole = z.enum(["user", "observe", "execute"]);
export type AgentRole = z.infer<typeof AgentRole>;

export const ChatMessage = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ChatRequest = z.object({
  messages: z.array(ChatMessage).min(1, "messages must not be empty"),
  /** Text is cut at the first stop sequence locally; sending them to the API is an engine option. */
  stop: z.array(z.string().min(1)).optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  seed: z.number().int().optional(),
});
export type ChatRequest = z.infer<typeof ChatRequest>;

export const TokenUsage = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  /** True when the server reported no usage and the counts were estimated from text length. */
  estimated: z.boolean(),
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

export function estimateUsage(messages: readonly ChatMessage[], completion: string): TokenUsage {
  const promptChars = messages.reduce((sum, m) => sum + m.content.length, 0);
  return {
    promptTokens: Math.ceil(promptChars / 4),
    completionTokens: estimateTokens(completion),
    estimated: true,
  };
}
