import { MemoryDeliberationSink } from "../src/agents/deliberation-log.js";
import { ScriptedEngine } from "../src/agents/llm/scripted-engine.js";
import { createLlmPolicyFactory } from "../src/agents/llm-policy/policy-factory.js";
import { scenarioRegistry } from "../src/registry/scenario-registry.js";
import { ScenarioRunnerConfig, type ScenarioRunnerConfigInput } from "../src/runner/config.js";
import { offlinePolicies, type PolicyFactory, runScenario } from "../src/runner/scenario-runner.js";
import { referenceThroughLlm } from "../test/support/policy-through-llm.js";
import { phoneReply } from "./lib/phone-script.js";

/*
 * What the agent loop's options cost in model calls on the bundled suite (one run per scenario, default
 * limits 10 / 1 / 5 / 10). Counts are deterministic: they are figures of the loop, not timings.
 * Agents: the reference agent (offline), the reference agent played through the LLM path (a perfect scripted
 * model), and the phone script of the LLM overhead bench (a plausible, imperfect scripted model).
 */

export interface LoopVariantResult {
  agent: string;
  variant: string;
  runs: number;
  passed: number;
  /** Model calls over the suite, per role and in all. */
  calls: { user: number; observe: number; execute: number; total: number };
  turns: number;
  /** Observe / execute calls per run: min, max, mean. */
  observePerRun: { min: number; max: number; mean: number };
  executePerRun: { min: number; max: number; mean: number };
}

const spread = (values: readonly number[]) => ({
  min: Math.min(...values),
  max: Math.max(...values),
  mean: Math.round((values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)) * 100) / 100,
});

/** The phone script answering every role from the conversation, through the LLM policy (no HTTP). */
const phoneScript: PolicyFactory = (scenario, config, runNumber) => {
  const engine = () =>
    new ScriptedEngine({ responses: (request) => phoneReply(request.messages), model: "phone-script" });
  const factory = createLlmPolicyFactory(config, {
    engines: { user: engine(), observe: engine(), execute: engine() },
  });
  return factory.policies(scenario, config, runNumber);
};

const AGENTS: Record<string, { factory: PolicyFactory; config: ScenarioRunnerConfigInput }> = {
  reference: { factory: offlinePolicies, config: { agentType: "reference", userType: "scripted" } },
  "reference via LLM path": {
    factory: referenceThroughLlm,
    config: { agentType: "reference", userType: "scripted" },
  },
  "phone script via LLM path": { factory: phoneScript, config: {} },
};

export const LOOP_VARIANTS: Record<string, ScenarioRunnerConfigInput> = {
  default: {},
  "no hand-over notice": { handOverNotice: false },
  "idle stop 1": { idleStopTurns: 1 },
  "idle stop 2": { idleStopTurns: 2 },
  "idle stop 3": { idleStopTurns: 3 },
  "proposal timeout 2": { proposalTimeoutTurns: 2 },
  "observe sees all notifications": { observeSeesAllNotifications: true },
  "outcome reported to observe": { reportOutcomeToObserve: true },
  "execute follow-ups 1": { executeFollowUps: 1 },
};

export async function benchLoopCalls(
  suite: readonly string[],
  variants: Record<string, ScenarioRunnerConfigInput> = LOOP_VARIANTS,
): Promise<LoopVariantResult[]> {
  const registry = scenarioRegistry();
  const out: LoopVariantResult[] = [];
  for (const [agent, { factory, config: agentConfig }] of Object.entries(AGENTS)) {
    for (const [variant, over] of Object.entries(variants)) {
      const config = ScenarioRunnerConfig.parse({ ...agentConfig, ...over });
      const calls = { user: 0, observe: 0, execute: 0, total: 0 };
      const observe: number[] = [];
      const execute: number[] = [];
      let passed = 0;
      let turns = 0;
      for (const id of suite) {
        const sink = new MemoryDeliberationSink();
        const result = await runScenario(registry.create(id), {
          config,
          policies: factory,
          deliberations: sink,
        });
        if (result.success === true) passed += 1;
        turns += result.numberOfTurns;
        const run = { user: 0, observe: 0, execute: 0 };
        for (const step of sink.entries) run[step.role] += step.modelCalls;
        calls.user += run.user;
        calls.observe += run.observe;
        calls.execute += run.execute;
        calls.total += run.user + run.observe + run.execute;
        observe.push(run.observe);
        execute.push(run.execute);
      }
      out.push({
        agent,
        variant,
        runs: suite.length,
        passed,
        calls,
        turns,
        observePerRun: spread(observe),
        executePerRun: spread(execute),
      });
    }
  }
  return out;
}
