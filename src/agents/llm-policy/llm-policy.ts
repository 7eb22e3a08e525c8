import type { AppTool } from "../../core/app-tool.js";
import { LLMPromptTooLongError } from "../llm/errors.js";
import type { ChatMessage, ChatRequest, LLMEngine } from "../llm/types.js";
import { DEFAULT_OBSERVATION_CHAR_LIMIT } from "../observation.js";
import type { AgentRole, Policy, PolicyDecision, StepInput, StepObservation } from "../types.js";
import {
  ACTION_STOP_SEQUENCES,
  correctionMessage,
  type ParsedOutput,
  parseActionOutput,
} from "./action-parser.js";
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
}

/**
 * A ReAct policy backed by a chat model. It keeps its own conversation: system prompt, then per step
 * one user message (result of the previous action, new task, notifications) and the model's reply.
 * The user also gets its location and available actions at every step; those are sent with the
 * current step only and never kept, so the history holds just the latest ones (as in the reference).
 *
 * Model output is not lowercased (`lowercaseBooleanLiterals`): that rewrite also changes names and
 * prose ("True Detective"); the parser instead repairs Python literals outside JSON strings.
 */
export class LlmPolicy implements Policy {
  readonly role: AgentRole;
  private readonly engine: LLMEngine;
  private readonly buildSystemPrompt: (tools: readonly AppTool[]) => string;
  private readonly maxParseRetries: number;
  private system: string | null = null;
  private history: ChatMessage[] = [];
  private stepResults = 0;
  /** Results handed over by `observe`, not yet sent. */
  private pendingResults: StepObservation[] = [];
  /** Results already in (or queued for) the conversation, so the loop's copy is not sent twice. */
  private seenResults = new WeakSet<StepObservation>();
  /** Why the previous output gave no action; reported at the next step. */
  private pendingParseError: string | null = null;

  constructor(private readonly options: LlmPolicyOptions) {
    this.role = options.role;
    this.engine = options.engine;
    this.buildSystemPrompt = options.systemPrompt;
    this.maxParseRetries = Math.max(0, options.maxParseRetries ?? DEFAULT_MAX_PARSE_RETRIES);
  }

  reset(): void {
    this.system = null;
    this.history = [];
    this.stepResults = 0;
    this.pendingResults = [];
    this.seenResults = new WeakSet();
    this.pendingParseError = null;
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

  private newStepContent(input: StepInput): string {
    const parts: string[] = [];
    if (this.pendingParseError !== null) {
      parts.push(renderStepError(++this.stepResults, this.pendingParseError));
    }
    const previous = input.previous;
    const skipPrevious = this.pendingParseError !== null && previous?.tool === NO_ACTION_TOOL;
    if (previous && !skipPrevious) this.observe(previous);
    this.pendingParseError = null;
    const limit =
      this.options.observationCharLimit === undefined
        ? DEFAULT_OBSERVATION_CHAR_LIMIT
        : this.options.observationCharLimit;
    for (const result of this.pendingResults) parts.push(renderStepResult(++this.stepResults, result, limit));
    this.pendingResults = [];
    if (input.task.trim() !== "") parts.push(renderTask(input.task));
    parts.push(...renderNotifications(input.notifications));
    return parts.join("\n\n");
  }

  async decide(input: StepInput, signal?: AbortSignal): Promise<PolicyDecision> {
    this.system ??= this.buildSystemPrompt(input.tools);
    const stepContent = this.newStepContent(input);
    const live: string[] = [];
    if (this.role === "user") {
      live.push(renderAvailableActions(input.tools));
      if (input.location) live.push(renderLocation(input.location));
    }
    const sent = [stepContent, ...live].filter((p) => p !== "").join("\n\n") || NOTHING_NEW;
    const kept = stepContent || NOTHING_NEW;

    const attempts: ChatMessage[] = [];
    let modelCalls = 0;
    let promptTokens = 0;
    let completionTokens = 0;
    let allCached = true;
    let raw = "";
    let parsed: ParsedOutput = { ok: false, error: "no model call was made", thought: undefined };
    let trims = 0;
    for (let retry = 0; retry <= this.maxParseRetries; ) {
      const request: ChatRequest = {
        messages: [
          { role: "system", content: this.system },
          ...this.history,
          { role: "user", content: sent },
          ...attempts,
        ],
        stop: [...ACTION_STOP_SEQUENCES],
        ...(this.options.temperature !== undefined ? { temperature: this.options.temperature } : {}),
      };
      modelCalls += 1;
      let response: Awaited<ReturnType<LLMEngine["complete"]>>;
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
      promptTokens += response.usage.promptTokens;
      completionTokens += response.usage.completionTokens;
      allCached &&= response.cached;
      raw = response.content;
      parsed = parseActionOutput(raw);
      if (parsed.ok) break;
      retry += 1;
      if (retry > this.maxParseRetries) break;
      attempts.push({ role: "assistant", content: raw || "(empty reply)" });
      attempts.push({ role: "user", content: correctionMessage(parsed.error) });
    }

    // Only the step's final reply is kept: rejected attempts and corrections would only crowd the context.
    this.history.push(
      { role: "user", content: kept },
      { role: "assistant", content: raw || "(empty reply)" },
    );
    const decision: PolicyDecision = {
      action: parsed.ok ? parsed.action : null,
      raw,
      usage: { promptTokens, completionTokens },
      cached: modelCalls > 0 && allCached,
      modelCalls,
    };
    if (parsed.thought !== undefined) decision.thought = parsed.thought;
    if (!parsed.ok) {
      decision.parseError = parsed.error;
      this.pendingParseError = `Your output could not be read as an action: ${parsed.error}.`;
    }
    return decision;
  }

  /** Drops the oldest half of the history (whole exchanges); false when there is nothing left to drop. */
  private trimHistory(): boolean {
    if (this.history.length < 2) return false;
    const exchanges = this.history.length / 2;
    this.history = this.history.slice(Math.ceil(exchanges / 2) * 2);
    return true;
  }
}
