import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { discoverScenarios, scenarioDirectories } from "../../src/registry/discovery.js";
import { registerScenario } from "../../src/registry/register-scenario.js";
import {
  ScenarioRegistry,
  scenarioRegistry,
  UnknownScenarioError,
} from "../../src/registry/scenario-registry.js";
import { loadSplit } from "../../src/registry/splits.js";
import { TodoFollowupScenario } from "../support/todo-scenario.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");

describe("registry", () => {
  afterEach(() => {
    scenarioRegistry().unregister("registry_test_one");
  });

  it("registers by decorator and sets the id on the class", () => {
    @registerScenario("registry_test_one")
    class One extends TodoFollowupScenario {}
    expect(scenarioRegistry().get("registry_test_one")).toBe(One);
    expect(new One().scenarioId).toBe("registry_test_one");
  });

  it("rejects a duplicate id, naming both classes", () => {
    const registry = new ScenarioRegistry();
    class First extends TodoFollowupScenario {}
    class Second extends TodoFollowupScenario {}
    registry.register("dup", First as never);
    expect(() => registry.register("dup", Second as never)).toThrow(/First.*Second/);
  });

  it("suggests close matches for unknown ids", () => {
    const registry = new ScenarioRegistry();
    class A extends TodoFollowupScenario {}
    registry.register("email_notification", A as never);
    const error = (() => {
      try {
        registry.get("email_notifcation");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnknownScenarioError);
    expect((error as Error).message).toMatch(/Did you mean: email_notification/);
  });
});

describe("discovery", () => {
  it("imports modules from two directories and reports a broken one", async () => {
    const spec = `${join(FIXTURES, "scenarios-a")}, ${join(FIXTURES, "scenarios-b")}, ${join(FIXTURES, "missing")}`;
    expect(scenarioDirectories(spec)).toHaveLength(3);
    const report = await discoverScenarios(spec);
    expect(scenarioRegistry().has("fixture_todo_a")).toBe(true);
    expect(scenarioRegistry().has("fixture_todo_b")).toBe(true);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]?.path).toMatch(/broken\.ts$/);
    expect(report.failures[0]?.error).toMatch(/broken on purpose/);
    expect(report.warnings.join()).toMatch(/missing/);
  });

  it("resolves relative directories against the bundled scenarios root", () => {
    expect(scenarioDirectories("benchmark")[0]).toMatch(/src[\\/]scenarios[\\/]benchmark$/);
  });
});

describe("splits", () => {
  it("loads ids and rejects an unknown one naming the split", async () => {
    await discoverScenarios(join(FIXTURES, "scenarios-a"));
    const dir = mkdtempSync(join(tmpdir(), "splits-"));
    writeFileSync(join(dir, "ok.txt"), "# comment\nfixture_todo_a\n\n");
    writeFileSync(join(dir, "bad.txt"), "fixture_todo_a\nfixture_todo_z\n");
    process.env.PARE_BENCHMARK_SPLITS_DIR = dir;
    try {
      expect(loadSplit("ok")).toEqual(["fixture_todo_a"]);
      expect(() => loadSplit("bad")).toThrow(/Split 'bad'.*fixture_todo_z/);
      expect(() => loadSplit("nope")).toThrow(/Split file not found/);
    } finally {
      delete process.env.PARE_BENCHMARK_SPLITS_DIR;
    }
  });
});
