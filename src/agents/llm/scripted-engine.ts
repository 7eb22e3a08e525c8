import { LLMFatalError } from "./errors.js";
import { parseChatRequest } from "./request-validation.js";
import { applyStopSequences } from "./text-post-process.js";
import {
  type CallContext,
  type ChatRequest,
  type ChatResponse,
  estimateUsage,
  type FinishReason,
  type LLMEngine,
  ToolCall,
} from "./types.js";

/** A scripted answer: text, text with details, or an error to throw. */
export type ScriptedReply =
  | string
  | {
      content: string;
      finishReason?: FinishReason;
      usage?: { promptTokens: number; completionTokens: number; providerCachedPromptTokens?: number };
      /** Native tool calls of the reply. */
      toolCalls?: ToolCall[];
    }
  | Error;

export type ScriptFn = (
  request: ChatRequest,
  ctx: CallContext,
  callIndex: number,
) => ScriptedReply | Promise<ScriptedReply>;

export interface ScriptedEngineOptions {
  model?: string;
  provider?: string;
  responses: readonly ScriptedReply[] | ScriptFn;
  /** What happens after the last array entry: throw (default) or keep answering with it. */
  onExhausted?: "error" | "repeat-last";
}

export interface ScriptedCall {
  request: ChatRequest;
  role: CallContext["role"];
  runNumber: number;
  scenarioId?: string;
}

/**
 * Deterministic engine for tests and offline runs. Token counts come from text length (4 chars per
 * token) unless a reply gives its own; latency is always 0.
 */
export class ScriptedEngine implements LLMEngine {
  readonly model: string;
  readonly provider: string;
  readonly calls: ScriptedCall[] = [];
  private readonly responses: readonly ScriptedReply[] | ScriptFn;
  private readonly onExhausted: "error" | "repeat-last";

  constructor(options: ScriptedEngineOptions) {
    this.model = options.model ?? "scripted";
    this.provider = options.provider ?? "scripted";
    this.responses = options.responses;
    this.onExhausted = options.onExhausted ?? "error";
  }

  async complete(request: ChatRequest, ctx: CallContext): Promise<ChatResponse> {
    const req = parseChatRequest(request, this.model, this.provider);
    const callIndex = this.calls.length;
    this.calls.push({ request: req, role: ctx.role, runNumber: ctx.runNumber, scenarioId: ctx.scenarioId });
    const reply = await this.replyFor(req, ctx, callIndex);
    if (reply instanceof Error) throw reply;
    const detailed = typeof reply === "string" ? { content: reply } : reply;
    const toolCalls = detailed.toolCalls?.map((c) => ToolCall.parse(c)) ?? [];
    const usage = detailed.usage
      ? { ...detailed.usage, estimated: false }
      : estimateUsage(
          req.messages,
          detailed.content + toolCalls.map((c) => c.name + c.arguments).join(""),
          req.tools,
        );
    const content = applyStopSequences(detailed.content, req.stop);
    const response: ChatResponse = {
      content,
      usage,
      latencyMs: 0,
      cached: false,
      attempts: 1,
      finishReason: detailed.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop"),
    };
    if (toolCalls.length > 0) response.toolCalls = toolCalls;
    if (content !== detailed.content) response.rawContent = detailed.content;
    return response;
  }

  private async replyFor(req: ChatRequest, ctx: CallContext, callIndex: number): Promise<ScriptedReply> {
    if (typeof this.responses === "function") return this.responses(req, ctx, callIndex);
    const list = this.responses;
    const reply = list[callIndex] ?? (this.onExhausted === "repeat-last" ? list[list.length - 1] : undefined);
    if (reply === undefined) {
      throw new LLMFatalError({
        message: `scripted engine ${this.model} has no response for call ${callIndex + 1} (script has ${list.length})`,
        model: this.model,
        provider: this.provider,
        infrastructure: false,
      });
    }
    return reply;
  }
}
