import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeJsonAtomic } from "../../util/atomic-write.js";
import { canonicalJson } from "../../util/canonical-json.js";
import { sha256Hex } from "../../util/stable-hash.js";
import { LLMReplayMissError } from "./errors.js";
import { parseChatRequest } from "./request-validation.js";
import {
  AgentRole,
  type CallContext,
  ChatRequest,
  type ChatResponse,
  FinishReason,
  type LLMEngine,
  TokenUsage,
  ToolCall,
} from "./types.js";

export const CACHE_FORMAT_VERSION = 1;

/** Everything that selects a recorded response. */
export interface CacheKeyParts {
  model: string;
  provider: string;
  request: ChatRequest;
  role: AgentRole;
  runNumber: number;
  scenarioId?: string;
  /** 0 for the first time this exact request is made in this run/scenario/role, 1 for the second, ... */
  occurrence: number;
}

/**
 * The canonical JSON of a call's identity, built around the request's canonical JSON so that the request is
 * validated and serialised once per call: `withOccurrence(n)` is exactly `canonicalJson({ ...identity, occurrence: n })`
 * and `content` the same without the occurrence (keys in canonical order: model, occurrence, provider, request, role,
 * runNumber, scenarioId, v).
 */
export interface CacheIdentity {
  /** The validated request (unknown properties dropped). */
  request: ChatRequest;
  content: string;
  withOccurrence(occurrence: number): string;
}

export function cacheIdentity(parts: Omit<CacheKeyParts, "occurrence">): CacheIdentity {
  // Re-parsed so that unknown extra properties cannot change the key and field order never matters.
  const request = parseChatRequest(parts.request, parts.model, parts.provider);
  const head = `{"model":${canonicalJson(parts.model)}`;
  const tail =
    `,"provider":${canonicalJson(parts.provider)},"request":${canonicalJson(request)}` +
    `,"role":${canonicalJson(parts.role)},"runNumber":${canonicalJson(parts.runNumber)}` +
    `,"scenarioId":${canonicalJson(parts.scenarioId ?? null)},"v":${CACHE_FORMAT_VERSION}}`;
  return {
    request,
    content: head + tail,
    withOccurrence: (occurrence) => `${head},"occurrence":${canonicalJson(occurrence)}${tail}`,
  };
}

/** sha256 of canonical JSON of the request content, run identity and occurrence number. */
export function responseCacheKey(parts: CacheKeyParts): string {
  return sha256Hex(cacheIdentity(parts).withOccurrence(parts.occurrence));
}

export const CachedResponse = z.object({
  version: z.literal(CACHE_FORMAT_VERSION),
  key: z.string().regex(/^[0-9a-f]{64}$/),
  model: z.string(),
  provider: z.string(),
  role: AgentRole,
  runNumber: z.number().int(),
  scenarioId: z.string().nullable(),
  occurrence: z.number().int().nonnegative(),
  request: ChatRequest,
  response: z.object({
    content: z.string(),
    usage: TokenUsage,
    finishReason: FinishReason,
    latencyMs: z.number().nonnegative(),
    attempts: z.number().int().nonnegative(),
    // Optional, so entries written before native tool calling still read (format version 1 either way).
    toolCalls: z.array(ToolCall).optional(),
    rawContent: z.string().optional(),
  }),
});
export type CachedResponse = z.infer<typeof CachedResponse>;

export type CacheLookup =
  | { status: "hit"; entry: CachedResponse }
  | { status: "miss" }
  | { status: "corrupt"; reason: string };

/** One JSON file per key under `<dir>/<first two hex chars>/<key>.json`, written atomically. */
export class ResponseCache {
  constructor(readonly dir: string) {}

  pathFor(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  read(key: string): CacheLookup {
    let text: string;
    try {
      text = readFileSync(this.pathFor(key), "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return { status: "miss" };
      // The cache directory is unusable (a file in its place, no permission): nothing can be served from it.
      if (code === "ENOTDIR" || code === "EACCES" || code === "EPERM" || code === "EISDIR")
        return { status: "corrupt", reason: `cannot read ${this.pathFor(key)} (${code})` };
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { status: "corrupt", reason: `invalid JSON: ${(error as Error).message}` };
    }
    const parsed = CachedResponse.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        status: "corrupt",
        reason: `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`,
      };
    }
    if (parsed.data.key !== key) return { status: "corrupt", reason: `file holds key ${parsed.data.key}` };
    return { status: "hit", entry: parsed.data };
  }

  write(entry: CachedResponse): void {
    writeJsonAtomic(this.pathFor(entry.key), CachedResponse.parse(entry));
  }
}

export interface CachingEngineOptions {
  /** Directory of the response cache (or an existing cache instance). */
  cache: string | ResponseCache;
  /** Misses become LLMReplayMissError instead of calling the model. */
  replay?: boolean;
  /**
   * Where a cache that cannot be written is reported, once per engine (default: a `warning:` line on stderr).
   * An unwritable cache never fails a call: the answer is returned, only not recorded.
   */
  warn?: (message: string) => void;
}

/**
 * Serves recorded responses and records new ones. Identical requests within one run, scenario and role
 * are numbered, so a prompt repeated three times replays its three recorded answers in order.
 */
export class CachingEngine implements LLMEngine {
  readonly cache: ResponseCache;
  readonly replay: boolean;
  private readonly occurrences = new Map<string, number>();

  constructor(
    private readonly inner: LLMEngine,
    options: CachingEngineOptions,
  ) {
    this.cache = typeof options.cache === "string" ? new ResponseCache(options.cache) : options.cache;
    this.replay = options.replay ?? false;
    this.warn = options.warn ?? ((m: string) => process.stderr.write(`warning: ${m}\n`));
  }

  private readonly warn: (message: string) => void;
  private writeFailed = false;

  get model(): string {
    return this.inner.model;
  }

  get provider(): string {
    return this.inner.provider;
  }

  /** Forget occurrence counts, e.g. before replaying the same run again with this instance. */
  resetOccurrences(): void {
    this.occurrences.clear();
  }

  async complete(request: ChatRequest, ctx: CallContext): Promise<ChatResponse> {
    const identity = cacheIdentity({
      model: this.inner.model,
      provider: this.inner.provider,
      request,
      role: ctx.role,
      runNumber: ctx.runNumber,
      scenarioId: ctx.scenarioId,
    });
    // The counter is taken synchronously, before any await, so numbering follows call order.
    const contentKey = sha256Hex(identity.content);
    const occurrence = this.occurrences.get(contentKey) ?? 0;
    this.occurrences.set(contentKey, occurrence + 1);
    const key = sha256Hex(identity.withOccurrence(occurrence));

    const lookup = this.cache.read(key);
    if (lookup.status === "hit") {
      const { response } = lookup.entry;
      const served: ChatResponse = {
        content: response.content,
        usage: { ...response.usage },
        latencyMs: response.latencyMs,
        cached: true,
        attempts: 0,
        finishReason: response.finishReason,
      };
      if (response.toolCalls) served.toolCalls = response.toolCalls.map((c) => ({ ...c }));
      if (response.rawContent !== undefined) served.rawContent = response.rawContent;
      return served;
    }
    if (this.replay) {
      throw new LLMReplayMissError({
        model: this.inner.model,
        provider: this.inner.provider,
        cacheKey: key,
        detail:
          lookup.status === "corrupt"
            ? `cache file is corrupt (${lookup.reason})`
            : `role ${ctx.role}, run ${ctx.runNumber}, occurrence ${occurrence}`,
      });
    }

    const response = await this.inner.complete(request, ctx);
    try {
      this.write(key, ctx, occurrence, identity.request, response);
    } catch (error) {
      if (!this.writeFailed)
        this.warn(
          `the response cache ${this.cache.dir} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); answers are not recorded, runs go on`,
        );
      this.writeFailed = true;
    }
    return response;
  }

  private write(
    key: string,
    ctx: CallContext,
    occurrence: number,
    request: ChatRequest,
    response: ChatResponse,
  ): void {
    this.cache.write({
      version: CACHE_FORMAT_VERSION,
      key,
      model: this.inner.model,
      provider: this.inner.provider,
      role: ctx.role,
      runNumber: ctx.runNumber,
      scenarioId: ctx.scenarioId ?? null,
      occurrence,
      request,
      response: {
        content: response.content,
        usage: response.usage,
        finishReason: response.finishReason,
        latencyMs: response.latencyMs,
        attempts: response.attempts,
        ...(response.toolCalls ? { toolCalls: response.toolCalls } : {}),
        ...(response.rawContent !== undefined ? { rawContent: response.rawContent } : {}),
      },
    });
  }
}
