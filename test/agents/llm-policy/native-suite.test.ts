import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryDeliberationSink } from "../../../src/agents/deliberation-log.js";
import type { Environment } from "../../../src/core/environment.js";
import { discoverScenarios } from "../../../src/registry/discovery.js";
import { scenarioRegistry } from "../../../src/registry/scenario-registry.js";
import { ScenarioRunnerConfig, type ScenarioRunnerConfigInput } from "../../../src/runner/config.js";
import { offlinePolicies, type PolicyFactory, runScenario } from "../../../src/runner/scenario-runner.js";
import { MockOpenAIServer } from "../../support/mock-openai-server.js";
import {
  mockServerEngines,
  referenceThroughLlm,
  referenceThroughLlmWith,
} from "../../support/policy-through-llm.js";

/*
 * The done-when of native tool calling: a perfect model answering over HTTP with `tool_calls` (the mock server
 * writes the reference solution's next step as a tool call) wins every bundled scenario the reference agent
 * wins, and the same decisions played in text mode give the same event log, byte for byte.
 */

let server: MockOpenAIServer;
let url: string;
beforeAll(async () => {
  await discoverScenarios();
  server = new MockOpenAIServer();
  url = (await server.start()).url;
});
afterAll(async () => {
  await server.close();
});

const REFERENCE: ScenarioRunnerConfigInput = { agentType: "reference", userType: "scripted" };

async function play(id: string, factory: PolicyFactory, over: ScenarioRunnerConfigInput = {}) {
  const config = ScenarioRunnerConfig.parse({ ...REFERENCE, ...over });
  let env: Environment | null = null;
  const sink = new MemoryDeliberationSink();
  const result = await runScenario(scenarioRegistry().create(id), {
    config,
    policies: factory,
    deliberations: sink,
    onFinished: (finished) => {
      env = finished.env;
    },
  });
  const log = JSON.stringify((env as Environment | null)?.eventLog.listView() ?? null);
  return { result, log, steps: sink.entries };
}

describe("native tool calling over HTTP on the bundled suite", () => {
  it("wins every scenario the reference agent wins, with the event log of the same decisions in text mode", async () => {
    const ids = scenarioRegistry().ids();
    expect(ids.length).toBeGreaterThan(50);
    const native = referenceThroughLlmWith(mockServerEngines(server, url));
    let won = 0;
    for (const id of ids) {
      const reference = await play(id, offlinePolicies);
      if (reference.result.success !== true) continue;
      won += 1;
      const before = server.completionRequests.length;
      const viaHttp = await play(id, native, { toolCalling: "native" });
      const text = await play(id, referenceThroughLlm);
      expect({ id, success: viaHttp.result.success }).toEqual({ id, success: true });
      expect({ id, parseFailures: viaHttp.steps.filter((s) => s.parseFailure !== null).length }).toEqual({
        id,
        parseFailures: 0,
      });
      expect({ id, same: viaHttp.log === text.log }).toEqual({ id, same: true });
      const bodies = server.completionRequests.slice(before).map((r) => r.body as Record<string, unknown>);
      // Every request went out natively: tools given, no stop sequences, and replies read from tool_calls.
      expect(bodies.length).toBeGreaterThan(0);
      expect(bodies.every((b) => Array.isArray(b.tools) && !("stop" in b))).toBe(true);
      server.requests.length = 0;
    }
    expect(won).toBeGreaterThan(50);
  }, 300_000);
});
