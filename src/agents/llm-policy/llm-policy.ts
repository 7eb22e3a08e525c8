import type { AppTool } from "../../core/app-tool.js";
import { linearise, type ModelCallLog, sharedPrefixChars, totalChars } from "../llm/call-log.js";
import { LLMPromptTooLongError } from "../llm/errors.js";
import type { ChatMessage, ChatRequest, ChatResponse, LLMEngine, ToolCall } from "../llm/types.js";
import { DEFAULT_OBSERVATION_CHAR_LIMIT } from "../observation.js";
import type { AgentRole, Policy, PolicyDecision, StepInput, StepObservation } from "../types.js";
import { ACTION_STOP_SEQUENCES, correctionMessage, parseActionOutput } from "./action-parser.js";
import {
  type NativeCall,
  NOT_RUN_TURN_ENDED,
  nativeCorrectionMessage,
  readNativeReply,
  renderNativeRaw,
  renderToolResult,
} from "./native-reply.js";
import { nativeToolSet } from "./native-tools.js";
import type { ToolCallingMode } from "./prompt-template.js";
import {
  NOTHING_NEW,
  renderAvailableActions,
  renderLocation,
  renderNotifications,
  renderStepError,
  renderStepResult,
  renderTask,
} from "./step-messages.js";

export const DEFAULT_MAX_PARSE_RETRIES = 2;
/** How often a step shortens its history and asks again after the model reports a too-long prompt. */
const MAX_HISTORY_TRIMS = 3;
/** What the react loop passes as the previous step after an unparsable output. */
const NO_ACTION_TOOL = "(none)";

export interface LlmPolicyOptions {
  role: AgentRole;
  engine: LLMEngine;
  /** Built at the first step after construction or reset, from the tools of that step. */
  systemPrompt: (tools: readonly AppTool[]) => string;
  scenarioId?: string;
  /** Part of the cache key; a single run counts as run 1 (as for its seed). */
  runNumber: number;
  temperature?: number;
  /** Extra model calls within one step that answer an unusable output with a correction. */
  maxParseRetries?: number;
  /** Characters of a tool result shown to the model; null: never cut; absent: the default. */
  observationCharLimit?: number | null;
  /** `text` (default): PARE's `Thought:` / `Action:` format; `native`: the provider's function calling. */
  toolCalling?: ToolCallingMode;
  /** Keep the user's screens in the history as sent (append-only); default: only the latest is shown. */
  appendOnlyHistory?: boolean;
}

/**
 * A ReAct policy backed by a chat model. It keeps its own conversation: system prompt, then per step
 * one user message (result of the previous action, new task, notifications) and the model's reply.
 * The user also gets its location and available actions at every step; those are sent with the
 * current step only and never kept, so the history holds just the latest ones (as in the reference).
 *
 * In native mode the role's current tools go with every request as functions, the reply's tool calls are the
 * actions (several: one per step, in order, without asking the model again), each result goes back as a `tool`
 * message answering its call, and the reply's text is the thought. A reply without a tool call is answered with
 * a correction, as an unparsable text reply is.
 *
 * Model output is not lowercased (`lowercaseBooleanLiterals`): that rewrite also changes names and
 * prose ("True Detective"); the parser instead repairs Python literals outside JSON strings.
 */
export class LlmPolicy implements Policy {
  readonly role: AgentRole;
  readonly toolCalling: ToolCallingMode;
  private readonly engine: LLMEngine;
  private readonly buildSystemPrompt: (tools: readonly AppTool[]) => string;
  private readonly maxParseRetries: number;
  private system: string | null = null;
  /**
   * The system message every request of this conversation starts with: one object, so what keeps a run's bodies
   * by identity (the trace's content store) sees it as the message it already has.
   */
  private systemMessage: ChatMessage | null = null;
  private history: ChatMessage[] = [];
  private stepResults = 0;
  /** Results handed over by `observe`, not yet sent. */
  private pendingResults: StepObservation[] = [];
  /** Results already in (or queued for) the conversation, so the loop's copy is not sent twice. */
  private seenResults = new WeakSet<StepObservation>();
  /** Why the previous output gave no action; reported at the next step. */
  private pendingParseError: string | null = null;
  /** Native: the previous output gave no action, and its tool messages already said why. */
  private answeredParseError = false;
  /** Native: calls of the last reply still to run, one per step. */
  private queued: NativeCall[] = [];
  /** Native: ids of calls handed to the loop whose results have not come back yet, in order. */
  private awaiting: string[] = [];
  /** Native: tool messages to send before the next user message. */
  private toolMessages: ChatMessage[] = [];
  /** Native: user-message parts gathered while queued calls ran (no model call was made for them). */
  private heldParts: string[] = [];
  /** The linearised previous request, for the reusable-prefix measure. */
  private previousRequest: string[] = [];

  constructor(private readonly options: LlmPolicyOptions) {
    this.role = options.role;
    this.toolCalling = options.toolCalling ?? "text";
    this.engine = options.engine;
    this.buildSystemPrompt = options.systemPrompt;
    this.maxParseRetries = Math.max(0, options.maxParseRetries ?? DEFAULT_MAX_PARSE_RETRIES);
  }

  reset(): void {
    this.system = null;
    this.systemMessage = null;
    this.history = [];
    this.stepResults = 0;
    this.pendingResults = [];
    this.seenResults = new WeakSet();
    this.pendingParseError = null;
    this.answeredParseError = false;
    this.queued = [];
    this.awaiting = [];
    this.toolMessages = [];
    this.heldParts = [];
    this.previousRequest = [];
  }

  /** The conversation so far, system prompt first (for inspection and tests). */
  get messages(): readonly ChatMessage[] {
    return this.system === null
      ? [...this.history]
      : [{ role: "system", content: this.system }, ...this.history];
  }

  /**
   * Hands over the result of the action this policy chose, as soon as it is known. The react loop only
   * passes results within one run (`StepInput.previous`), so without this the result of a turn's last
   * action would never reach the model; calling both is harmless.
   */
  observe(observation: StepObservation): void {
    if (this.seenResults.has(observation)) return;
    this.seenResults.add(observation);
    this.pendingResults.push(observation);
  }

  private get observationLimit(): number | null {
    return this.options.observationCharLimit === undefined
      ? DEFAULT_OBSERVATION_CHAR_LIMIT
      : this.options.observationCharLimit;
  }

  /** Takes the loop's copy of the previous result, unless it only stands for an output that gave no action. */
  private takePrevious(input: StepInput): void {
    const previous = input.previous;
    const afterFailure = this.pendingParseError !== null || this.answeredParseError;
    const skipPrevious = afterFailure && previous?.tool === NO_ACTION_TOOL;
    if (previous && !skipPrevious) this.observe(previous);
    this.answeredParseError = false;
  }

  private newStepContent(input: StepInput): string {
    const parts: string[] = [];
    if (this.pendingParseError !== null) {
      parts.push(renderStepError(++this.stepResults, this.pendingParseError));
    }
    this.takePrevious(input);
    this.pendingParseError = null;
    for (const result of this.pendingResults)
      parts.push(renderStepResult(++this.stepResults, result, this.observationLimit));
    this.pendingResults = [];
    if (input.task.trim() !== "") parts.push(renderTask(input.task));
    parts.push(...renderNotifications(input.notifications));
    return parts.join("\n\n");
  }

  async decide(input: StepInput, signal?: AbortSignal): Promise<PolicyDecision> {
    return this.toolCalling === "native" ? this.decideNative(input, signal) : this.decideText(input, signal);
  }

  private async decideText(input: StepInput, signal?: AbortSignal): Promise<PolicyDecision> {
    const system = this.systemFor(input.tools);
    const stepContent = this.newStepContent(input);
    const live: string[] = [];
    if (this.role === "user") {
      live.push(renderAvailableActions(input.tools));
      if (input.location) live.push(renderLocation(input.location));
    }
    const sent = [stepContent, ...live].filter((p) => p !== "").join("\n\n") || NOTHING_NEW;
    const kept = this.options.appendOnlyHistory ? sent : stepContent || NOTHING_NEW;

    const outcome = await this.callUntilUsable(
      (attempts) => ({
        messages: [system, ...this.history, { role: "user", content: sent }, ...attempts],
        stop: [...ACTION_STOP_SEQUENCES],
        ...(this.options.temperature !== undefined ? { temperature: this.options.temperature } : {}),
      }),
      (response) => parseActionOutput(response.content),
      (response, parsed) => [
        { role: "assistant", content: response.content || "(empty reply)" },
        { role: "user", content: correctionMessage(parsed.error) },
      ],
      signal,
    );
    const { parsed, response } = outcome;
    const raw = response?.content ?? "";
    // Only the step's final reply is kept: rejected attempts and corrections would only crowd the context.
    this.history.push(
      { role: "user", content: kept },
      { role: "assistant", content: raw || "(empty reply)" },
    );
    const decision = this.decision(outcome, parsed.ok ? parsed.action : null, raw, parsed.thought);
    if (!parsed.ok) {
      decision.parseError = parsed.error;
      this.pendingParseError = `Your output could not be read as an action: ${parsed.error}.`;
    }
    return decision;
  }

  /** The system message, its prompt built at the first step after construction or reset. */
  private systemFor(tools: readonly AppTool[]): ChatMessage {
    if (this.systemMessage === null) {
      this.system = this.buildSystemPrompt(tools);
      this.systemMessage = { role: "system", content: this.system };
    }
    return this.systemMessage;
  }

  /** Native mode: tool messages for the results that came back, then one user message for the rest. */
  private async decideNative(input: StepInput, signal?: AbortSignal): Promise<PolicyDecision> {
    const system = this.systemFor(input.tools);
    const parts: string[] = [];
    if (this.pendingParseError !== null)
      parts.push(renderStepError(++this.stepResults, this.pendingParseError));
    this.takePrevious(input);
    this.pendingParseError = null;
    for (const result of this.pendingResults) {
      const id = this.awaiting.shift();
      if (id === undefined) parts.push(renderStepResult(++this.stepResults, result, this.observationLimit));
      else
        this.toolMessages.push({
          role: "tool",
          toolCallId: id,
          content: renderToolResult(result, this.observationLimit),
        });
    }
    this.pendingResults = [];
    // A new run of this role: calls of the last reply that never got their step are answered as not run.
    if (input.iteration === 0) this.dropQueued();
    if (input.task.trim() !== "") parts.push(renderTask(input.task));
    parts.push(...renderNotifications(input.notifications));
    this.heldParts.push(...parts);

    const next = this.queued.shift();
    if (next) {
      // A further call of the same reply: its step runs without asking the model again.
      this.awaiting.push(next.call.id);
      return { action: next.action, raw: "", modelCalls: 0, usage: { promptTokens: 0, completionTokens: 0 } };
    }

    const kept = this.heldParts.join("\n\n");
    this.heldParts = [];
    const live = this.role === "user" && input.location ? renderLocation(input.location) : "";
    const sentUser = [kept, live].filter((p) => p !== "").join("\n\n");
    const toolMessages = this.toolMessages;
    this.toolMessages = [];
    const stepMessages: ChatMessage[] = [...toolMessages];
    if (sentUser !== "" || toolMessages.length === 0)
      stepMessages.push({ role: "user", content: sentUser || NOTHING_NEW });
    const keptMessages: ChatMessage[] = [...toolMessages];
    const keptUser = this.options.appendOnlyHistory ? sentUser : kept;
    if (keptUser !== "" || toolMessages.length === 0)
      keptMessages.push({ role: "user", content: keptUser || NOTHING_NEW });

    const tools = nativeToolSet(input.tools);
    const outcome = await this.callUntilUsable(
      (attempts) => ({
        messages: [system, ...this.history, ...stepMessages, ...attempts],
        ...(tools.specs.length > 0 ? { tools: tools.specs } : {}),
        ...(this.options.temperature !== undefined ? { temperature: this.options.temperature } : {}),
      }),
      (response) => readNativeReply(response.content, response.toolCalls, tools.toPublic),
      (response, parsed) =>
        parsed.badCalls && response.toolCalls
          ? [assistantMessage(response), ...toolAnswers(response.toolCalls, parsed.badCalls)]
          : [
              { role: "assistant", content: response.content || "(empty reply)" },
              { role: "user", content: nativeCorrectionMessage(parsed.error) },
            ],
      signal,
    );
    const { parsed, response } = outcome;
    const content = response?.content ?? "";
    const raw = renderNativeRaw(content, response?.toolCalls);
    this.history.push(...keptMessages);
    if (parsed.ok) {
      this.history.push(assistantMessage(response as ChatResponse));
      const [first, ...rest] = parsed.calls;
      this.awaiting.push((first as NativeCall).call.id);
      this.queued = rest;
      return this.decision(outcome, (first as NativeCall).action, raw, parsed.thought);
    }
    const decision = this.decision(outcome, null, raw, parsed.thought);
    decision.parseError = parsed.error;
    if (parsed.badCalls && response?.toolCalls) {
      // The call answers already say what was wrong: the next step does not repeat it.
      this.history.push(assistantMessage(response), ...toolAnswers(response.toolCalls, parsed.badCalls));
      this.answeredParseError = true;
    } else {
      this.history.push({ role: "assistant", content: content || "(empty reply)" });
      this.pendingParseError = `Your output could not be read as an action: ${parsed.error}.`;
    }
    return decision;
  }

  /** Calls of the last reply that will never run get their answers, so the conversation stays well-formed. */
  private dropQueued(): void {
    for (const { call } of this.queued)
      this.toolMessages.push({ role: "tool", toolCallId: call.id, content: NOT_RUN_TURN_ENDED });
    this.queued = [];
  }

  private decision(
    outcome: CallOutcome<{ ok: boolean }>,
    action: PolicyDecision["action"],
    raw: string,
    thought: string | undefined,
  ): PolicyDecision {
    const decision: PolicyDecision = {
      action,
      raw,
      usage: { promptTokens: outcome.promptTokens, completionTokens: outcome.completionTokens },
      cached: outcome.calls.length > 0 && outcome.allCached,
      modelCalls: outcome.calls.length,
      calls: outcome.calls,
    };
    if (thought !== undefined) decision.thought = thought;
    return decision;
  }

  /**
   * Asks the model until a reply is usable or the correction retries are used up; a too-long prompt shortens the
   * history and asks again. Every call is logged with its full request and reply.
   */
  private async callUntilUsable<P extends { ok: boolean; error?: string; thought: string | undefined }>(
    build: (attempts: readonly ChatMessage[]) => ChatRequest,
    read: (response: ChatResponse) => P,
    correct: (response: ChatResponse, parsed: P & { ok: false; error: string }) => ChatMessage[],
    signal: AbortSignal | undefined,
  ): Promise<CallOutcome<P>> {
    const attempts: ChatMessage[] = [];
    const outcome: CallOutcome<P> = {
      parsed: { ok: false, error: "no model call was made", thought: undefined } as unknown as P,
      response: null,
      calls: [],
      promptTokens: 0,
      completionTokens: 0,
      allCached: true,
    };
    let trims = 0;
    for (let retry = 0; retry <= this.maxParseRetries; ) {
      const request = build(attempts);
      const parts = linearise(request);
      const log: ModelCallLog = {
        model: this.engine.model,
        provider: this.engine.provider,
        request,
        response: null,
        reusablePrefixChars: sharedPrefixChars(this.previousRequest, parts),
        requestChars: totalChars(parts),
      };
      this.previousRequest = parts;
      outcome.calls.push(log);
      let response: ChatResponse;
      try {
        response = await this.engine.complete(request, {
          role: this.role,
          runNumber: this.options.runNumber,
          ...(this.options.scenarioId !== undefined ? { scenarioId: this.options.scenarioId } : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (error instanceof LLMPromptTooLongError && trims < MAX_HISTORY_TRIMS && this.trimHistory()) {
          trims += 1;
          continue;
        }
        throw error;
      }
      log.response = response;
      outcome.response = response;
      outcome.promptTokens += response.usage.promptTokens;
      outcome.completionTokens += response.usage.completionTokens;
      outcome.allCached &&= response.cached;
      const parsed = read(response);
      outcome.parsed = parsed;
      if (parsed.ok) break;
      retry += 1;
      if (retry > this.maxParseRetries) break;
      attempts.push(...correct(response, parsed as P & { ok: false; error: string }));
    }
    return outcome;
  }

  /**
   * Drops the oldest half of the history, cutting only where an exchange starts (a user message, or in native mode
   * an assistant message: tool messages stay with the call they answer); false when nothing can be dropped.
   */
  private trimHistory(): boolean {
    const starts: number[] = [];
    for (let i = 1; i < this.history.length; i++) {
      const role = this.history[i]?.role;
      if (role === "user" || (this.toolCalling === "native" && role === "assistant")) starts.push(i);
    }
    if (this.history.length === 0) return false;
    if (this.toolCalling === "text") {
      if (this.history.length < 2) return false;
      const exchanges = this.history.length / 2;
      this.history = this.history.slice(Math.ceil(exchanges / 2) * 2);
      return true;
    }
    // Results still to send answer the last assistant message, so it always stays.
    const half = Math.floor(this.history.length / 2);
    const cut = starts.find((i) => i >= half) ?? starts[starts.length - 1];
    if (cut === undefined) return false;
    this.history = this.history.slice(cut);
    return true;
  }
}

interface CallOutcome<P> {
  parsed: P;
  response: ChatResponse | null;
  calls: ModelCallLog[];
  promptTokens: number;
  completionTokens: number;
  allCached: boolean;
}

function assistantMessage(response: ChatResponse): ChatMessage {
  return response.toolCalls && response.toolCalls.length > 0
    ? { role: "assistant", content: response.content, toolCalls: response.toolCalls.map((c) => ({ ...c })) }
    : { role: "assistant", content: response.content || "(empty reply)" };
}

function toolAnswers(calls: readonly ToolCall[], answers: readonly string[]): ChatMessage[] {
  return calls.map((c, i) => ({ role: "tool", toolCallId: c.id, content: answers[i] ?? "Not run." }));
}
