import { type AppTool, TOOL_FAILURE_MESSAGE } from "../../core/app-tool.js";
import { AGENT_UI_CLASS } from "../../core/notifications.js";
import { OBSERVE_HAND_OVER } from "../llm-policy/observe-prompt.js";
import { renderNotifications, renderStepResult, renderTask } from "../llm-policy/step-messages.js";
import { DEFAULT_OBSERVATION_CHAR_LIMIT, renderObservation } from "../observation.js";
import type { AgentAction, Policy, PolicyDecision, StepInput, StepObservation } from "../types.js";
import { describeUnseenFact, type ReferenceLedger, type UnseenFact } from "./reference-ledger.js";
import type { PlannedCall, PlanSegment } from "./reference-plan.js";
import { type FactArgument, factArguments, SeenText, textShows } from "./visible-facts.js";

/** How often a call refused by injected tool failure is tried before the plan moves on. */
const MAX_ATTEMPTS = 5;
/** How deep the search for a look-up goes (a look-up whose own argument needs another look-up). */
const LOOKUP_DEPTH = 2;
/** How the execute task introduces the user's answer (see ProactiveAgent). */
const USER_REPLY = "User reply:";
/** The execution's closing report when the reference solution has none. */
const DEFAULT_CLOSING = "Done.";

export interface ReferencePolicyOptions {
  ledger: ReferenceLedger;
  /** The system prompt the LLM policy of this role would get: what the agent is shown before any step. */
  systemPrompt: (tools: readonly AppTool[]) => string;
  /** Characters of a tool result the agent is shown (null: never cut), as for the LLM policy. */
  observationCharLimit?: number | null;
}

interface Attempt {
  call: PlannedCall;
  /** A call of the plan itself (not a look-up); it advances the plan once it succeeds or is given up. */
  planned: boolean;
  attempts: number;
  failed: string | null;
}

function findTool(tools: readonly AppTool[], app: string, fn: string): AppTool | undefined {
  return tools.find((t) => t.app.name === app && t.methodName === fn);
}

function uiTool(tools: readonly AppTool[], fn: string): string {
  return (
    tools.find((t) => t.app.className === AGENT_UI_CLASS && t.methodName === fn)?.publicName ??
    `${AGENT_UI_CLASS}__${fn}`
  );
}

/**
 * What both reference policies share: a record of everything the agent was shown (rendered exactly as
 * the LLM policy renders it), a choice of look-ups that reveal a missing fact, retries of failed calls,
 * and the audit of every call's identifier-like arguments.
 */
abstract class ReferencePlayer implements Policy {
  protected own = new SeenText();
  protected readonly ledger: ReferenceLedger;
  private readonly limit: number | null;
  /** The system prompt it was shown ("" before its first step). */
  protected prompt = "";
  private results = 0;
  private current: Attempt | null = null;
  /** Look-ups (and planned reads) made since the last reset: never repeated. */
  private done = new Set<PlannedCall>();
  private readonly rendered = new Map<PlannedCall, string>();

  constructor(
    protected readonly role: "observe" | "execute",
    private readonly options: ReferencePolicyOptions,
  ) {
    this.ledger = options.ledger;
    this.limit =
      options.observationCharLimit === undefined
        ? DEFAULT_OBSERVATION_CHAR_LIMIT
        : options.observationCharLimit;
  }

  reset(): void {
    this.own = new SeenText();
    this.prompt = "";
    this.results = 0;
    this.current = null;
    this.done = new Set();
  }

  observe(observation: StepObservation): void {
    const text = renderStepResult(++this.results, observation, this.limit);
    this.record(text);
    if (this.current) this.current.failed = observation.error ?? null;
  }

  /** Adds a text to what this agent was shown. */
  protected record(text: string): void {
    this.own.add(text);
  }

  /** Takes in the step's prompt, task and notifications. */
  protected absorb(input: StepInput): void {
    if (this.prompt === "") {
      this.prompt = this.options.systemPrompt(input.tools);
      this.record(this.prompt);
    }
    if (input.task.trim() !== "") this.absorbTask(input.task);
    for (const block of renderNotifications(input.notifications)) this.record(block);
  }

  protected absorbTask(task: string): void {
    this.record(renderTask(task));
  }

  /** May the agent use this fact to choose a call (it was shown to it, or handed to it)? */
  protected knows(fact: FactArgument): boolean {
    return this.own.has(fact);
  }

  /** Why using this fact is not backed by what the agent saw, or null when it is. */
  protected unseenReason(fact: FactArgument): string | null {
    return this.own.has(fact) ? null : `never shown to the ${this.role} agent`;
  }

  private reveals(call: PlannedCall, fact: FactArgument): boolean {
    let text = this.rendered.get(call);
    if (text === undefined) {
      text = renderObservation(call.output, this.limit);
      this.rendered.set(call, text);
    }
    return textShows(text, fact);
  }

  /** A read of the reference solution that shows one of the missing facts and can be made now. */
  private lookupFor(missing: FactArgument[], tools: readonly AppTool[], depth = 0): PlannedCall | null {
    const candidates = this.ledger.plan.lookups.filter(
      (c) =>
        !this.done.has(c) && findTool(tools, c.app, c.function) && missing.some((f) => this.reveals(c, f)),
    );
    for (const c of candidates) if (factArguments(c.args).every((f) => this.knows(f))) return c;
    if (depth >= LOOKUP_DEPTH) return null;
    for (const c of candidates) {
      const needs = factArguments(c.args).filter((f) => !this.knows(f));
      const sub = this.lookupFor(needs, tools, depth + 1);
      if (sub) return sub;
    }
    return null;
  }

  /**
   * Where the plan goes on: past the call made last if it ended, and past reads this agent already made as
   * look-ups since its last reset (never made twice).
   */
  protected nextIndex(calls: readonly PlannedCall[], index: number, lastEnded: boolean): number {
    let i = lastEnded ? index + 1 : index;
    for (let c = calls[i]; c && c.operation === "read" && this.done.has(c); c = calls[i]) i += 1;
    return i;
  }

  /**
   * Deals with the call made last: a failed call is tried again (up to MAX_ATTEMPTS); otherwise tells whether
   * the last call was a call of the plan itself, which has now ended (succeeded, or given up on and noted).
   */
  protected settle(input: StepInput): { retry: PolicyDecision } | { plannedEnded: boolean } {
    const c = this.current;
    if (!c) return { plannedEnded: false };
    if (c.failed?.includes(TOOL_FAILURE_MESSAGE) && c.attempts < MAX_ATTEMPTS) {
      c.failed = null;
      c.attempts += 1;
      return { retry: this.callDecision(c.call, input, `Trying again after: ${TOOL_FAILURE_MESSAGE}`, []) };
    }
    this.current = null;
    if (c.failed !== null) {
      const times = c.attempts === 1 ? "" : ` (${c.attempts} attempts)`;
      this.ledger.notes.push(`${this.role}: ${c.call.app}__${c.call.function} failed${times}: ${c.failed}`);
    }
    return { plannedEnded: c.planned };
  }

  /**
   * The next call towards `target`: a look-up for a fact the agent has not been shown yet (one `target` or a
   * call in `ahead` needs), or the target itself (audited: every identifier-like argument the agent was never
   * shown becomes an unseen fact).
   */
  protected stepTowards(
    target: PlannedCall,
    input: StepInput,
    ahead: readonly PlannedCall[] = [],
  ): PolicyDecision {
    // Facts later calls need are looked up first too: a write may change what a look-up would show.
    const missing = [target, ...ahead].flatMap((c) => factArguments(c.args)).filter((f) => !this.knows(f));
    if (missing.length > 0) {
      const lookup = this.lookupFor(missing, input.tools);
      if (lookup) {
        this.current = { call: lookup, planned: false, attempts: 1, failed: null };
        this.done.add(lookup);
        const what = [...new Set(missing.map((f) => f.path))].join(", ");
        return this.callDecision(
          lookup,
          input,
          `Looking up ${what} for ${target.app}__${target.function}.`,
          [],
        );
      }
    }
    this.current = { call: target, planned: true, attempts: 1, failed: null };
    if (target.operation === "read") this.done.add(target);
    const tool = findTool(input.tools, target.app, target.function);
    const toolName = tool?.publicName ?? `${target.app}__${target.function}`;
    const unseen: UnseenFact[] = [];
    for (const fact of factArguments(target.args)) {
      const why = this.unseenReason(fact);
      if (why === null) continue;
      unseen.push({
        role: this.role,
        tool: toolName,
        operation: target.operation,
        argument: fact.path,
        value: fact.value,
        turn: input.turn,
        why,
      });
    }
    this.ledger.unseen.push(...unseen);
    return this.callDecision(target, input, "Next step of the reference solution.", unseen);
  }

  private callDecision(
    call: PlannedCall,
    input: StepInput,
    thought: string,
    unseen: UnseenFact[],
  ): PolicyDecision {
    const tool = findTool(input.tools, call.app, call.function);
    const action: AgentAction = {
      tool: tool?.publicName ?? `${call.app}__${call.function}`,
      args: call.args,
    };
    return this.decision(
      action,
      unseen.length === 0 ? thought : `${thought} Unseen: ${unseen.map(describeUnseenFact).join("; ")}`,
    );
  }

  protected decision(action: AgentAction, thought: string): PolicyDecision {
    // One decision stands for one model call, so the simulated clock advances as it would for a model.
    return { action, thought, modelCalls: 1 };
  }

  protected waitDecision(tools: readonly AppTool[], thought: string): PolicyDecision {
    return this.decision({ tool: uiTool(tools, "wait"), args: {} }, thought);
  }

  protected messageDecision(tools: readonly AppTool[], content: string, thought: string): PolicyDecision {
    return this.decision({ tool: uiTool(tools, "send_message_to_user"), args: { content } }, thought);
  }

  abstract decide(input: StepInput): Promise<PolicyDecision>;
}

/** A trigger has happened for the assistant: it was notified of it, or (if it notifies nobody) its time has come. */
function triggered(call: PlannedCall, notified: ReadonlySet<string>, now: number): boolean {
  return call.triggers.every((t) => (t.notifiesAgent ? notified.has(t.eventId) : now >= t.time));
}

/**
 * The observe half of the reference agent: once the environment events a step of the reference solution
 * waits for have reached it, it makes that step's reads (and any look-up an argument needs), then sends the
 * reference proposal; otherwise it waits. Its history lasts the whole run, as the observe agent's does.
 */
export class ReferenceObservePolicy extends ReferencePlayer {
  private segment = 0;
  private index = 0;
  private proposed = false;
  private readonly notified = new Set<string>();

  constructor(options: ReferencePolicyOptions) {
    super("observe", options);
  }

  override reset(): void {
    super.reset();
    this.segment = 0;
    this.index = 0;
    this.proposed = false;
    this.notified.clear();
  }

  protected override record(text: string): void {
    super.record(text);
    this.ledger.observeSeen.add(text);
  }

  async decide(input: StepInput): Promise<PolicyDecision> {
    this.absorb(input);
    for (const n of input.notifications) if (n.eventId !== null) this.notified.add(n.eventId);
    if (this.proposed) {
      // Back in observe mode: the proposal was answered (and carried out, if accepted).
      this.segment += 1;
      this.index = 0;
      this.proposed = false;
    }
    const last = this.settle(input);
    if ("retry" in last) return last.retry;
    const segment: PlanSegment | undefined = this.ledger.plan.segments[this.segment];
    const progress = this.ledger.progress[this.segment];
    if (!segment || !progress)
      return this.waitDecision(input.tools, "The reference solution has nothing more to do.");
    this.index = this.nextIndex(segment.observe, this.index, last.plannedEnded);
    progress.observeCalls = this.index;
    const next = segment.observe[this.index];
    if (next) {
      if (!triggered(next, this.notified, input.now))
        return this.waitDecision(
          input.tools,
          "Waiting for what the next step of the reference solution needs.",
        );
      return this.stepTowards(next, input);
    }
    const proposal = segment.proposal;
    if (!proposal)
      return this.waitDecision(
        input.tools,
        "The reference solution does not propose here: waiting is the right help.",
      );
    if (!triggered(proposal, this.notified, input.now))
      return this.waitDecision(input.tools, "Waiting before proposing.");
    const content = this.withHandOver(String(proposal.args.content ?? ""), segment);
    this.proposed = true;
    progress.proposed = true;
    this.ledger.proposals.push(content);
    return this.messageDecision(input.tools, content, "The reference proposal.");
  }

  /**
   * The reference proposal, followed, when the prompt says the executor sees only the proposal, by the facts
   * the execution's calls need that this agent was shown and the proposal does not already name: what a model
   * that follows the prompt would hand over.
   */
  private withHandOver(content: string, segment: PlanSegment): string {
    if (!this.prompt.includes(OBSERVE_HAND_OVER.trim())) return content;
    const facts = new Map<string, string>();
    for (const fact of segment.execute.flatMap((c) => factArguments(c.args))) {
      const value = String(fact.value);
      if (facts.has(value) || !this.knows(fact) || textShows(content, fact)) continue;
      const name = (fact.path.split(".").pop() ?? fact.path).replace(/\[\d+\]$/, "");
      facts.set(value, `${name}: ${value}`);
    }
    return facts.size === 0 ? content : `${content} (Details: ${[...facts.values()].join("; ")}.)`;
  }
}

/**
 * The execute half: it starts fresh for every execution, knowing only its prompt, the task it is given
 * (the proposal and the user's reply) and what its own calls show. It finds the cycle of the plan whose
 * proposal it was given, makes that cycle's calls in order (looking up first any fact it has not been
 * shown), and closes with a report. A fact it has only from the proposal counts as seen when the observe
 * agent had seen it (or the user's reply states it): the proposal cannot hand over what its author never saw.
 */
export class ReferenceExecutePolicy extends ReferencePlayer {
  private handed = new SeenText();
  private reply = new SeenText();
  private segment: number | null = null;
  private index = 0;
  private closed = false;

  constructor(options: ReferencePolicyOptions) {
    super("execute", options);
  }

  override reset(): void {
    super.reset();
    this.handed = new SeenText();
    this.reply = new SeenText();
    this.segment = null;
    this.index = 0;
    this.closed = false;
  }

  protected override absorbTask(task: string): void {
    // The task is what the observe agent handed over: kept apart from what the executor saw itself.
    this.handed.add(renderTask(task));
    // The user's reply is the task without the proposal; a task whose proposal is unknown keeps only what
    // follows its last "User reply:", so a proposal can never pass for the user's words.
    const proposal = this.ledger.proposals.findLast((p) => p !== "" && task.includes(p));
    const replyAt = task.lastIndexOf(USER_REPLY);
    this.reply.add(
      proposal !== undefined ? task.replace(proposal, " ") : replyAt >= 0 ? task.slice(replyAt) : "",
    );
    if (this.segment === null) {
      const segments = this.ledger.plan.segments;
      const i = segments.findIndex(
        (s, k) =>
          s.proposal &&
          !this.ledger.progress[k]?.executed &&
          task.includes(String(s.proposal.args.content ?? "")),
      );
      this.segment = i === -1 ? null : i;
    }
  }

  protected override knows(fact: FactArgument): boolean {
    return this.own.has(fact) || this.handed.has(fact);
  }

  protected override unseenReason(fact: FactArgument): string | null {
    if (this.own.has(fact) || this.reply.has(fact)) return null;
    if (this.handed.has(fact)) {
      return this.ledger.observeSeen.has(fact)
        ? null
        : "only in the proposal, and the observe agent, which wrote it, was never shown it";
    }
    return "never shown to the execute agent (it starts fresh, with the proposal and the user's reply)";
  }

  async decide(input: StepInput): Promise<PolicyDecision> {
    this.absorb(input);
    if (this.closed) return this.messageDecision(input.tools, DEFAULT_CLOSING, "Already done.");
    const segment = this.segment === null ? undefined : this.ledger.plan.segments[this.segment];
    const progress = this.segment === null ? undefined : this.ledger.progress[this.segment];
    if (!segment || !progress) {
      this.closed = true;
      this.ledger.notes.push(
        "the execute agent was given a task that matches no proposal of the reference solution",
      );
      return this.messageDecision(
        input.tools,
        "I could not match this task to anything I can do.",
        "No plan for this task.",
      );
    }
    const last = this.settle(input);
    if ("retry" in last) return last.retry;
    this.index = this.nextIndex(segment.execute, this.index, last.plannedEnded);
    progress.executeCalls = this.index;
    const next = segment.execute[this.index];
    if (next) return this.stepTowards(next, input, segment.execute.slice(this.index + 1));
    progress.executed = true;
    this.closed = true;
    const closing = segment.closing
      ? String(segment.closing.args.content ?? DEFAULT_CLOSING)
      : DEFAULT_CLOSING;
    return this.messageDecision(input.tools, closing, "The task is done.");
  }
}
