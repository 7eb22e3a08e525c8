import { describe, expect, it } from "vitest";
import type { Policy } from "../../src/agents/types.js";
import { ConditionCheckEvent, StopEvent } from "../../src/core/events.js";
import { ScenarioRegistry } from "../../src/registry/scenario-registry.js";
import { MultiScenarioRunnerConfig, ScenarioRunnerConfig } from "../../src/runner/config.js";
import { offlinePolicies, runScenario } from "../../src/runner/scenario-runner.js";
import { runJob, tempStore } from "../support/temp-store.js";
import { TodoFollowupScenario } from "../support/todo-scenario.js";

class Todo extends TodoFollowupScenario {
  static override scenarioId = "stop_todo";
}

/** The flow stops the world 20 s in. */
class Stopping extends Todo {
  protected override buildEventsFlow(): void {
    super.buildEventsFlow();
    this.events.push(new StopEvent().delayed(20));
  }
}

/** Polls a condition that never holds: an oracle run would never empty its queue. */
class NeverIdle extends Todo {
  protected override buildEventsFlow(): void {
    super.buildEventsFlow();
    this.events.push(new ConditionCheckEvent(() => false, { description: "never" }));
  }
}

/** Sets its own duration. */
class Timed extends Todo {
  override duration = 30;
}

const offline = (over: Record<string, unknown> = {}) =>
  ScenarioRunnerConfig.parse({ agentType: "noop", userType: "scripted", ...over });
const oracle = (over: Record<string, unknown> = {}) => ScenarioRunnerConfig.parse({ oracle: true, ...over });

describe("stop reasons", () => {
  it("agent runs end at max turns, however much simulated time that takes", async () => {
    // 10 turns × 2 calls × 100 s = 2000 simulated seconds: far past the oracle-only 600 s cap.
    const result = await runScenario(new Todo(), { config: offline({ simulatedGenerationSeconds: 100 }) });
    expect(result.stopReason).toBe("max_turns");
    expect(result.numberOfTurns).toBe(10);
    expect(result.duration).toBe(2000);
  });

  it("an agent run ends earlier when the scenario's own duration passes", async () => {
    const result = await runScenario(new Timed(), { config: offline() });
    expect(result.stopReason).toBe("scenario_duration");
    expect(result.numberOfTurns).toBe(5);
    expect(result.duration).toBe(30);
  });

  it("a stop event ends agent and oracle runs", async () => {
    const agent = await runScenario(new Stopping(), { config: offline() });
    expect(agent.stopReason).toBe("stop_event");
    expect(agent.numberOfTurns).toBeLessThan(10);
    expect((await runScenario(new Stopping(), { config: oracle() })).stopReason).toBe("stop_event");
  });

  it("an oracle run that plays its whole flow says so; the cap ends one that never would", async () => {
    const done = await runScenario(new Todo(), { config: oracle() });
    expect(done).toMatchObject({ success: true, stopReason: "oracle_finished" });
    const capped = await runScenario(new NeverIdle(), { config: oracle({ maxScenarioDuration: 50 }) });
    expect(capped.stopReason).toBe("oracle_duration_cap");
    expect(capped.duration).toBeLessThanOrEqual(50);
    expect((await runScenario(new Timed(), { config: oracle() })).stopReason).toBe("oracle_finished");
    const timedNeverIdle = class extends NeverIdle {
      override duration = 40;
    };
    expect((await runScenario(new timedNeverIdle(), { config: oracle() })).stopReason).toBe(
      "scenario_duration",
    );
  });

  it("a run that raised stops with error", async () => {
    const broken: Policy = {
      reset() {},
      decide: async () => {
        throw new Error("model exploded");
      },
    };
    const result = await runScenario(new Todo(), {
      config: offline(),
      policies: (s, c, r) => ({ ...offlinePolicies(s, c, r), observe: broken }),
    });
    expect(result.exception).toMatchObject({ message: "model exploded" });
    expect(result.stopReason).toBe("error");
  });

  it("survives the cache: a served result keeps its stop reason", async () => {
    const store = await tempStore();
    const registry = new ScenarioRegistry();
    registry.register("stop_todo", Todo as never);
    const config = MultiScenarioRunnerConfig.parse({ oracle: true });
    await runJob(store, config, ["stop_todo"], { registry });
    const again = (await runJob(store, config, ["stop_todo"], { registry })).outcome;
    expect(again.cacheHits).toBe(1);
    expect(again.results.getResult("stop_todo")?.stopReason).toBe("oracle_finished");
    const [row] = await store.jobRuns(again.results.identity.runId as string);
    expect(row?.stopReason).toBe("oracle_finished");
    await store.close();
  });
});
