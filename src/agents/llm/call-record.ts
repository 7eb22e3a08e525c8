import { z } from "zod";
import { canonicalJson } from "../../util/canonical-json.js";
import { sha256Hex } from "../../util/stable-hash.js";
import type { ModelCallLog } from "./call-log.js";
import { ChatMessage, FinishReason, ToolCall, ToolSpec } from "./types.js";

/** Hex characters of a content hash (sha256 of the canonical JSON): plenty within one run's contents. */
export const CONTENT_HASH_LENGTH = 20;
const ContentHash = z.string().regex(/^[0-9a-f]{20}$/, "must be a 20-hex-digit content hash");

/** What a reply was, in full: text before any local cut, tool calls and finish reason. */
export const ModelOutput = z.object({
  content: z.string(),
  /** The text before the stop-sequence cut, when it differs. */
  rawContent: z.string().optional(),
  toolCalls: z.array(ToolCall).optional(),
  finishReason: FinishReason,
});
export type ModelOutput = z.infer<typeof ModelOutput>;

/** One model call of a step, by reference: every message, the tool list and the output are content hashes. */
export const ModelCallRecord = z.object({
  model: z.string(),
  provider: z.string(),
  request: z.object({
    /** Content hashes of the request's messages, in order (the bodies are in the trace's `contents`). */
    messages: z.array(ContentHash),
    /** Content hash of the native tool list; null in text mode. */
    tools: ContentHash.nullable(),
    /** Sampling options as sent (only what the caller set). */
    options: z.object({
      stop: z.array(z.string()).optional(),
      temperature: z.number().optional(),
      maxTokens: z.number().int().optional(),
      seed: z.number().int().optional(),
    }),
  }),
  /** Content hash of the output; null when the call failed. */
  output: ContentHash.nullable(),
  usage: z
    .object({
      promptTokens: z.number().int().nonnegative(),
      completionTokens: z.number().int().nonnegative(),
      estimated: z.boolean(),
      providerCachedPromptTokens: z.number().int().nonnegative().optional(),
    })
    .nullable(),
  /** Served from the response cache. */
  cached: z.boolean(),
  /** Characters of the request that repeat the start of the previous request of the same conversation. */
  reusablePrefixChars: z.number().int().nonnegative(),
  /** Characters of the request (tools, then messages with roles), the measure's denominator. */
  requestChars: z.number().int().nonnegative(),
});
export type ModelCallRecord = z.infer<typeof ModelCallRecord>;

/** A stored body: a message, a tool list or an output. */
export const StoredContent = z.union([ChatMessage, z.array(ToolSpec), ModelOutput]);

export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value)).slice(0, CONTENT_HASH_LENGTH);
}

interface PlainMessage {
  role: string;
  content: string;
}

/** A message whose canonical JSON depends on its role and content alone. */
function plainMessage(value: object): value is PlainMessage {
  const v = value as Partial<PlainMessage>;
  return typeof v.role === "string" && typeof v.content === "string" && Object.keys(value).length === 2;
}

/**
 * System prompts repeat across the runs of a scenario (one per role), so their hashes are kept process-wide, the
 * oldest dropped past this many (a pure function of the text: nothing run-specific is shared).
 */
const SYSTEM_PROMPTS_KEPT = 256;

/** A map that drops its oldest entry when a new one would exceed `limit`. */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.limit) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

const systemPromptHashes = new BoundedMap<string, string>(SYSTEM_PROMPTS_KEPT);

/** Bodies of one run's model calls by content hash: each distinct message, tool list and output is kept once. */
export class ContentStore {
  private readonly bodies = new Map<string, unknown>();
  /** Identity shortcut: the same message object (kept in a history) is hashed once. */
  private readonly known = new WeakMap<object, string>();

  /**
   * Text shortcut for plain messages (only a role and a content): a prompt rebuilt as a new object around the same
   * text (the system prompt of every step) is hashed once. Keyed by role, then by the content string itself.
   */
  private readonly plain = new Map<string, Map<string, string>>();

  put(value: object): string {
    const seen = this.known.get(value);
    if (seen !== undefined) return seen;
    const byContent = plainMessage(value) ? this.plainFor(value.role) : null;
    let hash = byContent?.get((value as PlainMessage).content);
    if (hash === undefined) {
      hash = contentHash(value);
      byContent?.set((value as PlainMessage).content, hash);
    }
    if (!this.bodies.has(hash)) this.bodies.set(hash, value);
    this.known.set(value, hash);
    return hash;
  }

  private plainFor(role: string): Map<string, string> {
    if (role === "system") return systemPromptHashes;
    let map = this.plain.get(role);
    if (map === undefined) {
      map = new Map();
      this.plain.set(role, map);
    }
    return map;
  }

  get size(): number {
    return this.bodies.size;
  }

  /** Every body, by hash in insertion order (detached JSON copies). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [hash, value] of this.bodies) out[hash] = JSON.parse(JSON.stringify(value));
    return out;
  }
}

/** A call log as a record, its bodies put into the store (or only hashed when there is no store). */
export function recordModelCall(log: ModelCallLog, store: ContentStore | null): ModelCallRecord {
  const put = (value: object) => (store ? store.put(value) : contentHash(value));
  const { request, response } = log;
  const options: ModelCallRecord["request"]["options"] = {};
  if (request.stop) options.stop = [...request.stop];
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.maxTokens !== undefined) options.maxTokens = request.maxTokens;
  if (request.seed !== undefined) options.seed = request.seed;
  let output: string | null = null;
  if (response) {
    const body: ModelOutput = { content: response.content, finishReason: response.finishReason };
    if (response.rawContent !== undefined) body.rawContent = response.rawContent;
    if (response.toolCalls) body.toolCalls = response.toolCalls;
    output = put(body);
  }
  return {
    model: log.model,
    provider: log.provider,
    request: {
      messages: request.messages.map(put),
      tools: request.tools ? put(request.tools) : null,
      options,
    },
    output,
    usage: response ? { ...response.usage } : null,
    cached: response?.cached ?? false,
    reusablePrefixChars: log.reusablePrefixChars,
    requestChars: log.requestChars,
  };
}
