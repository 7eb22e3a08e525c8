import { describe, expect, it } from "vitest";
import * as pare from "../src/index.js";

describe("public API", () => {
  it("exports what a researcher needs from one module", () => {
    for (const name of [
      "Environment",
      "agreementReport",
      "krippendorffAlpha",
      "extractAreDecisionPoints",
      "AnnotationStore",
      "createViewApp",
      "exportSite",
      "PAREScenario",
      "registerScenario",
      "discoverScenarios",
      "runScenario",
      "runBenchmark",
      "MultiScenarioValidationResult",
      "calculateStatistics",
      "generateValidationReport",
      "StatefulEmailApp",
      "HomeScreenSystemApp",
      "PAREAgentUserInterface",
      "agentTool",
      "userTool",
      "Checklist",
      "mentionsAmount",
      "assistantWrites",
      "THEMES",
      "catalogue",
      "createLlmPolicyFactory",
      "referenceAgent",
      "checkScenario",
      "factArguments",
      "PUBLISHED_LIMITS",
      "StopReason",
      "plannedRunSpan",
      "prepareScenario",
      "generationSeconds",
      "summariseNoise",
      "PARE_RESULT_SCHEMA",
      "PARE_LOOP",
      "IdleWatch",
      "endsTurn",
      "LoopEvent",
    ]) {
      expect(pare, name).toHaveProperty(name);
    }
  });
});
