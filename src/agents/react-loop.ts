import type { AppTool } from "../core/app-tool.js";
import { errorMessage, ToolError } from "../core/errors.js";
import type { Message } from "../core/notifications.js";
import type { AgentRunContext } from "./agent-context.js";
import { truncateRaw } from "./deliberation-log.js";
import { generationSeconds } from "./generation-time.js";
import { recordModelCall } from "./llm/call-record.js";
import { DEFAULT_OBSERVATION_CHAR_LIMIT, renderObservation } from "./observation.js";
import type { AgentAction, AgentRole, Policy, StepObservation } from "./types.js";

export interface LoopOptions {
  role: AgentRole;
  turn: number;
  maxIterations: number;
  task: string;
  /** Tools available at each step (the user's change with the screen). */
  tools: () => AppTool[];
  /** Notifications collected before each step. */
  pullNotifications: () => Message[];
  location?: () => { app: string; screen: string };
  /** The run ends after a call of a tool whose name contains one of these. */
  stopOn: readonly string[];
  mode: () => string | null;
}

export interface LoopResult {
  actions: { action: AgentAction; ok: boolean }[];
  /** The tool call that ended the run, if any. */
  stoppedBy: AgentAction | null;
  iterations: number;
}

export function findTool(tools: readonly AppTool[], name: string): AppTool | undefined {
  return tools.find((t) => t.publicName === name) ?? tools.find((t) => t.name === name);
}

/**
 * One agent run: up to `maxIterations` steps of decide → act → observe. Each decision charges the
 * simulated clock (the agent thinking); the environment processes what became due meanwhile.
 * Unparsable output and failed tools are recorded and the run goes on.
 */
export async function runReactLoop(
  policy: Policy,
  ctx: AgentRunContext,
  options: LoopOptions,
): Promise<LoopResult> {
  const { env } = ctx;
  const result: LoopResult = { actions: [], stoppedBy: null, iterations: 0 };
  let previous: StepObservation | undefined;
  let task = options.task;
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    if (ctx.signal?.aborted) throw ctx.signal.reason ?? new Error("aborted");
    if (env.state !== "RUNNING") break;
    const notifications = options.pullNotifications();
    const tools = options.tools();
    const decision = await policy.decide(
      {
        role: options.role,
        turn: options.turn,
        iteration,
        tools,
        task,
        notifications,
        location: options.location?.(),
        previous,
        now: env.now(),
      },
      ctx.signal,
    );
    task = "";
    result.iterations += 1;
    const thinking = generationSeconds(decision, ctx);
    if (thinking > 0) env.advanceBy(thinking);
    const { raw, truncated } = truncateRaw(decision.raw);
    const base = {
      scenarioId: ctx.scenarioId,
      runNumber: ctx.runNumber,
      turn: options.turn,
      role: options.role,
      mode: options.mode(),
      iteration,
      simulatedTime: env.now(),
      promptTokens: decision.usage?.promptTokens ?? null,
      completionTokens: decision.usage?.completionTokens ?? null,
      cached: decision.cached ?? false,
      modelCalls: decision.modelCalls,
      thought: decision.thought ?? null,
      raw,
      truncated,
      timeout: false,
      ...(decision.calls && decision.calls.length > 0
        ? { calls: decision.calls.map((c) => recordModelCall(c, ctx.contents ?? null)) }
        : {}),
    };
    if (!decision.action) {
      ctx.deliberations.record({
        ...base,
        action: null,
        observation: null,
        error: null,
        parseFailure: decision.parseError ?? "no action",
      });
      previous = { tool: "(none)", error: decision.parseError ?? "No valid action was given." };
      continue;
    }
    const action = decision.action;
    // Tools may have changed while the clock advanced (a screen, a notification); use the current set.
    const tool = findTool(options.tools(), action.tool) ?? findTool(tools, action.tool);
    let observation: StepObservation;
    let ok = false;
    if (!tool) {
      const names = options.tools().map((t) => t.publicName);
      observation = {
        tool: action.tool,
        error: new ToolError(
          "unknown_tool",
          `Unknown tool ${action.tool}; available tools: ${names.join(", ")}`,
        ).message,
      };
    } else {
      try {
        observation = { tool: action.tool, output: tool.call(action.args) };
        ok = true;
      } catch (error) {
        observation = { tool: action.tool, error: errorMessage(error) };
      }
    }
    result.actions.push({ action, ok });
    ctx.deliberations.record({
      ...base,
      action: { tool: action.tool, args: action.args },
      observation: ok
        ? renderObservation(observation.output, ctx.observationCharLimit ?? DEFAULT_OBSERVATION_CHAR_LIMIT)
        : null,
      error: observation.error ?? null,
      parseFailure: null,
    });
    previous = observation;
    policy.observe?.(observation);
    const lower = action.tool.toLowerCase();
    if (options.stopOn.some((s) => lower.includes(s))) {
      result.stoppedBy = action;
      break;
    }
  }
  return result;
}
