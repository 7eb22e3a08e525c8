import { describe, expect, it } from "vitest";
import { NoopPolicy } from "../../src/agents/baselines/noop-policy.js";
import type { StepInput } from "../../src/agents/types.js";
import type { Environment } from "../../src/core/environment.js";
import { ScenarioRunnerConfig } from "../../src/runner/config.js";
import { offlinePolicies, runScenario } from "../../src/runner/scenario-runner.js";
import { TodoFollowupScenario } from "../support/todo-scenario.js";

class Todo extends TodoFollowupScenario {
  static override scenarioId = "runner_todo";
}

const config = (over: Record<string, unknown> = {}) => ScenarioRunnerConfig.parse({ ...over });

async function runLog(over: Record<string, unknown>) {
  let env: Environment | null = null;
  const result = await runScenario(new Todo(), {
    config: config(over),
    onFinished: (run) => {
      env = run.env;
    },
  });
  return { result, log: JSON.stringify((env as Environment | null)?.eventLog.listView()) };
}

describe("runScenario", () => {
  it("passes in oracle mode and measures the oracle's actions", async () => {
    const { result } = await runLog({ oracle: true });
    expect(result.success).toBe(true);
    expect(result.exception).toBeNull();
    expect(result.proposalCount).toBe(1);
    expect(result.acceptanceCount).toBe(1);
    expect(result.writeActions).toBe(3);
    expect(result.readOnlyActions).toBe(1);
  });

  it("fails with the noop baseline, which never proposes", async () => {
    const { result } = await runLog({ agentType: "noop", userType: "scripted" });
    expect(result.success).toBe(false);
    expect(result.proposalCount).toBe(0);
    expect(result.numberOfTurns).toBe(10);
    expect(result.rationale).toMatch(/proposal/);
  });

  it("is deterministic: the same seed gives a byte-identical event log", async () => {
    for (const over of [{ oracle: true }, { agentType: "random", userType: "scripted", seed: 3 }]) {
      const a = await runLog(over);
      const b = await runLog(over);
      expect(a.log).toBe(b.log);
      expect(JSON.stringify(a.result.toJSON())).toBe(JSON.stringify(b.result.toJSON()));
    }
  });

  it("turns a crashing validator into a failed result with the exception", async () => {
    class Crashing extends Todo {
      override validate(): never {
        throw new Error("validator bug");
      }
    }
    const result = await runScenario(new Crashing(), { config: config({ oracle: true }) });
    expect(result.success).toBe(false);
    expect(result.exception).toMatchObject({ message: "validator bug", kind: "scenario" });
  });

  it("wins at the default limits with the reference agent, deterministically", async () => {
    const a = await runLog({ agentType: "reference", userType: "scripted" });
    expect(a.result.success).toBe(true);
    expect(a.result.numberOfTurns).toBe(10);
    expect((await runLog({ agentType: "reference", userType: "scripted" })).log).toBe(a.log);
  });

  it("announces untemplated events as 'None' only with nullNotifications", async () => {
    const seen = async (nullNotifications: boolean) => {
      const texts: string[] = [];
      const noop = new NoopPolicy();
      const watcher = {
        decide: (input: StepInput) => {
          texts.push(...input.notifications.map((n) => n.text));
          return noop.decide();
        },
        reset: () => {},
      };
      await runScenario(new Todo(), {
        config: config({ agentType: "noop", userType: "scripted", nullNotifications }),
        policies: (scenario, c, run) => ({ ...offlinePolicies(scenario, c, run), observe: watcher }),
      });
      return texts;
    };
    expect(await seen(true)).toContain("None");
    expect(await seen(false)).not.toContain("None");
  });

  it("keeps a validated result when the finishing hook throws, and says so", async () => {
    const warnings: string[] = [];
    const result = await runScenario(new Todo(), {
      config: config({ oracle: true }),
      onFinished: () => {
        throw new Error("disk full");
      },
      warn: (m) => warnings.push(m),
    });
    expect(result.success).toBe(true);
    expect(result.exception).toBeNull();
    expect(warnings).toEqual(["the finishing hook of runner_todo failed: disk full"]);
  });
});
