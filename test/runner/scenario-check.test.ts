import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { discoverScenarios } from "../../src/registry/discovery.js";
import { scenarioRegistry } from "../../src/registry/scenario-registry.js";
import { ScenarioRunnerConfig } from "../../src/runner/config.js";
import {
  checkScenario,
  dropOracleEvents,
  INJECTED_PROPOSAL,
  injectProposal,
} from "../../src/runner/scenario-check.js";
import { runScenario } from "../../src/runner/scenario-runner.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "scenarios-check");

beforeAll(async () => {
  const report = await discoverScenarios(FIXTURES);
  expect(report.failures).toEqual([]);
});

const check = (id: string) => checkScenario(id, () => scenarioRegistry().create(id));

describe("pare scenarios check (library)", () => {
  it("passes a winnable, strictly validated scenario and measures the reference agent", async () => {
    const result = await check("check_fixture_winnable");
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.expectsProposal).toBe(true);
    expect(result.reference).toEqual({
      success: true,
      turns: 10,
      // The write and the report: the proposal hands the item id over (handOverNotice), so no look-up.
      calls: { user: 10, observe: expect.any(Number), execute: 2 },
      longestExecution: 2,
    });
  });

  it("fails a scenario whose write needs a fact no agent was shown, naming the tool and the argument", async () => {
    const result = await check("check_fixture_unseen_fact");
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([
      expect.stringMatching(
        /^unseen fact: execute write Todo__complete_item\(item_id="[0-9a-f]{32}"\): never shown to the execute agent/,
      ),
    ]);
  });

  it("fails a scenario whose validator passes without the reference solution's writes", async () => {
    const result = await check("check_fixture_lenient_validator");
    expect(result.failures).toEqual(["the validator passes when the reference solution loses its writes"]);
  });

  it("checks an expectsProposal = false scenario the other way round", async () => {
    const good = await check("check_fixture_waiting");
    expect(good.expectsProposal).toBe(false);
    expect(good.failures).toEqual([]);
    expect(good.reference?.calls.execute).toBe(0);
    const lenient = await check("check_fixture_waiting_ignores_proposals");
    expect(lenient.failures).toEqual([
      "the validator passes when the assistant proposes (expectsProposal = false must fail any proposal)",
    ]);
  });

  it("fails every check of the wrong kind on an expectsProposal = false scenario that proposes", async () => {
    const id = "check_fixture_winnable";
    const result = await checkScenario(id, () => {
      const s = scenarioRegistry().create(id);
      s.expectsProposal = false;
      return s;
    });
    expect(result.failures).toEqual([
      expect.stringMatching(/^noop fails, but waiting is the right help here: Missing:/),
      "the reference solution proposes, but the scenario declares expectsProposal = false",
      "the validator passes when the assistant proposes (expectsProposal = false must fail any proposal)",
    ]);
  });

  it("reports a scenario that cannot even be built, without throwing", async () => {
    const result = await checkScenario("broken", () => {
      throw new Error("constructor exploded");
    });
    expect(result.ok).toBe(false);
    expect(result.failures).toContain("oracle: constructor exploded");
    expect(result.reference).toBeNull();
  });
});

describe("the oracle variants the check runs", () => {
  const oracle = ScenarioRunnerConfig.parse({ oracle: true });

  it("drops oracle events and re-attaches their children", async () => {
    const s = scenarioRegistry().create("check_fixture_winnable");
    expect(dropOracleEvents(s, (e) => e.action.functionName === "list_items")).toBe(1);
    expect(s.events.map((e) => e.id)).not.toContain("look");
    expect((await runScenario(s, { config: oracle })).success).toBe(true);
  });

  it("injects a proposal in observe mode after the last environment event", async () => {
    const s = scenarioRegistry().create("check_fixture_waiting");
    let log: { function?: string; mode: string | null; time: number; content?: unknown }[] = [];
    injectProposal(s, [
      {
        eventId: "arrive",
        eventType: "ENV",
        eventTime: s.startTime + 5,
        action: null,
        metadata: {} as never,
        dependencies: [],
      },
    ]);
    const result = await runScenario(s, {
      config: oracle,
      onFinished: (run) => {
        log = (run.env?.eventLog.listView() ?? []).map((e) => ({
          function: e.action?.function,
          mode: e.metadata.proactiveMode,
          time: e.eventTime - s.startTime,
          content: e.action?.args.content,
        }));
      },
    });
    expect(result.success).toBe(false);
    expect(log).toContainEqual({
      function: "send_message_to_user",
      mode: "observe",
      time: 6,
      content: INJECTED_PROPOSAL,
    });
  });
});
