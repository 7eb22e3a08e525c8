import { MemoryDeliberationSink } from "../src/agents/deliberation-log.js";
import { scenarioRegistry } from "../src/registry/scenario-registry.js";
import { ScenarioRunnerConfig, type ScenarioRunnerConfigInput } from "../src/runner/config.js";
import { runScenario } from "../src/runner/scenario-runner.js";
import { referenceThroughLlm } from "../test/support/policy-through-llm.js";
import { round } from "./lib/measure.js";

/*
 * What a run sends to the models, in both tool-calling modes: prompt tokens per scenario run (estimated at 4
 * characters per token, tool lists included, as the scripted engine counts them) and, per role, the share of each
 * request that repeats the start of the previous request of the same conversation (the part a provider's prefix
 * cache can serve; characters of the linearised request: tools first, then messages). The model is the reference
 * agent played through the LLM path (a perfect scripted model), one run per bundled scenario, default limits.
 * Deterministic: figures of the prompts, not timings.
 */

const ROLES = ["user", "observe", "execute"] as const;

export interface PromptCachingVariant {
  toolCalling: "text" | "native";
  appendOnlyUserHistory: boolean;
  runs: number;
  passed: number;
  modelCalls: number;
  /** Estimated prompt tokens per scenario run (mean), per role and in all. */
  promptTokensPerRun: { user: number; observe: number; execute: number; total: number };
  /** Σ reusable-prefix characters ÷ Σ request characters, per role; null when the role made no call. */
  reusablePrefixShare: { user: number | null; observe: number | null; execute: number | null };
}

export const PROMPT_CACHING_VARIANTS: ScenarioRunnerConfigInput[] = [
  { toolCalling: "text" },
  { toolCalling: "text", appendOnlyUserHistory: true },
  { toolCalling: "native" },
  { toolCalling: "native", appendOnlyUserHistory: true },
];

export async function benchPromptCaching(
  suite: readonly string[],
  variants: readonly ScenarioRunnerConfigInput[] = PROMPT_CACHING_VARIANTS,
): Promise<PromptCachingVariant[]> {
  const registry = scenarioRegistry();
  const out: PromptCachingVariant[] = [];
  for (const over of variants) {
    const config = ScenarioRunnerConfig.parse({ agentType: "reference", userType: "scripted", ...over });
    const tokens = { user: 0, observe: 0, execute: 0 };
    const prefix = { user: 0, observe: 0, execute: 0 };
    const chars = { user: 0, observe: 0, execute: 0 };
    let passed = 0;
    let modelCalls = 0;
    for (const id of suite) {
      const sink = new MemoryDeliberationSink();
      const result = await runScenario(registry.create(id), {
        config,
        policies: referenceThroughLlm,
        deliberations: sink,
      });
      if (result.success === true) passed += 1;
      for (const step of sink.entries) {
        for (const call of step.calls ?? []) {
          modelCalls += 1;
          tokens[step.role] += call.usage?.promptTokens ?? 0;
          prefix[step.role] += call.reusablePrefixChars;
          chars[step.role] += call.requestChars;
        }
      }
    }
    const perRun = (n: number) => round(n / Math.max(1, suite.length), 1);
    out.push({
      toolCalling: config.toolCalling,
      appendOnlyUserHistory: config.appendOnlyUserHistory,
      runs: suite.length,
      passed,
      modelCalls,
      promptTokensPerRun: {
        user: perRun(tokens.user),
        observe: perRun(tokens.observe),
        execute: perRun(tokens.execute),
        total: perRun(tokens.user + tokens.observe + tokens.execute),
      },
      reusablePrefixShare: Object.fromEntries(
        ROLES.map((r) => [r, chars[r] === 0 ? null : round(prefix[r] / chars[r])]),
      ) as PromptCachingVariant["reusablePrefixShare"],
    });
  }
  return out;
}
