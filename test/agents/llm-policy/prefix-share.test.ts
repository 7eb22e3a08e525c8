import { beforeAll, describe, expect, it } from "vitest";
import { type DeliberationRecord, MemoryDeliberationSink } from "../../../src/agents/deliberation-log.js";
import { linearise, sharedPrefixChars, totalChars } from "../../../src/agents/llm/call-log.js";
import { discoverScenarios } from "../../../src/registry/discovery.js";
import { scenarioRegistry } from "../../../src/registry/scenario-registry.js";
import { ScenarioRunnerConfig, type ScenarioRunnerConfigInput } from "../../../src/runner/config.js";
import { runScenario } from "../../../src/runner/scenario-runner.js";
import { referenceThroughLlm } from "../../support/policy-through-llm.js";

beforeAll(async () => {
  await discoverScenarios();
});

async function userCalls(over: ScenarioRunnerConfigInput) {
  const sink = new MemoryDeliberationSink();
  const config = ScenarioRunnerConfig.parse({ agentType: "reference", userType: "scripted", ...over });
  const result = await runScenario(scenarioRegistry().create("add_teammate_to_group"), {
    config,
    policies: referenceThroughLlm,
    deliberations: sink,
  });
  expect(result.success).toBe(true);
  return sink.entries.filter((d: DeliberationRecord) => d.role === "user").flatMap((d) => d.calls ?? []);
}

describe("the reusable-prefix measure", () => {
  it("counts whole equal parts, then the common start of the first differing one", () => {
    expect(sharedPrefixChars([], ["abc"])).toBe(0);
    expect(sharedPrefixChars(["ab", "cd"], ["ab", "cx", "y"])).toBe(3);
    expect(sharedPrefixChars(["ab"], ["ab", "cd"])).toBe(2);
    expect(sharedPrefixChars(["ab", "cd"], ["ab"])).toBe(2);
    const request = { messages: [{ role: "user" as const, content: "x".repeat(100_000) }] };
    expect(totalChars(linearise(request))).toBeGreaterThan(100_000);
  });

  for (const toolCalling of ["text", "native"] as const) {
    it(`${toolCalling}: an append-only user history makes every user request extend the previous one`, async () => {
      const pare = await userCalls({ toolCalling });
      const appendOnly = await userCalls({ toolCalling, appendOnlyUserHistory: true });
      expect(appendOnly.length).toBe(pare.length);
      expect(appendOnly.length).toBeGreaterThan(2);
      const share = (calls: typeof pare) =>
        calls.reduce((n, c) => n + c.reusablePrefixChars, 0) / calls.reduce((n, c) => n + c.requestChars, 0);
      // Each request starts with the whole previous one; in native mode only while the screen's tools (sent
      // ahead of the messages) stay the same: a new screen's tool list breaks the prefix at its start.
      let extended = 0;
      for (let i = 1; i < appendOnly.length; i++) {
        const [previous, current] = [appendOnly[i - 1], appendOnly[i]];
        if (toolCalling === "native" && previous?.request.tools !== current?.request.tools) {
          expect(current?.reusablePrefixChars).toBeLessThan(previous?.requestChars ?? 0);
          continue;
        }
        expect(current?.reusablePrefixChars).toBe(previous?.requestChars);
        extended += 1;
      }
      expect(extended).toBeGreaterThan(0);
      if (toolCalling === "text") expect(share(appendOnly)).toBeGreaterThan(share(pare));
    });
  }
});
