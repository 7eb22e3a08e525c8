import { z } from "zod";
import { type HttpReply, headerValue } from "./http-transport.js";
import type { ToolCall } from "./types.js";

/*
 * Reading a chat-completions reply the way the `openai` client read it before the engine spoke HTTP itself: the
 * same body decoding (JSON by content type) and the same error text for a non-2xx status, so that error messages,
 * their classification and the malformed-response checks are unchanged.
 */

const Count = z.number().int().nonnegative();

const WireToolCall = z.object({
  id: z.string().nullish(),
  function: z.object({
    name: z.string().min(1, "a tool call must name its function"),
    // Some servers send the arguments as an object rather than JSON text.
    arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  }),
});

export const CompletionBody = z.object({
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
export type CompletionBody = z.infer<typeof CompletionBody>;

/** Prompt tokens the server says came from its prompt cache, at most the prompt; undefined when it says nothing. */
export function providerCachedTokens(usage: NonNullable<CompletionBody["usage"]>): number | undefined {
  const reported =
    usage.prompt_tokens_details?.cached_tokens ??
    usage.prompt_cache_hit_tokens ??
    usage.cache_read_input_tokens;
  return reported === undefined || reported === null ? undefined : Math.min(reported, usage.prompt_tokens);
}

export function readToolCalls(raw: CompletionBody["choices"][number]["message"]["tool_calls"]): ToolCall[] {
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

/**
 * The body of a 2xx reply: parsed JSON when the content type says JSON (a SyntaxError when it is not JSON),
 * undefined for an empty JSON body, null for 204, the text otherwise (which is then not a chat completion).
 */
export function successBody(reply: HttpReply): unknown {
  if (reply.status === 204) return null;
  const mediaType = headerValue(reply.headers, "content-type")?.split(";")[0]?.trim();
  const isJson =
    mediaType !== undefined && (mediaType.includes("application/json") || mediaType.endsWith("+json"));
  if (!isJson) return reply.body;
  if (headerValue(reply.headers, "content-length") === "0") return undefined;
  return JSON.parse(reply.body);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The text of a non-2xx reply: `<status> <error.message>`, or the error object, or the body when it is not JSON. */
export function statusErrorMessage(status: number, body: string): string {
  const json = safeJson(body);
  const error = typeof json === "object" && json !== null ? (json as { error?: unknown }).error : undefined;
  const errorMessage =
    typeof error === "object" && error !== null ? (error as { message?: unknown }).message : undefined;
  const text = errorMessage
    ? typeof errorMessage === "string"
      ? errorMessage
      : JSON.stringify(errorMessage)
    : error
      ? JSON.stringify(error)
      : json
        ? undefined
        : body;
  if (status && text) return `${status} ${text}`;
  if (status) return `${status} status code (no body)`;
  return text || "(no status code or body)";
}
