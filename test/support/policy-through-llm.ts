import { OpenAICompatibleEngine } from "../../src/agents/llm/openai-compatible-engine.js";
import { ScriptedEngine, type ScriptedReply } from "../../src/agents/llm/scripted-engine.js";
import type { LLMEngine } from "../../src/agents/llm/types.js";
import { buildExecutePrompt } from "../../src/agents/llm-policy/execute-prompt.js";
import { LlmPolicy, type LlmPolicyOptions } from "../../src/agents/llm-policy/llm-policy.js";
import { wireToolName } from "../../src/agents/llm-policy/native-tools.js";
import { buildObservePrompt } from "../../src/agents/llm-policy/observe-prompt.js";
import { promptContext } from "../../src/agents/llm-policy/policy-factory.js";
import type { ToolCallingMode } from "../../src/agents/llm-policy/prompt-template.js";
import { buildUserPrompt } from "../../src/agents/llm-policy/user-prompt.js";
import type {
  AgentRole,
  Policy,
  PolicyDecision,
  StepInput,
  StepObservation,
} from "../../src/agents/types.js";
import { roleToolCalling } from "../../src/runner/config.js";
import { referenceAgent } from "../../src/runner/reference-agent.js";
import type { PolicyFactory } from "../../src/runner/scenario-runner.js";
import type { MockOpenAIServer, MockStep } from "./mock-openai-server.js";

/** How a scripted decision is written as model output (`Thought:` / `Action:` / JSON / `<end_action>`). */
export function renderDecision(decision: PolicyDecision): string {
  if (!decision.action) return decision.raw ?? "";
  const json = JSON.stringify({ action: decision.action.tool, action_input: decision.action.args });
  return `Thought: ${decision.thought ?? "Next step."}\nAction:\n${json}<end_action>`;
}

/** The same decision as a native reply: the thought as text and one tool call under the tool's wire name. */
export function renderNativeDecision(decision: PolicyDecision, callId: string): ScriptedReply {
  if (!decision.action) return { content: decision.raw ?? "" };
  return {
    content: decision.thought ?? "Next step.",
    toolCalls: [
      {
        id: callId,
        name: wireToolName(decision.action.tool),
        arguments: JSON.stringify(decision.action.args),
      },
    ],
  };
}

export type EngineMaker = (reply: () => ScriptedReply) => LLMEngine;

/** In-process: a scripted engine answering with the reply (the default). */
export const scriptedEngineMaker: EngineMaker = (reply) => new ScriptedEngine({ responses: () => reply() });

/**
 * A scripted LLM: any policy's decisions, written as model output and read back through the real LLM path
 * (system prompt, conversation, the engine's stop-sequence cut or tool-call reading, the action parser, format
 * corrections). What the loop then runs is what the parser made of the reply, so defects of that path show up as
 * they would for a model that writes exactly these actions. A correction request is answered with the same reply.
 */
export class PolicyThroughLlm implements Policy {
  readonly engine: LLMEngine;
  readonly llm: LlmPolicy;
  private next: ScriptedReply = "";
  private calls = 0;

  constructor(
    private readonly inner: Policy,
    options: Omit<LlmPolicyOptions, "engine" | "runNumber"> & {
      runNumber?: number;
      makeEngine?: EngineMaker;
    },
  ) {
    const { makeEngine = scriptedEngineMaker, ...rest } = options;
    this.engine = makeEngine(() => this.next);
    this.llm = new LlmPolicy({ runNumber: 1, ...rest, engine: this.engine });
  }

  async decide(input: StepInput, signal?: AbortSignal): Promise<PolicyDecision> {
    const decision = await this.inner.decide(input, signal);
    this.calls += 1;
    this.next =
      this.llm.toolCalling === "native"
        ? renderNativeDecision(decision, `call_${this.calls}`)
        : renderDecision(decision);
    return this.llm.decide(input, signal);
  }

  observe(observation: StepObservation): void {
    this.inner.observe?.(observation);
    this.llm.observe(observation);
  }

  reset(): void {
    this.inner.reset();
    this.llm.reset();
  }
}

/**
 * The reference agent and its scripted user played through the LLM path: a perfect model that writes the
 * reference solution's next step, seeing only what the prompts show. The tool-calling mode of each role follows
 * the config (`toolCalling` and the per-role overrides).
 */
export function referenceThroughLlmWith(makeEngine: EngineMaker = scriptedEngineMaker): PolicyFactory {
  return (scenario, config, runNumber) => {
    const agent = referenceAgent(scenario, config);
    const mode = (role: AgentRole): ToolCallingMode => roleToolCalling(config, role);
    const ctx = (role: AgentRole) => promptContext(scenario, config, mode(role));
    const options = (role: AgentRole) => ({
      role,
      toolCalling: mode(role),
      appendOnlyHistory: role === "user" && config.appendOnlyUserHistory === true,
      makeEngine,
      scenarioId: scenario.scenarioId,
      runNumber: runNumber ?? 1,
      maxParseRetries: config.maxFormatRetries,
      observationCharLimit: config.observationCharLimit,
    });
    return {
      user: new PolicyThroughLlm(agent.user, {
        ...options("user"),
        systemPrompt: () => buildUserPrompt(ctx("user")),
      }),
      observe: new PolicyThroughLlm(agent.observe, {
        ...options("observe"),
        systemPrompt: (tools) => buildObservePrompt(ctx("observe"), tools),
      }),
      execute: new PolicyThroughLlm(agent.execute, {
        ...options("execute"),
        systemPrompt: (tools) => buildExecutePrompt(ctx("execute"), tools),
      }),
    };
  };
}

export const referenceThroughLlm: PolicyFactory = referenceThroughLlmWith();

/** A scripted reply as the mock server's answer (text or tool calls). */
export function mockStepFor(reply: ScriptedReply): MockStep {
  if (reply instanceof Error) return { type: "error", status: 500, message: reply.message };
  if (typeof reply === "string") return { type: "reply", content: reply };
  return {
    type: "reply",
    content: reply.content === "" && reply.toolCalls ? null : reply.content,
    ...(reply.toolCalls ? { toolCalls: reply.toolCalls } : {}),
  };
}

const SLOT_HEADER = "x-mock-slot";

/**
 * Engines that really go over HTTP to the mock server: each policy gets its own slot (a request header), and the
 * server answers a request with what the slot's policy would write. Both formats (text and tool calls).
 */
export function mockServerEngines(server: MockOpenAIServer, url: string): EngineMaker {
  const slots = new Map<string, () => ScriptedReply>();
  server.setHandler((_body, request) => {
    const reply = slots.get(request.headers[SLOT_HEADER] ?? "");
    return reply ? mockStepFor(reply()) : { type: "error", status: 400, message: "unknown mock slot" };
  });
  let slot = 0;
  return (reply) => {
    const id = String(++slot);
    slots.set(id, reply);
    return new OpenAICompatibleEngine(
      { model: "mock-model", provider: "local", baseUrl: url, headers: { [SLOT_HEADER]: id }, maxRetries: 0 },
      { env: {} },
    );
  };
}
