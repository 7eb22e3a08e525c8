import { describe, expect, it } from "vitest";
import { MemoryDeliberationSink } from "../../../src/agents/deliberation-log.js";
import type { ScriptedEngine } from "../../../src/agents/llm/scripted-engine.js";
import { buildExecutePrompt, EXECUTE_HAND_OVER } from "../../../src/agents/llm-policy/execute-prompt.js";
import { buildObservePrompt, OBSERVE_HAND_OVER } from "../../../src/agents/llm-policy/observe-prompt.js";
import { promptContext } from "../../../src/agents/llm-policy/policy-factory.js";
import { buildUserPrompt, USER_ANSWERS_QUESTIONS } from "../../../src/agents/llm-policy/user-prompt.js";
import type { LoopEvent } from "../../../src/agents/loop-events.js";
import { executeTools, observeTools } from "../../../src/agents/proactive/proactive-agent.js";
import { endsTurn } from "../../../src/agents/proactive/turn-ending.js";
import type { AgentAction, Policy, PolicyDecision, StepInput } from "../../../src/agents/types.js";
import type { Environment } from "../../../src/core/environment.js";
import { ScenarioRunnerConfig, type ScenarioRunnerConfigInput } from "../../../src/runner/config.js";
import { IDLE_STOP_REASON } from "../../../src/runner/idle-stop.js";
import { type AgentPolicies, runScenario } from "../../../src/runner/scenario-runner.js";
import type { PAREScenario } from "../../../src/scenarios/pare-scenario.js";
import { PolicyThroughLlm, referenceThroughLlm } from "../../support/policy-through-llm.js";
import { TodoFollowupScenario } from "../../support/todo-scenario.js";

class LoopTodo extends TodoFollowupScenario {
  static override scenarioId = "agent_loop_todo";
}

/** The same scenario, with Bob's item arriving late (after several turns of waiting). */
class LateTodo extends TodoFollowupScenario {
  static override scenarioId = "agent_loop_late_todo";
  protected override buildEventsFlow(): void {
    super.buildEventsFlow();
    this.events[0]?.delayed(40);
  }
}

const WAIT: AgentAction = { tool: "PAREAgentUserInterface__wait", args: {} };
const say = (content: string): AgentAction => ({
  tool: "PAREAgentUserInterface__send_message_to_user",
  args: { content },
});
const answer = (kind: "accept" | "reject", content: string): AgentAction => ({
  tool: `PAREAgentUserInterface__${kind}_proposal`,
  args: { content },
});
const HOME: AgentAction = { tool: "System__go_home", args: {} };
const OPEN: AgentAction = { tool: "System__open_app", args: { app_name: "Todo" } };

/** A policy that plays a script: `next(input, k)` is its k-th step overall; it keeps every input it was given. */
function scripted(next: (input: StepInput, k: number) => AgentAction): Policy & { inputs: StepInput[] } {
  const inputs: StepInput[] = [];
  return {
    inputs,
    async decide(input: StepInput): Promise<PolicyDecision> {
      inputs.push(input);
      return { action: next(input, inputs.length - 1), modelCalls: 1 };
    },
    reset() {},
  };
}

/** A user that browses (home, open Todo, ...) and answers a proposal only with `reply` (null: never). */
function user(reply: (task: string) => AgentAction | null = () => null) {
  return scripted((input) => {
    const a = input.task.includes("Sender: Agent") ? reply(input.task) : null;
    if (a) return a;
    return input.location?.app === "HomeScreen" ? OPEN : HOME;
  });
}

/** The id of Bob's item in a `Todo__list_items` result. */
function bobId(output: unknown): string {
  const items = Array.isArray(output) ? (output as { id: string; title: string }[]) : [];
  return items.find((i) => i.title === "Call Bob")?.id ?? "missing";
}

interface Played {
  success: boolean | null;
  turns: number;
  env: Environment | null;
  loopEvents: LoopEvent[];
  steps: MemoryDeliberationSink["entries"];
}

async function play(
  policies: AgentPolicies | ((s: TodoFollowupScenario) => AgentPolicies) | null,
  over: ScenarioRunnerConfigInput = {},
  scenario: TodoFollowupScenario = new LoopTodo(),
): Promise<Played> {
  const deliberations = new MemoryDeliberationSink();
  let env: Environment | null = null;
  let loopEvents: LoopEvent[] = [];
  const result = await runScenario(scenario, {
    config: ScenarioRunnerConfig.parse(over),
    deliberations,
    ...(policies === null
      ? {}
      : {
          policies: (s: PAREScenario) =>
            typeof policies === "function" ? policies(s as TodoFollowupScenario) : policies,
        }),
    onFinished: (run) => {
      env = run.env;
      loopEvents = run.loopEvents;
    },
  });
  return {
    success: result.success,
    turns: result.numberOfTurns,
    env,
    loopEvents,
    steps: deliberations.entries,
  };
}

/** An observer that proposes to complete Bob's item once it has seen it, and waits otherwise. */
function proposer(content = "Shall I mark 'Call Bob' as done?") {
  let proposed = false;
  return scripted((input) => {
    if (!proposed && input.now >= 1_700_000_005) {
      proposed = true;
      return say(content);
    }
    return WAIT;
  });
}

/** An executor that reads the list, completes Bob's item (by the id its read showed) and reports. */
function doer(report = "Done: 'Call Bob' is marked as done.") {
  return scripted((input) => {
    if (input.iteration === 0) return { tool: "Todo__list_items", args: {} };
    if (input.previous?.tool === "Todo__list_items")
      return { tool: "Todo__complete_item", args: { item_id: bobId(input.previous.output) } };
    return say(report);
  });
}

describe("1. an unanswered proposal", () => {
  it("freezes the observe agent for the rest of the run by default, as in the original", async () => {
    const observe = proposer();
    const run = await play({ user: user(), observe, execute: scripted(() => WAIT) });
    expect(
      observe.inputs.filter((i) => i.turn > observe.inputs.find((x) => x.now >= 1_700_000_005)!.turn),
    ).toHaveLength(0);
    expect(run.loopEvents).toEqual([]);
  });

  it("expires after proposalTimeoutTurns, is recorded in the trace, and the observe agent is told", async () => {
    const observe = proposer();
    const run = await play(
      { user: user(), observe, execute: scripted(() => WAIT) },
      { proposalTimeoutTurns: 2 },
    );
    const expired = run.loopEvents.filter((e) => e.kind === "proposal_expired");
    expect(expired).toHaveLength(1);
    expect(expired[0]?.detail).toContain("Call Bob");
    const after = observe.inputs.filter((i) => i.turn >= (expired[0]?.turn ?? 99));
    expect(after.length).toBeGreaterThan(0);
    expect(after[0]?.task).toMatch(/no answer for 2 turn\(s\) and has expired/);
  });

  it("tells the user that an offer waits for an answer", () => {
    const s = new LoopTodo();
    s.initialize();
    expect(buildUserPrompt(promptContext(s))).toContain("An offer waits for your answer");
  });
});

/** User: opens Todo while the proposal waits (a user action for the assistant), then accepts. */
function lateAccepter() {
  let seen = 0;
  return scripted((input) => {
    if (input.task.includes("Sender: Agent") && input.task.includes("Shall I")) seen += 1;
    if (seen > 0 && seen++ === 2) return answer("accept", "yes");
    return input.location?.app === "HomeScreen" ? OPEN : HOME;
  });
}

describe("2. notifications taken by the executor", () => {
  const run = async (observeSeesAllNotifications: boolean) => {
    const observe = proposer();
    const execute = scripted(() => say("Done."));
    await play({ user: lateAccepter(), observe, execute }, { observeSeesAllNotifications });
    const texts = (p: typeof observe) =>
      p.inputs.flatMap((i) => i.notifications.map((n) => `${n.timestamp} ${n.text}`));
    return { observed: texts(observe), executed: texts(execute) };
  };

  it("never reach the observe agent by default, as in the original", async () => {
    const { observed, executed } = await run(false);
    expect(executed.length).toBeGreaterThan(0);
    for (const text of executed) expect(observed).not.toContain(text);
  });

  it("reach the observe agent too with observeSeesAllNotifications", async () => {
    const { observed, executed } = await run(true);
    expect(executed.length).toBeGreaterThan(0);
    for (const text of executed) expect(observed).toContain(text);
  });
});

describe("3. how a proposal ended", () => {
  const run = async (reportOutcomeToObserve: boolean, reply: "accept" | "reject") => {
    const observe = proposer();
    const content = reply === "accept" ? "yes please" : "no thanks";
    await play(
      { user: user(() => answer(reply, content)), observe, execute: doer() },
      { reportOutcomeToObserve },
    );
    return observe.inputs.map((i) => i.task).join("\n");
  };

  it("is never told to the observe agent by default, as in the original", async () => {
    expect(await run(false, "accept")).not.toContain("Outcome of your proposal");
    expect(await run(false, "reject")).not.toContain("Outcome of your proposal");
  });

  it("is told with reportOutcomeToObserve: the answer, the executor's calls and its message", async () => {
    const told = await run(true, "accept");
    expect(told).toContain("the user accepted it ([ACCEPT]: yes please)");
    expect(told).toContain("- Todo__list_items({}): done");
    expect(told).toMatch(/- Todo__complete_item\(\{"item_id":"[^"]+"\}\): done/);
    expect(told).toContain(`Its message to the user: "Done: 'Call Bob' is marked as done."`);
    expect(await run(true, "reject")).toContain("the user rejected it ([REJECT]: no thanks)");
  });
});

describe("4. a clarifying question from the executor", () => {
  /** Asks which item first; once told, reads, completes and reports. */
  const asker = () => {
    let resets = 0;
    const policy = scripted((input) => {
      if (input.task.includes("Proposed Goal")) return say("Which item shall I mark as done?");
      if (input.task.includes("User reply")) return { tool: "Todo__list_items", args: {} };
      if (input.previous?.tool === "Todo__list_items")
        return { tool: "Todo__complete_item", args: { item_id: bobId(input.previous.output) } };
      return say("Done.");
    });
    const reset = () => {
      resets += 1;
    };
    return Object.assign(policy, { reset, resets: () => resets });
  };
  const replier = () =>
    user((task) =>
      task.includes("Which item") ? answer("accept", "Call Bob") : answer("accept", "yes, go ahead"),
    );

  it("ends the execution by default, as in the original: the answer goes to the observe agent", async () => {
    const observe = proposer("Shall I tick off the new item about Bob?");
    const run = await play({ user: replier(), observe, execute: asker() });
    expect(run.success).toBe(false);
    expect(run.env?.eventLog.find({ function: "complete_item" })).toEqual([]);
    expect(observe.inputs.map((i) => i.task).join("\n")).toContain("[ACCEPT]: Call Bob");
  });

  it("gets the answer back, with its history, with executeFollowUps", async () => {
    const execute = asker();
    const run = await play(
      { user: replier(), observe: proposer("Shall I tick off the new item about Bob?"), execute },
      { executeFollowUps: 1 },
    );
    expect(run.success).toBe(true);
    expect(run.loopEvents.map((e) => e.kind)).toEqual(["execution_resumed"]);
    expect(run.loopEvents[0]?.detail).toContain("[ACCEPT]: Call Bob");
    // One fresh execution (reset once at its start), resumed without a reset.
    expect(execute.resets()).toBe(1);
  });

  it("the prompts say so only when the answer comes back", () => {
    const s = new LoopTodo();
    s.initialize();
    const tools = s.apps.flatMap((a) => a.getAgentTools());
    const asIs = promptContext(s, ScenarioRunnerConfig.parse({}));
    const followed = promptContext(s, ScenarioRunnerConfig.parse({ executeFollowUps: 2 }));
    expect(buildExecutePrompt(asIs, executeTools(tools))).toContain("That message ends your work.");
    expect(buildExecutePrompt(followed, executeTools(tools))).toContain(
      "comes back to you as the next task, up to 2 times",
    );
    expect(buildUserPrompt(asIs)).not.toContain(USER_ANSWERS_QUESTIONS.trim());
    expect(buildUserPrompt(followed)).toContain(USER_ANSWERS_QUESTIONS.trim());
  });
});

describe("5. the hand-over from observe to execute", () => {
  it("is stated in both prompts unless handOverNotice is off", () => {
    const s = new LoopTodo();
    s.initialize();
    const tools = s.apps.flatMap((a) => a.getAgentTools());
    for (const [handOverNotice, stated] of [
      [true, true],
      [false, false],
    ] as const) {
      const ctx = promptContext(s, ScenarioRunnerConfig.parse({ handOverNotice }));
      expect(buildObservePrompt(ctx, observeTools(tools)).includes(OBSERVE_HAND_OVER.trim())).toBe(stated);
      expect(buildExecutePrompt(ctx, executeTools(tools)).includes(EXECUTE_HAND_OVER.trim())).toBe(stated);
    }
  });

  it("lets the reference agent hand the item id over in its proposal, saving the executor's look-up", async () => {
    const played = async (handOverNotice: boolean) => {
      const run = await play(null, { agentType: "reference", userType: "scripted", handOverNotice });
      const proposal = run.steps.find(
        (d) => d.role === "observe" && d.action?.tool.endsWith("send_message_to_user"),
      );
      return {
        run,
        proposal: String(proposal?.action?.args.content),
        execute: run.steps.filter((d) => d.role === "execute"),
      };
    };
    const told = await played(true);
    const untold = await played(false);
    expect(told.run.success).toBe(true);
    expect(untold.run.success).toBe(true);
    expect(told.proposal).toMatch(/^Shall I mark 'Call Bob' as done\? \(Details: item_id: \S+\.\)$/);
    expect(untold.proposal).toBe("Shall I mark 'Call Bob' as done?");
    expect(told.execute.map((d) => d.action?.tool)).toEqual([
      "Todo__complete_item",
      "PAREAgentUserInterface__send_message_to_user",
    ]);
    expect(untold.execute.map((d) => d.action?.tool)).toEqual([
      "Todo__list_items",
      "Todo__complete_item",
      "PAREAgentUserInterface__send_message_to_user",
    ]);
  });
});

describe("6. arguments that contain a stop sequence, through the LLM path", () => {
  const NOTE = "Observation: the sample turned blue <end_action> (lab log)";
  const replies = [
    `Thought: note it.\nAction:\n{"action": "Todo__add_item", "action_input": {"title": "${NOTE}"}}<end_action>\nObservation: invented`,
    'Thought: and the second one, encoded.\nAction:\n{"action": "Todo__add_item", "action_input": "{\\"title\\": \\"second\\"}"}<end_action>',
    'Thought: report.\nAction:\n{"action": "PAREAgentUserInterface__send_message_to_user", "action_input": {"content": "Noted."}}<end_action>',
  ];

  it("are written whole, and an action_input given as a JSON string is read as its object", async () => {
    const s = new LoopTodo();
    const execute = new PolicyThroughLlm(
      {
        decide: async (input) => ({
          action: null,
          raw: replies[Math.min(input.iteration, 2)],
          modelCalls: 1,
        }),
        reset: () => {},
      },
      { role: "execute", systemPrompt: () => "You are the executor." },
    );
    const run = await play(
      { user: user(() => answer("accept", "yes")), observe: proposer(), execute },
      {},
      s,
    );
    const todo = run.env?.getApp("Todo") as unknown as { items: { title: string }[] } | undefined;
    const titles = (todo?.items ?? []).map((i) => i.title);
    expect(titles).toContain(NOTE);
    expect(titles).toContain("second");
    expect(run.steps.filter((d) => d.role === "execute").every((d) => d.parseFailure === null)).toBe(true);
    expect((execute.engine as ScriptedEngine).calls).toHaveLength(3);
  });

  it("leave a perfect model playing through the LLM path as good as the reference agent", async () => {
    const run = await play(
      (s) => referenceThroughLlm(s, ScenarioRunnerConfig.parse({ agentType: "reference" }), null),
      {
        agentType: "reference",
        userType: "scripted",
      },
    );
    expect(run.success).toBe(true);
    expect(run.steps.every((d) => d.parseFailure === null)).toBe(true);
  });
});

describe("7. what ends the observe agent's turn", () => {
  it("is what its prompt says: every tool the loop's rule matches, System__wait_for_notification included", () => {
    const s = new LoopTodo();
    s.initialize();
    const tools = observeTools(s.apps.flatMap((a) => a.getAgentTools()));
    const text = buildObservePrompt(promptContext(s), tools);
    const sentence =
      /Your turn ends when you call (.*), or when you run out of steps\./.exec(text)?.[1] ?? "";
    const named = sentence.split(/, | or /);
    expect(named.sort()).toEqual(
      tools
        .map((t) => t.publicName)
        .filter(endsTurn)
        .sort(),
    );
    expect(named).toContain("System__wait_for_notification");
  });

  it("and the loop ends the turn on System__wait_for_notification, as the original does", async () => {
    const observe = scripted((input) =>
      input.iteration === 0 ? { tool: "System__wait_for_notification", args: { timeout: 1 } } : WAIT,
    );
    await play({ user: user(), observe, execute: scripted(() => WAIT) }, { maxTurns: 3 });
    expect(observe.inputs.map((i) => i.iteration)).toEqual([0, 0, 0]);
  });
});

describe("8. the executor's closing report", () => {
  it("never counts as the proposal a validator asks for", async () => {
    const run = await play({
      user: user(() => answer("accept", "sure")),
      observe: proposer("Shall I tidy up your list?"),
      execute: doer("Done: 'Call Bob' is marked as done."),
    });
    const completed = run.env?.eventLog.find({ function: "complete_item", succeededOnly: true }) ?? [];
    expect(completed).toHaveLength(1);
    expect(run.success).toBe(false);
  });
});

describe("9. a run in which nothing happens any more", () => {
  it("plays every turn by default, as in the original", async () => {
    const run = await play(null, { agentType: "reference", userType: "scripted" });
    expect(run.success).toBe(true);
    expect(run.turns).toBe(10);
    expect(run.env?.stopReason).not.toBe(IDLE_STOP_REASON);
  });

  it("ends after idleStopTurns quiet turns, with its own stop reason, and still wins", async () => {
    const full = await play(null, { agentType: "reference", userType: "scripted" });
    const run = await play(null, { agentType: "reference", userType: "scripted", idleStopTurns: 2 });
    expect(run.success).toBe(true);
    expect(run.turns).toBeLessThan(10);
    expect(run.env?.stopReason).toBe(IDLE_STOP_REASON);
    expect(run.loopEvents.map((e) => e.kind)).toEqual(["idle_stop"]);
    const calls = (r: Played) => r.steps.reduce((n, d) => n + d.modelCalls, 0);
    expect(calls(run)).toBeLessThan(calls(full));
  });

  it("never stops while an event is still scheduled, nor while a proposal waits for its answer", async () => {
    const late = await play(
      null,
      { agentType: "reference", userType: "scripted", idleStopTurns: 1 },
      new LateTodo(),
    );
    expect(late.success).toBe(true);
    const waiting = await play(
      { user: user(), observe: proposer(), execute: scripted(() => WAIT) },
      { idleStopTurns: 1 },
    );
    expect(waiting.turns).toBe(10);
  });
});
