import { describe, expect, it } from "vitest";
import { PAREAgentUserInterface } from "../../src/apps/agent-ui/agent-ui-app.js";
import { StatefulEmailApp } from "../../src/apps/email/app.js";
import { HomeScreenSystemApp } from "../../src/apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../src/apps/messaging/app.js";
import { StatefulShoppingApp } from "../../src/apps/shopping/app.js";
import type { Environment } from "../../src/core/environment.js";
import { ScenarioRunnerConfig } from "../../src/runner/config.js";
import { runScenario } from "../../src/runner/scenario-runner.js";
import { plannedRunSpan } from "../../src/runner/simulated-span.js";
import { PAREScenario } from "../../src/scenarios/pare-scenario.js";

/** A phone with every app noise can reach, and nothing to do. */
class NoisyPhone extends PAREScenario {
  static override scenarioId = "span_noisy_phone";
  protected initAndPopulateApps(): void {
    this.apps = [
      new PAREAgentUserInterface(),
      new HomeScreenSystemApp(),
      new StatefulEmailApp(),
      new StatefulMessagingApp(),
      new StatefulShoppingApp(),
    ];
  }
  protected buildEventsFlow(): void {
    this.events = [];
  }
  validate(_env: Environment) {
    return { success: false, rationale: "nothing to do" };
  }
}

/** PARE's published experiment limits: 10 turns, user 1, observe 5, execute 10. */
const PUBLISHED = { maxTurns: 10, userMaxIterations: 1, observeMaxIterations: 5, executeMaxIterations: 10 };

describe("plannedRunSpan", () => {
  it("is the longest run the limits allow, or the scenario's own duration", () => {
    expect(plannedRunSpan({ ...PUBLISHED, simulatedGenerationSeconds: 3 }, null)).toBe(330);
    expect(plannedRunSpan({ ...PUBLISHED, simulatedGenerationSeconds: 3 }, 90)).toBe(90);
    const small = { maxTurns: 4, userMaxIterations: 2, observeMaxIterations: 3, executeMaxIterations: 1 };
    expect(plannedRunSpan({ ...small, simulatedGenerationSeconds: 2.5 }, null)).toBe(50);
    expect(plannedRunSpan({ ...small, simulatedGenerationSeconds: 0 }, null)).toBe(0);
  });
});

describe("noise over a 10-turn run", () => {
  it("arrives at the configured rate (delivered per simulated minute ≥ 0.8 of it), past 360 and 600 s too", async () => {
    // Each run covers 800 simulated seconds: past PARE's 360 s noise horizon and the oracle-only 600 s cap.
    const rate = 2;
    let delivered = 0;
    let planned = 0;
    let minutes = 0;
    for (let seed = 0; seed < 8; seed++) {
      const scenario = new NoisyPhone();
      const config = ScenarioRunnerConfig.parse({
        ...PUBLISHED,
        agentType: "noop",
        userType: "scripted",
        seed,
        simulatedGenerationSeconds: 40,
        envEvents: { numEnvEventsPerMinute: rate, envEventsSeed: seed },
      });
      const result = await runScenario(scenario, { config });
      expect(result.stopReason).toBe("max_turns");
      expect(result.numberOfTurns).toBe(10);
      // Spread over 10 × (1 + 10) calls × 40 s; the noop run itself covers 10 × 2 calls × 40 s.
      expect(scenario.noiseHorizon).toBe(4400);
      expect(result.noisePlanned).toBe(146);
      expect(result.duration).toBe(800);
      delivered += result.noiseDelivered;
      planned += result.noisePlanned;
      minutes += result.duration / 60;
    }
    const ratio = delivered / minutes / rate;
    expect(ratio).toBeGreaterThanOrEqual(0.8);
    expect(ratio).toBeLessThanOrEqual(1.25);
    expect(delivered).toBeLessThan(planned);
  });
});
