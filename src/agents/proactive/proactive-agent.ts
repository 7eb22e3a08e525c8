import type { AppTool } from "../../core/app-tool.js";
import { MessageType } from "../../core/notifications.js";
import type { AgentRunContext } from "../agent-context.js";
import { runReactLoop } from "../react-loop.js";
import type { Policy } from "../types.js";

export type ProactiveMode = "observe" | "awaiting_confirmation" | "execute";

const SEND = "send_message_to_user";
const WAIT = "PAREAgentUserInterface__wait";

export interface ProactiveAgentOptions {
  observeMaxIterations: number;
  executeMaxIterations: number;
}

/** Tools of the observe mode: every read tool, plus proposing and waiting. */
export function observeTools(all: readonly AppTool[]): AppTool[] {
  return all.filter((t) => t.operation === "read" || t.methodName === SEND);
}

/** Tools of the execute mode: every agent tool except waiting. */
export function executeTools(all: readonly AppTool[]): AppTool[] {
  return all.filter((t) => t.name !== WAIT);
}

/**
 * The proactive assistant: observe → (proposal) → awaiting confirmation → (accepted) → execute → observe.
 * Observation and execution each have their own policy (and so their own model) and iteration limit.
 */
export class ProactiveAgent {
  mode: ProactiveMode = "observe";
  pendingGoal: string | null = null;

  constructor(
    private readonly observePolicy: Policy,
    private readonly executePolicy: Policy,
    private readonly options: ProactiveAgentOptions,
  ) {}

  reset(): void {
    this.mode = "observe";
    this.pendingGoal = null;
    this.observePolicy.reset();
    this.executePolicy.reset();
  }

  private setMode(ctx: AgentRunContext, mode: ProactiveMode): void {
    this.mode = mode;
    ctx.env.context.proactiveMode = mode;
  }

  private pull(ctx: AgentRunContext) {
    return ctx.env.notifications.take(
      [MessageType.ENVIRONMENT_NOTIFICATION_AGENT, MessageType.USER_ACTION],
      ctx.env.now(),
    );
  }

  async turn(ctx: AgentRunContext, turn: number): Promise<void> {
    const { env } = ctx;
    this.setMode(ctx, this.mode);
    const replies = env.notifications.take([MessageType.USER_MESSAGE], env.now()).map((m) => m.text);
    if (this.mode === "awaiting_confirmation") {
      const last = replies[replies.length - 1];
      if (last === undefined) return;
      if (last.includes("[REJECT]")) {
        this.pendingGoal = null;
        this.setMode(ctx, "observe");
        return;
      }
      if (!last.includes("[ACCEPT]")) return;
      this.setMode(ctx, "execute");
      await this.execute(ctx, turn, replies);
      return;
    }
    await this.observe(ctx, turn, replies.join("\n"));
  }

  private async observe(ctx: AgentRunContext, turn: number, task: string): Promise<void> {
    const result = await runReactLoop(this.observePolicy, ctx, {
      role: "observe",
      turn,
      maxIterations: this.options.observeMaxIterations,
      task,
      tools: () => observeTools(ctx.env.getAgentTools()),
      pullNotifications: () => this.pull(ctx),
      stopOn: ["wait", SEND],
      mode: () => this.mode,
    });
    const stop = result.stoppedBy;
    if (stop?.tool.includes(SEND)) {
      const sent = result.actions.find((a) => a.action === stop);
      if (sent?.ok) {
        const content = stop.args.content;
        this.pendingGoal = typeof content === "string" ? content : JSON.stringify(stop.args);
        this.setMode(ctx, "awaiting_confirmation");
      }
    }
  }

  private async execute(ctx: AgentRunContext, turn: number, replies: string[]): Promise<void> {
    const goal = this.pendingGoal ?? "";
    // Each execution starts with a fresh history: it only needs the approved goal.
    this.executePolicy.reset();
    try {
      await runReactLoop(this.executePolicy, ctx, {
        role: "execute",
        turn,
        maxIterations: this.options.executeMaxIterations,
        task: `Proposed Goal: ${goal}\nUser reply: ${replies.join("\n")}`,
        tools: () => executeTools(ctx.env.getAgentTools()),
        pullNotifications: () => this.pull(ctx),
        stopOn: [SEND, "wait_for_notification"],
        mode: () => this.mode,
      });
    } finally {
      this.pendingGoal = null;
      this.setMode(ctx, "observe");
    }
  }
}
