import { ScriptedEngine } from "../../src/agents/llm/scripted-engine.js";
import { buildExecutePrompt } from "../../src/agents/llm-policy/execute-prompt.js";
import { LlmPolicy, type LlmPolicyOptions } from "../../src/agents/llm-policy/llm-policy.js";
import { buildObservePrompt } from "../../src/agents/llm-policy/observe-prompt.js";
import { promptContext } from "../../src/agents/llm-policy/policy-factory.js";
import { buildUserPrompt } from "../../src/agents/llm-policy/user-prompt.js";
import type { Policy, PolicyDecision, StepInput, StepObservation } from "../../src/agents/types.js";
import { referenceAgent } from "../../src/runner/reference-agent.js";
import type { PolicyFactory } from "../../src/runner/scenario-runner.js";

/** How a scripted decision is written as model output (`Thought:` / `Action:` / JSON / `<end_action>`). */
export function renderDecision(decision: PolicyDecision): string {
  if (!decision.action) return decision.raw ?? "";
  const json = JSON.stringify({ action: decision.action.tool, action_input: decision.action.args });
  return `Thought: ${decision.thought ?? "Next step."}\nAction:\n${json}<end_action>`;
}

/**
 * A scripted LLM: any policy's decisions, written as model output and read back through the real LLM path
 * (system prompt, conversation, the engine's stop-sequence cut, the action parser, format corrections). What
 * the loop then runs is what the parser made of the text, so defects of that path show up as they would for a
 * model that writes exactly these actions. A correction request is answered with the same text again.
 */
export class PolicyThroughLlm implements Policy {
  readonly engine: ScriptedEngine;
  readonly llm: LlmPolicy;
  private next = "";

  constructor(
    private readonly inner: Policy,
    options: Omit<LlmPolicyOptions, "engine" | "runNumber"> & { runNumber?: number },
  ) {
    this.engine = new ScriptedEngine({ responses: () => this.next });
    this.llm = new LlmPolicy({ runNumber: 1, ...options, engine: this.engine });
  }

  async decide(input: StepInput, signal?: AbortSignal): Promise<PolicyDecision> {
    this.next = renderDecision(await this.inner.decide(input, signal));
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
 * reference solution's next step, seeing only what the prompts show (as the issue-14 mock server did).
 */
export const referenceThroughLlm: PolicyFactory = (scenario, config, runNumber) => {
  const agent = referenceAgent(scenario, config);
  const ctx = promptContext(scenario, config);
  const options = {
    scenarioId: scenario.scenarioId,
    runNumber: runNumber ?? 1,
    maxParseRetries: config.maxFormatRetries,
    observationCharLimit: config.observationCharLimit,
  };
  return {
    user: new PolicyThroughLlm(agent.user, {
      ...options,
      role: "user",
      systemPrompt: () => buildUserPrompt(ctx),
    }),
    observe: new PolicyThroughLlm(agent.observe, {
      ...options,
      role: "observe",
      systemPrompt: (tools) => buildObservePrompt(ctx, tools),
    }),
    execute: new PolicyThroughLlm(agent.execute, {
      ...options,
      role: "execute",
      systemPrompt: (tools) => buildExecutePrompt(ctx, tools),
    }),
  };
};
