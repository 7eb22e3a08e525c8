import { describe, expect, it } from "vitest";
import {
  defaultWeightPerAppClass,
  EnvEventsConfig,
  ToolAugmentationConfig,
} from "../../../src/scenarios/noise/noise-config.js";

describe("noise configs", () => {
  it("fills tool augmentation defaults and bounds the probability", () => {
    expect(ToolAugmentationConfig.parse({})).toEqual({
      toolFailureProbability: 0,
      applyToolNameAugmentation: false,
      applyToolDescriptionAugmentation: false,
    });
    expect(() => ToolAugmentationConfig.parse({ toolFailureProbability: -0.1 })).toThrow(
      /toolFailureProbability/,
    );
    expect(() => ToolAugmentationConfig.parse({ toolFailureProbability: 1.1 })).toThrow();
  });

  it("fills env event defaults with PARE's weights", () => {
    expect(EnvEventsConfig.parse({})).toEqual({
      numEnvEventsPerMinute: 10,
      envEventsSeed: 0,
      nMessageEventsPerConversation: 4,
      nItemEventsPerProduct: 2,
      weightPerAppClass: {
        StatefulEmailApp: 1,
        StatefulMessagingApp: 1,
        StatefulShoppingApp: 1,
        StatefulFilesApp: 1,
      },
    });
  });

  it("does not share the default weights object between parses", () => {
    const a = EnvEventsConfig.parse({});
    a.weightPerAppClass["StatefulEmailApp"] = 5;
    expect(EnvEventsConfig.parse({}).weightPerAppClass["StatefulEmailApp"]).toBe(1);
    expect(defaultWeightPerAppClass()).not.toBe(defaultWeightPerAppClass());
  });

  it("rejects unknown keys and negative weights", () => {
    expect(() => EnvEventsConfig.parse({ rate: 1 })).toThrow(/rate/);
    expect(() => EnvEventsConfig.parse({ weightPerAppClass: { StatefulEmailApp: -1 } })).toThrow();
  });
});
