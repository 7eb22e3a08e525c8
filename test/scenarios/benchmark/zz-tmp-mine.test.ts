import { it } from "vitest";
import { discoverScenarios } from "../../../src/registry/discovery.js";
import { scenarioRegistry } from "../../../src/registry/scenario-registry.js";
import { ScenarioRunnerConfig } from "../../../src/runner/config.js";
import { runScenario } from "../../../src/runner/scenario-runner.js";
const mine = ["add_teammate_to_group"];
it("rationales", async () => {
  await discoverScenarios("benchmark");
  for (const id of mine) {
    for (const over of [{ oracle: true }, { oracle: true, toolAugmentation: { toolFailureProbability: 0.1 }, envEvents: { numEnvEventsPerMinute: 2, envEventsSeed: 7 } }, { agentType: "noop", userType: "scripted" }]) {
      const r = await runScenario(scenarioRegistry().create(id), { config: ScenarioRunnerConfig.parse(over) });
      console.log(id, JSON.stringify(over).slice(0, 30), r.success, r.rationale, r.exception?.message ?? "");
    }
  }
});
