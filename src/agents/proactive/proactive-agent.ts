import type { AppTool } from "../../core/app-tool.js";
import { type Message, MessageType } from "../../core/notifications.js";
import type { AgentRunContext } from "../agent-context.js";
import type { LoopEventKind } from "../loop-events.js";
import { type LoopResult, runReactLoop } from "../react-loop.js";
import type { Policy } from "../types.js";
import { SEND_TOOL, TURN_ENDING_SUBSTRINGS, WAIT_TOOL } from "./turn-ending.js";

/** `awaiting_reply`: an execution ended with a message to the user and waits one turn for the answer. */
export type ProactiveMode = "observe" | "awaiting_confirmation" | "execute" | "awaiting_reply";

/**
 * How the loop treats what lies between its modes. `PARE_LOOP` is the original's behaviour; each other value
 * is one fix of it (docs/departures.md, "The agent loop").
 */
export interface LoopOptions {
  /** Assistant turns a proposal waits for an answer before it expires; null: it waits for ever. */
  proposalTimeoutTurns: number | null;
  /** Notifications the executor takes reach the observe agent too (the original: the executor's only). */
  observeSeesAllNotifications: boolean;
  /** The observe agent is told how its proposal ended: the answer, the execution's calls and its message. */
  reportOutcomeToObserve: boolean;
  /** Times one execution may go on with the user's answer to its message (a question); 0: its message ends it. */
  executeFollowUps: number;
}

export const PARE_LOOP: Readonly<LoopOptions> = {
  proposalTimeoutTurns: null,
  observeSeesAllNotifications: false,
  reportOutcomeToObserve: false,
  executeFollowUps: 0,
};

export interface ProactiveAgentOptions extends Partial<LoopOptions> {
  observeMaxIterations: number;
  executeMaxIterations: number;
}

/** Tools of the observe mode: every read tool, plus proposing and waiting. */
export function observeTools(all: readonly AppTool[]): AppTool[] {
  return all.filter((t) => t.operation === "read" || t.methodName === SEND_TOOL);
}

/** Tools of the execute mode: every agent tool except waiting. */
export function executeTools(all: readonly AppTool[]): AppTool[] {
  return all.filter((t) => t.name !== WAIT_TOOL);
}

/** Longest rendering of one call's arguments in an outcome report. */
const ARGS_SHOWN = 300;

function describeCalls(actions: LoopResult["actions"]): string {
  if (actions.length === 0) return "The executor made no calls.";
  const lines = actions.map(({ action, ok }) => {
    const args = JSON.stringify(action.args);
    const shown = args.length > ARGS_SHOWN ? `${args.slice(0, ARGS_SHOWN)}…` : args;
    return `- ${action.tool}(${shown}): ${ok ? "done" : "failed"}`;
  });
  return `The executor made these calls:\n${lines.join("\n")}`;
}

/**
 * The proactive assistant: observe → (proposal) → awaiting confirmation → (accepted) → execute → observe.
 * Observation and execution each have their own policy (and so their own model) and iteration limit. By
 * default the loop is the original's (`PARE_LOOP`); the options in `LoopOptions` change what crosses modes.
 */
export class ProactiveAgent {
  mode: ProactiveMode = "observe";
  pendingGoal: string | null = null;
  private readonly loop: LoopOptions;
  /** Assistant turns the open proposal has gone unanswered. */
  private unanswered = 0;
  /** The user's answer that started the current execution. */
  private answer = "";
  /** Calls of the current execution (over its follow-ups), and its last message to the user. */
  private executed: LoopResult["actions"] = [];
  private lastMessage: string | null = null;
  private followUps = 0;
  /** Notifications the executor took, kept for the observe agent (`observeSeesAllNotifications`). */
  private carried: Message[] = [];
  /** What the observe agent is told at its next run (outcomes, an expired proposal). */
  private notes: string[] = [];

  constructor(
    private readonly observePolicy: Policy,
    private readonly executePolicy: Policy,
    private readonly options: ProactiveAgentOptions,
  ) {
    this.loop = {
      proposalTimeoutTurns: options.proposalTimeoutTurns ?? PARE_LOOP.proposalTimeoutTurns,
      observeSeesAllNotifications:
        options.observeSeesAllNotifications ?? PARE_LOOP.observeSeesAllNotifications,
      reportOutcomeToObserve: options.reportOutcomeToObserve ?? PARE_LOOP.reportOutcomeToObserve,
      executeFollowUps: options.executeFollowUps ?? PARE_LOOP.executeFollowUps,
    };
  }

  reset(): void {
    this.mode = "observe";
    this.pendingGoal = null;
    this.unanswered = 0;
    this.answer = "";
    this.executed = [];
    this.lastMessage = null;
    this.followUps = 0;
    this.carried = [];
    this.notes = [];
    this.observePolicy.reset();
    this.executePolicy.reset();
  }

  private setMode(ctx: AgentRunContext, mode: ProactiveMode): void {
    this.mode = mode;
    ctx.env.context.proactiveMode = mode;
  }

  private record(ctx: AgentRunContext, turn: number, kind: LoopEventKind, detail: string): void {
    ctx.loopEvents?.push({ turn, simulatedTime: ctx.env.now(), kind, detail });
  }

  /** User actions and environment notifications due now; the executor's are kept for the observe agent. */
  private pull(ctx: AgentRunContext, role: "observe" | "execute"): Message[] {
    const taken = ctx.env.notifications.take(
      [MessageType.ENVIRONMENT_NOTIFICATION_AGENT, MessageType.USER_ACTION],
      ctx.env.now(),
    );
    if (role === "execute") {
      if (this.loop.observeSeesAllNotifications) this.carried.push(...taken);
      return taken;
    }
    const carried = this.carried;
    this.carried = [];
    return [...carried, ...taken];
  }

  async turn(ctx: AgentRunContext, turn: number): Promise<void> {
    const { env } = ctx;
    this.setMode(ctx, this.mode);
    const replies = env.notifications.take([MessageType.USER_MESSAGE], env.now()).map((m) => m.text);
    if (this.mode === "awaiting_confirmation") {
      const last = replies[replies.length - 1];
      if (last?.includes("[REJECT]")) {
        const goal = this.pendingGoal ?? "";
        this.tellObserve(() => `Outcome of your proposal "${goal}": the user rejected it (${last}).`);
        this.pendingGoal = null;
        this.setMode(ctx, "observe");
        return;
      }
      if (last?.includes("[ACCEPT]")) {
        this.setMode(ctx, "execute");
        this.answer = last;
        await this.execute(
          ctx,
          turn,
          `Proposed Goal: ${this.pendingGoal ?? ""}\nUser reply: ${replies.join("\n")}`,
          true,
        );
        return;
      }
      this.unanswered += 1;
      const limit = this.loop.proposalTimeoutTurns;
      if (limit === null || this.unanswered < limit) return;
      const goal = this.pendingGoal ?? "";
      this.record(ctx, turn, "proposal_expired", `no answer for ${limit} turn(s): ${goal}`);
      this.notes.push(`Your proposal "${goal}" got no answer for ${limit} turn(s) and has expired.`);
      this.pendingGoal = null;
      this.setMode(ctx, "observe");
    } else if (this.mode === "awaiting_reply") {
      if (replies.length > 0) {
        this.setMode(ctx, "execute");
        this.record(ctx, turn, "execution_resumed", `with the user's answer: ${replies.join(" | ")}`);
        await this.execute(ctx, turn, `User reply: ${replies.join("\n")}`, false);
        return;
      }
      this.finishExecution(ctx);
    }
    await this.observe(ctx, turn, [...this.notes.splice(0), ...replies].join("\n"));
  }

  /** A note for the observe agent's next run, when it is to learn how its proposals end (written only then). */
  private tellObserve(note: () => string): void {
    if (this.loop.reportOutcomeToObserve) this.notes.push(note());
  }

  /**
   * One run of the observe or execute policy with its tools and limit, and the message to the user it ended
   * with (null when it ended otherwise, or the message could not be sent).
   */
  private async run(
    ctx: AgentRunContext,
    turn: number,
    role: "observe" | "execute",
    task: string,
  ): Promise<{ actions: LoopResult["actions"]; message: string | null }> {
    const observing = role === "observe";
    const result = await runReactLoop(observing ? this.observePolicy : this.executePolicy, ctx, {
      role,
      turn,
      maxIterations: observing ? this.options.observeMaxIterations : this.options.executeMaxIterations,
      task,
      tools: () => (observing ? observeTools : executeTools)(ctx.env.getAgentTools()),
      pullNotifications: () => this.pull(ctx, role),
      stopOn: TURN_ENDING_SUBSTRINGS,
      mode: () => this.mode,
    });
    const stop = result.stoppedBy;
    const sent = stop?.tool.includes(SEND_TOOL) && result.actions.find((a) => a.action === stop)?.ok;
    if (!stop || !sent) return { actions: result.actions, message: null };
    const content = stop.args.content;
    return {
      actions: result.actions,
      message: typeof content === "string" ? content : JSON.stringify(stop.args),
    };
  }

  private async observe(ctx: AgentRunContext, turn: number, task: string): Promise<void> {
    const { message } = await this.run(ctx, turn, "observe", task);
    if (message === null) return;
    this.pendingGoal = message;
    this.unanswered = 0;
    this.setMode(ctx, "awaiting_confirmation");
  }

  /**
   * One run of the executor: `fresh` starts a new execution (a fresh history: it only has the approved goal),
   * otherwise it goes on with the user's answer to its message. An execution that ends with a message to the
   * user waits for the answer while it has follow-ups left; otherwise it is over.
   */
  private async execute(ctx: AgentRunContext, turn: number, task: string, fresh: boolean): Promise<void> {
    if (fresh) {
      this.executePolicy.reset();
      this.executed = [];
      this.followUps = 0;
    }
    const { actions, message } = await this.run(ctx, turn, "execute", task);
    this.executed.push(...actions);
    this.lastMessage = message;
    if (message !== null && this.followUps < this.loop.executeFollowUps) {
      this.followUps += 1;
      this.setMode(ctx, "awaiting_reply");
      return;
    }
    this.finishExecution(ctx);
  }

  private finishExecution(ctx: AgentRunContext): void {
    const { lastMessage, pendingGoal, answer, executed } = this;
    this.tellObserve(() => {
      const ending =
        lastMessage === null ? "It sent the user no message." : `Its message to the user: "${lastMessage}"`;
      return `Outcome of your proposal "${pendingGoal ?? ""}": the user accepted it (${answer}). ${describeCalls(executed)}\n${ending}`;
    });
    this.pendingGoal = null;
    this.executed = [];
    this.setMode(ctx, "observe");
  }
}
