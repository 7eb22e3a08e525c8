import { describe, expect, it } from "vitest";
import type { AgentRunContext } from "../../../src/agents/agent-context.js";
import { MemoryDeliberationSink } from "../../../src/agents/deliberation-log.js";
import { LLMPromptTooLongError } from "../../../src/agents/llm/errors.js";
import { ScriptedEngine, type ScriptedReply } from "../../../src/agents/llm/scripted-engine.js";
import type { ChatMessage } from "../../../src/agents/llm/types.js";
import { LlmPolicy } from "../../../src/agents/llm-policy/llm-policy.js";
import { createLlmPolicyFactory, promptContext } from "../../../src/agents/llm-policy/policy-factory.js";
import { buildUserPrompt } from "../../../src/agents/llm-policy/user-prompt.js";
import { runReactLoop } from "../../../src/agents/react-loop.js";
import type { AgentRole, StepInput } from "../../../src/agents/types.js";
import { Environment } from "../../../src/core/environment.js";
import { MessageType } from "../../../src/core/notifications.js";
import { ScenarioRunnerConfig } from "../../../src/runner/config.js";
import { LlmTodoScenario } from "./todo-script.js";

const START = 1_700_000_000;
const good = (tool: string, args: Record<string, unknown> = {}) =>
  `Thought: doing ${tool}\nAction:\n${JSON.stringify({ action: tool, action_input: args })}<end_action>`;

function setup(role: AgentRole, responses: ScriptedReply[], maxParseRetries?: number) {
  const engine = new ScriptedEngine({ responses });
  const policy = new LlmPolicy({
    role,
    engine,
    systemPrompt: (tools) => `SYSTEM for ${role} with ${tools.length} tools`,
    scenarioId: "unit",
    runNumber: 1,
    temperature: 0.3,
    ...(maxParseRetries !== undefined ? { maxParseRetries } : {}),
  });
  return { engine, policy };
}

const input = (over: Partial<StepInput> = {}): StepInput => ({
  role: "observe",
  turn: 0,
  iteration: 0,
  tools: [],
  task: "",
  notifications: [],
  now: START,
  ...over,
});

const contents = (messages: readonly ChatMessage[]) => messages.map((m) => `${m.role}: ${m.content}`);

function todoEnv() {
  const scenario = new LlmTodoScenario();
  scenario.initialize();
  const env = new Environment({
    startTime: scenario.startTime,
    duration: 600,
    timeIncrement: 1,
    oracleMode: false,
  });
  env.registerApps(scenario.apps);
  env.schedule(scenario.events);
  env.start();
  return { scenario, env };
}

describe("LlmPolicy", () => {
  it("sends system prompt, history and the new step, with role context and stop sequences", async () => {
    const { engine, policy } = setup("observe", [
      good("Todo__list_items"),
      good("PAREAgentUserInterface__wait"),
    ]);
    const first = await policy.decide(input({ task: "watch the user" }));
    expect(first).toMatchObject({
      action: { tool: "Todo__list_items", args: {} },
      modelCalls: 1,
      cached: false,
    });
    expect(first.thought).toBe("doing Todo__list_items");
    expect(first.raw).toContain("Action:");
    expect(first.usage?.completionTokens).toBeGreaterThan(0);
    await policy.decide(
      input({
        iteration: 1,
        previous: { tool: "Todo__list_items", output: [{ id: "a", title: "Buy milk" }] },
      }),
    );
    const [call1, call2] = engine.calls;
    expect(call1?.role).toBe("observe");
    expect(call1?.scenarioId).toBe("unit");
    expect(call1?.request.stop).toEqual(["<end_action>", "Observation:"]);
    expect(call1?.request.temperature).toBe(0.3);
    expect(contents(call1?.request.messages ?? [])).toEqual([
      "system: SYSTEM for observe with 0 tools",
      "user: [TASK]: \nwatch the user",
    ]);
    const second = contents(call2?.request.messages ?? []);
    expect(second.slice(0, 3)).toEqual([
      ...contents(call1?.request.messages ?? []),
      `assistant: ${first.raw}`,
    ]);
    expect(second[3]).toBe(
      'user: [OUTPUT OF STEP 1] Observation:\n***\n[{"id":"a","title":"Buy milk"}]\n***',
    );
  });

  it("renders notifications with timestamps, user actions apart, and says when nothing is new", async () => {
    const { engine, policy } = setup("observe", [good("A__b"), good("A__b")]);
    await policy.decide(input());
    await policy.decide(
      input({
        notifications: [
          {
            type: MessageType.USER_ACTION,
            text: "Todo__open(item_id='x')",
            timestamp: START + 61,
            eventId: null,
          },
          {
            type: MessageType.ENVIRONMENT_NOTIFICATION_AGENT,
            text: "New item",
            timestamp: START + 5,
            eventId: null,
          },
        ],
      }),
    );
    expect(engine.calls[0]?.request.messages[1]?.content).toBe(
      "Nothing new has happened since your previous step.",
    );
    expect(engine.calls[1]?.request.messages.at(-1)?.content).toBe(
      "Environment notifications updates:\n***\n[2023-11-14 22:13:25] New item\n***\n\n" +
        "[User Actions]:\n***\n[2023-11-14 22:14:21] Todo__open(item_id='x')\n***",
    );
  });

  it("answers malformed output with a correction and succeeds within the same step", async () => {
    const { engine, policy } = setup("execute", [
      { content: "I will list things.", usage: { promptTokens: 7, completionTokens: 3 } },
      { content: good("Todo__list_items"), usage: { promptTokens: 11, completionTokens: 4 } },
    ]);
    const decision = await policy.decide(input({ role: "execute", task: "Proposed Goal: x" }));
    expect(decision.action?.tool).toBe("Todo__list_items");
    expect(decision.modelCalls).toBe(2);
    expect(decision.parseError).toBeUndefined();
    const retry = engine.calls[1]?.request.messages ?? [];
    expect(retry.at(-2)).toEqual({ role: "assistant", content: "I will list things." });
    expect(retry.at(-1)?.content).toMatch(/could not be used: no 'Action:' line/);
    expect(decision.usage).toEqual({ promptTokens: 18, completionTokens: 7 });
    // Only the final reply stays in the conversation.
    expect(contents(policy.messages).filter((m) => m.startsWith("assistant"))).toEqual([
      `assistant: ${good("Todo__list_items").replace("<end_action>", "")}`,
    ]);
  });

  it("gives up after the correction retries and reports the error at the next step, once", async () => {
    const { engine, policy } = setup("observe", ["nope", "still nope", "no", good("A__b")], 2);
    const failed = await policy.decide(input());
    expect(failed.action).toBeNull();
    expect(failed.modelCalls).toBe(3);
    expect(failed.parseError).toMatch(/no 'Action:' line/);
    await policy.decide(
      input({ iteration: 1, previous: { tool: "(none)", error: failed.parseError ?? "" } }),
    );
    const last = engine.calls[3]?.request.messages.at(-1)?.content ?? "";
    expect(last.match(/\[OUTPUT OF STEP \d+\] ERROR:/g)).toHaveLength(1);
    expect(last).toContain("could not be read as an action");
  });

  it("feeds an unknown tool back as an error observation through the react loop", async () => {
    const { env } = todoEnv();
    const { engine, policy } = setup("observe", [
      good("Todo__delete_everything"),
      good("PAREAgentUserInterface__wait"),
    ]);
    const deliberations = new MemoryDeliberationSink();
    const ctx: AgentRunContext = {
      env,
      scenarioId: "unit",
      runNumber: null,
      generationSeconds: 1,
      deliberations,
    };
    const result = await runReactLoop(policy, ctx, {
      role: "observe",
      turn: 0,
      maxIterations: 3,
      task: "",
      tools: () => env.getAgentTools(),
      pullNotifications: () => [],
      stopOn: ["wait"],
      mode: () => "observe",
    });
    expect(result.stoppedBy?.tool).toBe("PAREAgentUserInterface__wait");
    expect(deliberations.entries[0]?.error).toMatch(/Unknown tool Todo__delete_everything/);
    const second = engine.calls[1]?.request.messages.at(-1)?.content ?? "";
    expect(second).toMatch(/^\[OUTPUT OF STEP 1\] ERROR:\n\*\*\*\nUnknown tool Todo__delete_everything/);
    expect(engine.calls[0]?.request.messages[0]?.content).toMatch(/with \d+ tools/);
  });

  it("shows the user its location and actions every step but keeps only the latest", async () => {
    const { scenario, env } = todoEnv();
    const engine = new ScriptedEngine({
      responses: [good("System__open_app", { app_name: "Todo" }), good("Todo__list")],
    });
    const policy = new LlmPolicy({
      role: "user",
      engine,
      systemPrompt: () => buildUserPrompt(promptContext(scenario)),
      runNumber: 1,
    });
    await policy.decide(input({ role: "user", tools: env.getUserTools(), location: env.describeLocation() }));
    env
      .getUserTools()
      .find((t) => t.methodName === "open_app")
      ?.call({ app_name: "Todo" });
    await policy.decide(
      input({
        role: "user",
        turn: 1,
        tools: env.getUserTools(),
        location: env.describeLocation(),
        previous: { tool: "System__open_app", output: "Opened Todo App." },
      }),
    );
    const messages = engine.calls[1]?.request.messages ?? [];
    const all = messages.map((m) => m.content).join("\n");
    expect(all.match(/Available Actions from current state:/g)).toHaveLength(1);
    expect(all.match(/Current app state:/g)).toHaveLength(1);
    expect(messages.at(-1)?.content).toContain("Current active app: Todo\nCurrent active screen: TodoList");
    expect(messages.at(-1)?.content).toContain("- Todo__list: Acts on app Todo: List the items.");
    expect(messages.at(-1)?.content).toContain("[OUTPUT OF STEP 1] Observation:\n***\nOpened Todo App.\n***");
  });

  it("delivers results handed over with observe() in the next run, without sending them twice", async () => {
    const { engine, policy } = setup("user", [good("A__b"), good("A__c"), good("A__d")]);
    await policy.decide(input({ role: "user" }));
    const result = { tool: "A__b", output: "done b" };
    policy.observe(result);
    await policy.decide(input({ role: "user", turn: 1 })); // a new run: the loop passes no previous
    await policy.decide(input({ role: "user", turn: 1, iteration: 1, previous: result }));
    const text = (i: number) => engine.calls[i]?.request.messages.map((m) => m.content).join("\n") ?? "";
    expect(text(1)).toContain("Observation:\n***\ndone b\n***");
    expect(text(2).match(/done b/g)).toHaveLength(1);
  });

  it("marks a decision cached only when every call was served from the cache", async () => {
    const cachedEngine = {
      model: "m",
      provider: "p",
      complete: async () => ({
        content: good("A__b"),
        usage: { promptTokens: 5, completionTokens: 2, estimated: false },
        latencyMs: 0,
        cached: true,
        attempts: 0,
        finishReason: "stop" as const,
      }),
    };
    const cachedPolicy = new LlmPolicy({
      role: "observe",
      engine: cachedEngine,
      systemPrompt: () => "s",
      runNumber: 1,
    });
    expect((await cachedPolicy.decide(input())).cached).toBe(true);
    const { policy } = setup("observe", [good("A__b")]);
    expect((await policy.decide(input())).cached).toBe(false);
  });

  it("drops the oldest history when the prompt is too long, then asks again", async () => {
    const tooLong = new LLMPromptTooLongError({
      message: "context length exceeded",
      model: "scripted",
      provider: "scripted",
    });
    const { engine, policy } = setup("observe", [good("A__1"), good("A__2"), tooLong, good("A__3")]);
    await policy.decide(input({ task: "first" }));
    await policy.decide(input({ previous: { tool: "A__1", output: "one" } }));
    const decision = await policy.decide(input({ previous: { tool: "A__2", output: "two" } }));
    expect(decision.action?.tool).toBe("A__3");
    expect(decision.modelCalls).toBe(2);
    const retried = engine.calls[3]?.request.messages.map((m) => m.content).join("\n") ?? "";
    expect(retried).not.toContain("[TASK]: \nfirst");
    expect(retried).toContain("two");
  });

  it("lets engine failures through and forgets everything on reset", async () => {
    const { engine, policy } = setup("execute", [good("A__b"), new Error("boom"), good("A__c")]);
    await policy.decide(input({ role: "execute", task: "goal" }));
    await expect(policy.decide(input({ role: "execute" }))).rejects.toThrow("boom");
    policy.reset();
    expect(policy.messages).toEqual([]);
    await policy.decide(input({ role: "execute", task: "new goal" }));
    expect(contents(engine.calls[2]?.request.messages ?? [])).toEqual([
      "system: SYSTEM for execute with 0 tools",
      "user: [TASK]: \nnew goal",
    ]);
  });
});

describe("run options the LLM policies take from the runner config", () => {
  async function observeOnce(over: Record<string, unknown>) {
    const engine = new ScriptedEngine({ responses: ["no action here"], onExhausted: "repeat-last" });
    const factory = createLlmPolicyFactory(
      {
        userEngine: { model: "m", provider: "openai" },
        observeEngine: { model: "m", provider: "openai" },
        executeEngine: { model: "m", provider: "openai" },
      },
      { engines: { user: engine, observe: engine, execute: engine } },
    );
    const scenario = new LlmTodoScenario();
    scenario.initialize();
    const { observe } = factory.policies(scenario, ScenarioRunnerConfig.parse(over), 1);
    const decision = await observe.decide(
      input({ previous: { tool: "Todo__list_items", output: "x".repeat(5000) } }),
    );
    const sent = engine.calls[0]?.request.messages.map((m) => m.content).join("\n") ?? "";
    return { decision, sent };
  }

  it("cuts tool results at observationCharLimit, or never (null, as PARE)", async () => {
    const cut = await observeOnce({ observationCharLimit: 100 });
    expect(cut.sent).toContain(`${"x".repeat(100)}… (truncated)`);
    expect(cut.sent).not.toContain("x".repeat(101));
    const whole = await observeOnce({ observationCharLimit: null });
    expect(whole.sent).toContain("x".repeat(5000));
    expect(whole.sent).not.toContain("(truncated)");
    const byDefault = await observeOnce({});
    expect(byDefault.sent).toContain(`${"x".repeat(4000)}… (truncated)`);
  });

  it("asks for as many format corrections as maxFormatRetries says", async () => {
    expect((await observeOnce({ maxFormatRetries: 0 })).decision.modelCalls).toBe(1);
    expect((await observeOnce({ maxFormatRetries: 10 })).decision.modelCalls).toBe(11);
    expect((await observeOnce({})).decision.modelCalls).toBe(3);
  });
});
