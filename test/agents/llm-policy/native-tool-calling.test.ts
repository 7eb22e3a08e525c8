import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AgentRunContext } from "../../../src/agents/agent-context.js";
import { MemoryDeliberationSink } from "../../../src/agents/deliberation-log.js";
import { CachingEngine } from "../../../src/agents/llm/response-cache.js";
import { ScriptedEngine, type ScriptedReply } from "../../../src/agents/llm/scripted-engine.js";
import type { ToolCall } from "../../../src/agents/llm/types.js";
import { buildExecutePrompt } from "../../../src/agents/llm-policy/execute-prompt.js";
import { LlmPolicy } from "../../../src/agents/llm-policy/llm-policy.js";
import { readNativeReply } from "../../../src/agents/llm-policy/native-reply.js";
import { nativeToolSet, toolSpec, wireToolName } from "../../../src/agents/llm-policy/native-tools.js";
import { promptContext } from "../../../src/agents/llm-policy/policy-factory.js";
import { buildUserPrompt } from "../../../src/agents/llm-policy/user-prompt.js";
import { runReactLoop } from "../../../src/agents/react-loop.js";
import type { StepInput } from "../../../src/agents/types.js";
import { Environment } from "../../../src/core/environment.js";
import { LlmTodoScenario } from "./todo-script.js";

const START = 1_700_000_000;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

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

const call = (id: string, name: string, args: unknown = {}): ToolCall => ({
  id,
  name,
  arguments: typeof args === "string" ? args : JSON.stringify(args),
});
const reply = (content: string, ...toolCalls: ToolCall[]): ScriptedReply =>
  toolCalls.length > 0 ? { content, toolCalls } : { content };

function nativePolicy(responses: ScriptedReply[], maxParseRetries = 2) {
  const engine = new ScriptedEngine({ responses });
  const policy = new LlmPolicy({
    role: "execute",
    engine,
    toolCalling: "native",
    systemPrompt: () => "SYSTEM",
    runNumber: 1,
    maxParseRetries,
  });
  return { engine, policy };
}

function loopContext(env: Environment): AgentRunContext & { deliberations: MemoryDeliberationSink } {
  return {
    env,
    scenarioId: "unit",
    runNumber: null,
    generationSeconds: 1,
    deliberations: new MemoryDeliberationSink(),
  };
}

const loopOptions = (env: Environment, maxIterations = 5) => ({
  role: "execute" as const,
  turn: 0,
  maxIterations,
  task: "Add milk",
  tools: () => env.getAgentTools(),
  pullNotifications: () => [],
  stopOn: ["send_message_to_user"],
  mode: () => "execute",
});

describe("native tool names", () => {
  it("keep every name providers accept and rewrite the others reversibly, within 64 characters", () => {
    expect(wireToolName("Todo__add_item")).toBe("Todo__add_item");
    const hostile = ["Café.buy", "a b", "x".repeat(200), "名前", "a.b", "a_b", "", "tool\u0000name"];
    const wire = hostile.map(wireToolName);
    for (const name of wire) expect(name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(new Set(wire).size).toBe(hostile.length);
    expect(wireToolName("a.b")).not.toBe("a_b");
    expect(wireToolName("x".repeat(200))).toBe(wireToolName("x".repeat(200)));
  });

  it("give the tools as JSON Schema from their zod schemas, mapped back to public names", () => {
    const { env } = todoEnv();
    const tools = env.getAgentTools();
    const set = nativeToolSet([...tools, ...tools]);
    expect(set.specs).toHaveLength(new Set(tools.map((t) => t.publicName)).size);
    const add = tools.find((t) => t.publicName === "Todo__add_item");
    expect(add).toBeDefined();
    const spec = toolSpec(add!);
    expect(spec.parameters).toMatchObject({ type: "object", properties: { title: { type: "string" } } });
    expect(spec.parameters.required).toEqual(["title"]);
    expect(spec.description).toMatch(/^Acts on app Todo: /);
    for (const s of set.specs) expect(set.toPublic.get(s.name)).toBeDefined();
  });
});

describe("native replies", () => {
  const map = new Map([["Todo__add_item", "Todo__add_item"]]);
  it("read arguments given as JSON text, empty, null or with Python literals; reject arrays and bad JSON", () => {
    expect(readNativeReply("t", [call("1", "Todo__add_item", '{"done": True}')], map)).toMatchObject({
      ok: true,
      calls: [{ action: { tool: "Todo__add_item", args: { done: true } } }],
    });
    expect(readNativeReply("", [call("1", "Todo__add_item", "")], map)).toMatchObject({ ok: true });
    expect(readNativeReply("", [call("1", "Todo__add_item", "null")], map)).toMatchObject({ ok: true });
    const array = readNativeReply("", [call("1", "Todo__add_item", "[1]")], map);
    expect(array).toMatchObject({ ok: false, error: /must be a JSON object/ });
    const broken = readNativeReply("", [call("1", "a", "{"), call("2", "Todo__add_item", "{}")], map);
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.badCalls).toHaveLength(2);
    expect(readNativeReply("just text", undefined, map)).toMatchObject({
      ok: false,
      error: "the reply calls no tool",
    });
    expect(readNativeReply("x", [call("1", "Unknown__tool", "{}")], map)).toMatchObject({
      ok: true,
      calls: [{ action: { tool: "Unknown__tool" } }],
    });
    const huge = readNativeReply(
      "",
      [call("1", "Todo__add_item", `{"title": "${"a".repeat(100_000)}"}`)],
      map,
    );
    expect(huge.ok).toBe(true);
  });
});

describe("LlmPolicy in native mode", () => {
  it("sends tools and no stop sequences, answers each result as a tool message with its call id", async () => {
    const { env } = todoEnv();
    const { engine, policy } = nativePolicy([
      reply("I will add it.", call("c1", "Todo__add_item", { title: "milk" })),
      reply("Done.", call("c2", "PAREAgentUserInterface__send_message_to_user", { content: "Added." })),
    ]);
    const ctx = loopContext(env);
    const result = await runReactLoop(policy, ctx, loopOptions(env));
    expect(result.actions.map((a) => a.action.tool)).toEqual([
      "Todo__add_item",
      "PAREAgentUserInterface__send_message_to_user",
    ]);
    const [first, second] = engine.calls;
    expect(first?.request.tools?.length).toBeGreaterThan(0);
    expect(first?.request.stop).toBeUndefined();
    const messages = second?.request.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(messages[2]?.toolCalls?.[0]?.id).toBe("c1");
    expect(messages[3]).toMatchObject({ role: "tool", toolCallId: "c1" });
    expect(messages[3]?.content).toMatch(/^[0-9a-f]{8,}$/);
    expect(ctx.deliberations.entries[0]?.thought).toBe("I will add it.");
  });

  it("runs several calls of one reply one per step, in order, without asking again", async () => {
    const { env } = todoEnv();
    const { engine, policy } = nativePolicy([
      reply(
        "Both at once.",
        call("a", "Todo__add_item", { title: "milk" }),
        call("b", "Todo__add_item", { title: "eggs" }),
        call("c", "PAREAgentUserInterface__send_message_to_user", { content: "Added both." }),
      ),
    ]);
    const ctx = loopContext(env);
    const result = await runReactLoop(policy, ctx, loopOptions(env));
    expect(result.actions.map((a) => a.action.args)).toEqual([
      { title: "milk" },
      { title: "eggs" },
      { content: "Added both." },
    ]);
    expect(engine.calls).toHaveLength(1);
    expect(ctx.deliberations.entries.map((d) => d.modelCalls)).toEqual([1, 0, 0]);
  });

  it("answers calls that never got a step when the next run starts, so the conversation stays valid", async () => {
    const { env } = todoEnv();
    const { engine, policy } = nativePolicy([
      reply(
        "",
        call("a", "Todo__add_item", { title: "milk" }),
        call("b", "Todo__add_item", { title: "eggs" }),
      ),
      reply("", call("c", "PAREAgentUserInterface__send_message_to_user", { content: "ok" })),
    ]);
    await runReactLoop(policy, loopContext(env), loopOptions(env, 1));
    await runReactLoop(policy, loopContext(env), { ...loopOptions(env, 1), turn: 1, task: "" });
    const messages = engine.calls[1]?.request.messages ?? [];
    const tools = messages.filter((m) => m.role === "tool");
    expect(tools.map((m) => m.toolCallId)).toEqual(["a", "b"]);
    expect(tools[1]?.content).toMatch(/^Not run/);
  });

  it("answers a reply without a tool call with a correction, like unparsable text", async () => {
    const { env } = todoEnv();
    const { engine, policy } = nativePolicy([
      reply("I think I should add milk."),
      reply("Adding.", call("x", "Todo__add_item", { title: "milk" })),
    ]);
    const decision = await policy.decide(stepInput(env));
    expect(decision.action).toEqual({ tool: "Todo__add_item", args: { title: "milk" } });
    expect(decision.modelCalls).toBe(2);
    const retry = engine.calls[1]?.request.messages ?? [];
    expect(retry.at(-1)).toMatchObject({ role: "user" });
    expect(retry.at(-1)?.content).toMatch(/calls no tool/);
  });

  it("answers unusable arguments through the calls' own tool messages, and reports a final failure once", async () => {
    const { env } = todoEnv();
    const { engine, policy } = nativePolicy([reply("", call("bad", "Todo__add_item", "{not json"))], 0);
    const decision = await policy.decide(stepInput(env));
    expect(decision.action).toBeNull();
    expect(decision.parseError).toMatch(/not valid JSON/);
    const after = nativePolicy(
      [reply("", call("bad", "Todo__add_item", "{not json")), reply("ok", call("d", "Todo__list_items"))],
      0,
    );
    await after.policy.decide(stepInput(env));
    await after.policy.decide(stepInput(env, { iteration: 1, previous: { tool: "(none)", error: "x" } }));
    const messages = after.engine.calls[1]?.request.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "user"]);
    expect(messages[3]).toMatchObject({ toolCallId: "bad" });
    expect(messages.at(-1)?.content).not.toMatch(/ERROR/);
    expect(engine.calls).toHaveLength(1);
  });

  it("gives the user its screen's actions as tools and its location as text, and prompts without the text format", async () => {
    const { scenario, env } = todoEnv();
    const engine = new ScriptedEngine({
      responses: [reply("", call("u", "System__open_app", { app_name: "Todo" }))],
    });
    const policy = new LlmPolicy({
      role: "user",
      engine,
      toolCalling: "native",
      systemPrompt: () => buildUserPrompt(promptContext(scenario, undefined, "native")),
      runNumber: 1,
    });
    await policy.decide({
      ...stepInput(env),
      role: "user",
      tools: env.getUserTools(),
      location: env.describeLocation(),
    });
    const request = engine.calls[0]?.request;
    expect(request?.tools?.map((t) => t.name)).toContain("System__open_app");
    expect(request?.messages.at(-1)?.content).toMatch(/Current app state/);
    expect(request?.messages.at(-1)?.content).not.toMatch(/Available Actions/);
    expect(request?.messages[0]?.content).not.toMatch(/<end_action>|Action:/);
    const exec = buildExecutePrompt(promptContext(scenario, undefined, "native"), env.getAgentTools());
    expect(exec).not.toMatch(/<end_action>/);
    expect(exec).not.toMatch(/Todo__add_item: Acts on app/);
  });

  it("is served from the response cache and replays without the model", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-native-cache-"));
    dirs.push(dir);
    const script = [reply("Adding.", call("x", "Todo__add_item", { title: "milk" }))];
    const record = new CachingEngine(new ScriptedEngine({ responses: script }), { cache: dir });
    const make = (engine: CachingEngine) =>
      new LlmPolicy({
        role: "execute",
        engine,
        toolCalling: "native",
        systemPrompt: () => "S",
        runNumber: 1,
      });
    const { env } = todoEnv();
    const live = await make(record).decide(stepInput(env));
    const replayEngine = new CachingEngine(new ScriptedEngine({ responses: [] }), {
      cache: dir,
      replay: true,
    });
    const replayed = await make(replayEngine).decide(stepInput(env));
    expect(replayed.action).toEqual(live.action);
    expect(replayed.cached).toBe(true);
    expect(replayed.calls?.[0]?.response?.toolCalls?.[0]?.id).toBe("x");
  });
});

function stepInput(env: Environment, over: Partial<StepInput> = {}): StepInput {
  return {
    role: "execute",
    turn: 0,
    iteration: 0,
    tools: env.getAgentTools(),
    task: "Add milk",
    notifications: [],
    now: START,
    ...over,
  };
}
