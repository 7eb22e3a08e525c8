import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryDeliberationSink } from "../../src/agents/deliberation-log.js";
import { contentHash } from "../../src/agents/llm/call-record.js";
import type { ChatMessage } from "../../src/agents/llm/types.js";
import { buildTrace, convertTrace } from "../../src/evaluation/trace-builder.js";
import { parseTrace, serializeTrace } from "../../src/evaluation/trace-io.js";
import { traceJsonSchema } from "../../src/evaluation/trace-json-schema.js";
import { formatTracePrompts } from "../../src/evaluation/trace-prompts.js";
import type { PareTrace } from "../../src/evaluation/trace-schema.js";
import { discoverScenarios } from "../../src/registry/discovery.js";
import { scenarioRegistry } from "../../src/registry/scenario-registry.js";
import { ScenarioRunnerConfig } from "../../src/runner/config.js";
import { type FinishedRun, runScenario } from "../../src/runner/scenario-runner.js";
import { cli } from "../support/cli.js";
import { type PolicyThroughLlm, referenceThroughLlm } from "../support/policy-through-llm.js";

const dirs: string[] = [];
beforeAll(async () => {
  await discoverScenarios();
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A bundled scenario the reference agent wins with every role making calls. */
const SCENARIO = "add_teammate_to_group";

async function recorded(toolCalling: "text" | "native") {
  const config = ScenarioRunnerConfig.parse({ agentType: "reference", userType: "scripted", toolCalling });
  let finished: FinishedRun | null = null;
  const requests: ChatMessage[][] = [];
  const policiesFor = referenceThroughLlm;
  const result = await runScenario(scenarioRegistry().create(SCENARIO), {
    config,
    deliberations: new MemoryDeliberationSink(),
    policies: (scenario, c, run) => {
      const policies = policiesFor(scenario, c, run);
      for (const p of Object.values(policies)) {
        const engine = (p as PolicyThroughLlm).engine;
        const complete = engine.complete.bind(engine);
        engine.complete = (request, ctx) => {
          requests.push(request.messages);
          return complete(request, ctx);
        };
      }
      return policies;
    },
    onFinished: (run) => {
      finished = run;
    },
  });
  expect(result.success).toBe(true);
  return { run: finished as unknown as FinishedRun, requests };
}

describe("full traces keep every model request", () => {
  for (const mode of ["text", "native"] as const) {
    it(`${mode}: every request of the run is in the trace, each body once, and reads back`, async () => {
      const { run, requests } = await recorded(mode);
      const trace = buildTrace(run, { format: "full" });
      const calls = trace.deliberations.flatMap((d) => d.calls ?? []);
      expect(calls).toHaveLength(requests.length);
      const contents = trace.contents ?? {};
      calls.forEach((call, i) => {
        const messages = call.request.messages.map((h) => contents[h]);
        expect(messages).toEqual(JSON.parse(JSON.stringify(requests[i])));
        expect(call.output && contents[call.output]).toBeTruthy();
        expect(call.request.tools === null).toBe(mode === "text");
        if (mode === "text") expect(call.request.options.stop).toContain("<end_action>");
      });
      // Deduplicated: each system prompt is stored once although every request starts with one.
      const systems = Object.values(contents).filter((v) => (v as { role?: string }).role === "system");
      expect(systems.length).toBeLessThanOrEqual(3);
      const referenced = calls.flatMap((c) => c.request.messages).length;
      expect(Object.keys(contents).length).toBeLessThan(referenced);
      for (const [hash, body] of Object.entries(contents)) expect(contentHash(body)).toBe(hash);
      const back = parseTrace(JSON.parse(serializeTrace(trace)));
      expect(back).toEqual(trace);

      const lite = convertTrace(trace, "lite", null);
      expect(lite.contents).toBeUndefined();
      expect(lite.deliberations.flatMap((d) => d.calls ?? [])).toEqual(calls);
      expect(buildTrace(run, { format: "lite" }).contents).toBeUndefined();

      const printed = formatTracePrompts(trace);
      expect(printed).toMatch(/\[system\] /);
      expect(printed).toMatch(/same as before/);
      expect(printed.match(/^── turn /gm)).toHaveLength(calls.length);
      expect(formatTracePrompts(lite)).toMatch(/only their hashes/);
    });
  }

  it("a trace whose contents do not match its hashes, or hold something else, is refused or flagged", async () => {
    const { run } = await recorded("native");
    const trace = buildTrace(run, { format: "full" });
    const broken = JSON.parse(serializeTrace(trace)) as { contents: Record<string, unknown> };
    const first = Object.keys(broken.contents)[0] as string;
    broken.contents[first] = { role: "wizard", content: 3 };
    expect(() => parseTrace(broken)).toThrow();
    const missing = JSON.parse(serializeTrace(trace)) as PareTrace & { contents: Record<string, unknown> };
    delete missing.contents[first];
    expect(formatTracePrompts(parseTrace(missing))).toMatch(/missing from the trace's contents/);
    const badHash = JSON.parse(serializeTrace(trace)) as PareTrace;
    const step = badHash.deliberations.find((d) => d.calls);
    (step?.calls?.[0]?.request.messages as string[])[0] = "not-a-hash";
    expect(() => parseTrace(badHash)).toThrow(/content hash/);
  });
});

describe("pare trace show --prompts and pare trace schema", () => {
  it("prints the requests of a trace file and a versioned JSON Schema that matches the committed one", async () => {
    const { run } = await recorded("native");
    const dir = mkdtempSync(join(tmpdir(), "pare-trace-prompts-"));
    dirs.push(dir);
    const file = join(dir, `${SCENARIO}_single_trace.json`);
    writeFileSync(file, serializeTrace(buildTrace(run, { format: "full" })));
    const shown = await cli(["trace", "show", file, "--prompts"]);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/tools \(\d+\): /);
    expect(shown.out).toMatch(/\[tool call_\d+\] /);
    const repeated = await cli(["trace", "show", file, "--prompts", "--repeat"]);
    expect(repeated.out.length).toBeGreaterThan(shown.out.length);

    const schema = await cli(["trace", "schema"]);
    expect(schema.code).toBe(0);
    const printed = JSON.parse(schema.out) as Record<string, unknown>;
    expect(printed.$id).toBe("urn:pare-ts:trace:pare_trace_v1");
    expect(printed).toEqual(traceJsonSchema());
    const committed = JSON.parse(
      readFileSync(join(import.meta.dirname, "..", "..", "docs", "trace-schema.json"), "utf8"),
    ) as unknown;
    expect(committed).toEqual(printed);
    const properties = printed.properties as Record<string, unknown>;
    expect(Object.keys(properties)).toContain("contents");
  });
});
