import { describe, expect, it } from "vitest";
import { Event } from "../../src/core/events.js";
import { installNoiseHooks } from "../../src/scenarios/pare-scenario.js";
import { TodoApp } from "../support/todo-app.js";
import { TodoFollowupScenario } from "../support/todo-scenario.js";

class Registered extends TodoFollowupScenario {
  static override scenarioId = "pare_scenario_test";
}

class Configured extends Registered {
  override startTime = 1_800_000_000;
  override description = "set by a class field";
  override additionalSystemPrompt = "persona";
}

describe("PAREScenario", () => {
  it("lets subclasses set their fields with class fields", () => {
    const s = new Configured();
    expect(s.startTime).toBe(1_800_000_000);
    expect(s.description).toBe("set by a class field");
    expect(s.additionalSystemPrompt).toBe("persona");
    expect(s.scenarioId).toBe("pare_scenario_test");
  });

  it("initialises once, in order, with apps on the scenario clock", () => {
    const s = new Registered();
    s.initialize();
    const events = s.events;
    s.initialize();
    expect(s.events).toBe(events);
    expect(s.events).toHaveLength(5);
    expect(s.oracleEvents()).toHaveLength(4);
    expect(s.environmentEvents()).toHaveLength(1);
    // Population happened before the snapshot, on the scenario's clock, and events were captured, not run.
    const todo = s.initialAppStates.Todo?.state as { items: { title: string; created: number }[] };
    expect(todo.items.map((i) => i.title)).toEqual(["Buy milk"]);
    expect(todo.items[0]?.created).toBe(1_700_000_000);
    expect(s.events[0]).toBeInstanceOf(Event);
  });

  it("applies tool failure probability, never to the home screen or the agent UI", () => {
    const s = new Registered();
    s.toolAugmentation = {
      toolFailureProbability: 0.3,
      applyToolNameAugmentation: false,
      applyToolDescriptionAugmentation: false,
    };
    s.initialize();
    const probs = Object.fromEntries(s.apps.map((a) => [a.name, a.failureProbability]));
    expect(probs).toEqual({ PAREAgentUserInterface: 0, System: 0, Todo: 0.3 });
  });

  it("renames and re-describes tools from the installed mappings", () => {
    installNoiseHooks({
      loadToolMappings: () => ({
        names: { list_items: "browse_items" },
        descriptions: { add_item: "Put a new entry." },
      }),
    });
    const s = new Registered();
    s.toolAugmentation = {
      toolFailureProbability: 0,
      applyToolNameAugmentation: true,
      applyToolDescriptionAugmentation: true,
    };
    s.initialize();
    const todo = s.getTypedApp(TodoApp);
    const tools = Object.fromEntries(
      todo.getAgentTools().map((t) => [t.methodName, [t.publicName, t.publicDescription]]),
    );
    expect(tools.list_items?.[0]).toBe("Todo__browse_items");
    expect(tools.add_item?.[1]).toBe("Put a new entry.");
  });

  it("gives clear errors for missing apps", () => {
    const s = new Registered();
    s.initialize();
    expect(() => s.getApp("Emails")).toThrow(
      /no app named Emails; apps: PAREAgentUserInterface, System, Todo/,
    );
    class Other extends TodoApp {}
    expect(() => s.getTypedApp(Other)).toThrow(/has no Other/);
    expect(s.getTypedApp(TodoApp, "Todo").name).toBe("Todo");
  });

  it("has a content hash that changes with the scenario and is stable otherwise", () => {
    const a = new Registered().contentHash();
    expect(new Registered().contentHash()).toBe(a);
    const changed = new Registered();
    changed.additionalSystemPrompt = "different";
    expect(changed.contentHash()).not.toBe(a);
  });
});
