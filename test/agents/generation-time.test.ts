import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generationSeconds } from "../../src/agents/generation-time.js";
import { ScriptedEngine } from "../../src/agents/llm/scripted-engine.js";
import { createLlmPolicyFactory } from "../../src/agents/llm-policy/policy-factory.js";
import type { Policy, PolicyDecision } from "../../src/agents/types.js";
import type { Environment } from "../../src/core/environment.js";
import { ScenarioRunnerConfig } from "../../src/runner/config.js";
import { offlinePolicies, runScenario } from "../../src/runner/scenario-runner.js";
import { TodoFollowupScenario } from "../support/todo-scenario.js";
import { COMPLETION_TOKENS, LlmTodoScenario, TODO_RUN, todoReply } from "./llm-policy/todo-script.js";

const wait = (over: Partial<PolicyDecision> = {}): PolicyDecision => ({
  action: { tool: "PAREAgentUserInterface__wait", args: {} },
  modelCalls: 1,
  ...over,
});

describe("generationSeconds", () => {
  it("charges a fixed time per model call in fixed mode", () => {
    expect(generationSeconds(wait(), { generationSeconds: 3 })).toBe(3);
    expect(generationSeconds(wait({ modelCalls: 3 }), { generationSeconds: 2.5 })).toBe(7.5);
    expect(generationSeconds(wait({ modelCalls: 0 }), { generationSeconds: 3 })).toBe(0);
    // Tokens do not matter in fixed mode.
    const usage = { promptTokens: 900, completionTokens: 120 };
    expect(
      generationSeconds(wait({ usage }), { generationSeconds: 3, generationTokensPerSecond: null }),
    ).toBe(3);
  });

  it("charges output tokens ÷ rate in token mode, whatever the number of calls", () => {
    const usage = { promptTokens: 900, completionTokens: 120 };
    const timing = { generationSeconds: 3, generationTokensPerSecond: 40 };
    expect(generationSeconds(wait({ usage }), timing)).toBe(3);
    expect(generationSeconds(wait({ usage, modelCalls: 2 }), timing)).toBe(3);
    expect(generationSeconds(wait({ usage: { promptTokens: 1, completionTokens: 1 } }), timing)).toBe(0.025);
    // Rounded to the millisecond, so long runs do not pile up float noise.
    expect(
      generationSeconds(wait({ usage: { promptTokens: 0, completionTokens: 10 } }), {
        ...timing,
        generationTokensPerSecond: 3,
      }),
    ).toBe(3.333);
  });

  it("falls back to the fixed time for a decision without a token count", () => {
    const timing = { generationSeconds: 3, generationTokensPerSecond: 40 };
    expect(generationSeconds(wait(), timing)).toBe(3);
    expect(generationSeconds(wait({ usage: { promptTokens: 50, completionTokens: 0 } }), timing)).toBe(3);
    expect(
      generationSeconds(wait({ modelCalls: 0, usage: { promptTokens: 1, completionTokens: 9 } }), timing),
    ).toBe(0);
  });
});

class Todo extends TodoFollowupScenario {
  static override scenarioId = "generation_time_todo";
}

describe("token-based generation time in a run", () => {
  it("moves the clock by each decision's output tokens, the scripted user by the fixed time", async () => {
    let calls = 0;
    const verbose: Policy = {
      reset() {},
      decide: async () => {
        calls += 1;
        return wait({ usage: { promptTokens: 500, completionTokens: 90 } });
      },
    };
    const config = ScenarioRunnerConfig.parse({
      agentType: "noop",
      userType: "scripted",
      maxTurns: 4,
      simulatedGenerationSeconds: 2,
      generationTokensPerSecond: 30,
    });
    const result = await runScenario(new Todo(), {
      config,
      policies: (s, c, r) => ({ ...offlinePolicies(s, c, r), observe: verbose }),
    });
    expect(calls).toBe(4);
    // Per turn: the scripted user's 2 s, then the assistant's 90 tokens at 30 per second.
    expect(result.duration).toBe(4 * (2 + 3));
    expect(result.stopReason).toBe("max_turns");
  });

  describe("with LLM agents", () => {
    const dirs: string[] = [];
    afterAll(() => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    async function run(cacheDir: string, replay: boolean, tokensPerSecond: number) {
      const config = ScenarioRunnerConfig.parse({ ...TODO_RUN, generationTokensPerSecond: tokensPerSecond });
      // The ideal phone owner and assistant, answering with a fixed number of output tokens per call.
      const engine = new ScriptedEngine({
        responses: (request) => ({
          content: todoReply(request.messages),
          usage: { promptTokens: 100, completionTokens: COMPLETION_TOKENS },
        }),
      });
      const factory = createLlmPolicyFactory(config, {
        cacheDir,
        replay,
        engines: { user: engine, observe: engine, execute: engine },
      });
      let env: Environment | null = null;
      const result = await runScenario(new LlmTodoScenario(), {
        config,
        policies: factory.policies,
        onFinished: (finished) => {
          env = finished.env;
        },
      });
      const totals = factory.ledger.summary().totals;
      const calls = totals.calls + totals.cachedCalls;
      const log = JSON.stringify((env as Environment | null)?.eventLog.listView());
      return { result, calls, log, engineCalls: engine.calls.length };
    }

    it("charges the recorded tokens, so a replayed run lands on the same times", async () => {
      const cacheDir = mkdtempSync(join(tmpdir(), "pare-generation-time-"));
      dirs.push(cacheDir);
      const live = await run(cacheDir, false, 5);
      expect(live.result.exception).toBeNull();
      expect(live.result.duration).toBe(live.calls * (COMPLETION_TOKENS / 5));
      const replayed = await run(cacheDir, true, 5);
      expect(replayed.engineCalls).toBe(0);
      expect(replayed.log).toBe(live.log);
      expect(replayed.result.duration).toBe(live.result.duration);
      // Fixed mode would have charged 3 s per call instead of 10 tokens ÷ 5 per second.
      expect(live.result.duration).not.toBe(live.calls * 3);
    });
  });
});
