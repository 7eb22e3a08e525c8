import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyCounters, UsageLedger, type UsageSummary } from "../../../src/agents/llm/usage-ledger.js";
import { CliError } from "../../../src/cli/cli-error.js";
import {
  effectiveEngineConfig,
  manifestLlmUsage,
  setupLlmAgents,
} from "../../../src/cli/commands/llm-setup.js";
import { MultiScenarioRunnerConfig, toScenarioRunnerConfig } from "../../../src/runner/config.js";
import { RunManifest } from "../../../src/runner/run-manifest.js";
import { runScenario } from "../../../src/runner/scenario-runner.js";
import { MockOpenAIServer } from "../../support/mock-openai-server.js";
import { COMPLETION_TOKENS, LlmTodoScenario, PROMPT_TOKENS, TODO_RUN, todoHandler } from "./todo-script.js";

const reply = (promptTokens: number, completionTokens: number, cached = false) => ({
  content: "x",
  usage: { promptTokens, completionTokens, estimated: false },
  latencyMs: 0,
  cached,
  attempts: cached ? 0 : 1,
  finishReason: "stop" as const,
});

describe("manifestLlmUsage", () => {
  it("sums calls, cache hits, failures and tokens per role, and prices them from the table", () => {
    const ledger = new UsageLedger();
    ledger.recordResponse("user", "gpt-4o-mini", reply(1_000_000, 0));
    ledger.recordResponse("observe", "gpt-4o-mini", reply(0, 1_000_000));
    ledger.recordResponse("observe", "gpt-4o-mini", reply(500, 50, true));
    ledger.recordFailure("execute", "gpt-4o-mini", new Error("down"));
    const usage = manifestLlmUsage(ledger.summary());
    expect(RunManifest.shape.llm.parse(usage)).toEqual(usage);
    expect(usage).toMatchObject({
      totalCalls: 4,
      cachedCalls: 1,
      cacheHitRate: 0.25,
      failedCalls: 1,
      successRate: 0.75,
      pricingSource: "table",
    });
    expect(usage.estimatedCostUsd).toBeCloseTo(0.15 + 0.6, 10);
    expect(usage.tokensByRole.observe).toEqual({
      calls: 1,
      cachedCalls: 1,
      promptTokens: 0,
      completionTokens: 1_000_000,
      providerCachedPromptTokens: null,
      providerCacheReportedCalls: 0,
    });
  });

  it("uses the price flags, falling back to the table for a flag not given", () => {
    const ledger = new UsageLedger();
    ledger.recordResponse("user", "gpt-4o-mini", reply(2_000_000, 1_000_000));
    const both = manifestLlmUsage(ledger.summary(), { promptPricePerMtok: 1, completionPricePerMtok: 3 });
    expect(both).toMatchObject({ estimatedCostUsd: 5, pricingSource: "override" });
    const one = manifestLlmUsage(ledger.summary(), { promptPricePerMtok: 1 });
    expect(one.estimatedCostUsd).toBeCloseTo(2 + 0.6, 10);
  });

  it("reports an unknown price as null and 'unknown', never as free", () => {
    const ledger = new UsageLedger();
    ledger.recordResponse("user", "my-local-model", reply(100, 10));
    expect(manifestLlmUsage(ledger.summary())).toMatchObject({
      estimatedCostUsd: null,
      pricingSource: "unknown",
    });
    const half = manifestLlmUsage(ledger.summary(), { promptPricePerMtok: 1 });
    expect(half).toMatchObject({ estimatedCostUsd: null, pricingSource: "unknown" });
    const priced = manifestLlmUsage(ledger.summary(), { promptPricePerMtok: 1, completionPricePerMtok: 1 });
    expect(priced).toMatchObject({ pricingSource: "override" });
    expect(priced.estimatedCostUsd).toBeCloseTo(110 / 1_000_000, 12);
  });

  it("without any model call reports no pricing", () => {
    const empty: UsageSummary = {
      byRole: { user: emptyCounters(), observe: emptyCounters(), execute: emptyCounters() },
      byModel: {},
      totals: emptyCounters(),
    };
    expect(manifestLlmUsage(empty)).toMatchObject({
      totalCalls: 0,
      cacheHitRate: 0,
      successRate: 1,
      estimatedCostUsd: 0,
      pricingSource: "none",
    });
  });
});

describe("effectiveEngineConfig", () => {
  it("lets an alias keep its provider unless a provider was given", () => {
    const engine = { model: "gpt-oss-20b", provider: "openai" };
    expect(effectiveEngineConfig(engine, { userModel: "gpt-oss-20b" }, "user").provider).toBe("fireworks_ai");
    expect(
      effectiveEngineConfig(engine, { userModel: "gpt-oss-20b", provider: "openai" }, "user").provider,
    ).toBe("openai");
    expect(effectiveEngineConfig(engine, {}, "user").provider).toBe("openai");
    expect(
      effectiveEngineConfig({ model: "x", provider: "openai" }, { userModel: "x" }, "user").provider,
    ).toBe("openai");
  });
});

describe("setupLlmAgents", () => {
  const KEY_ENV = "PARE_LLM_SETUP_TEST_KEY";
  let server: MockOpenAIServer;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    process.env[KEY_ENV] = "sk-setup-test-key-123456";
    server = new MockOpenAIServer({ handler: todoHandler });
    url = (await server.start()).url;
    dir = mkdtempSync(join(tmpdir(), "pare-llm-setup-"));
  });
  afterAll(async () => {
    await server.close();
    delete process.env[KEY_ENV];
    rmSync(dir, { recursive: true, force: true });
  });

  const multiConfig = (over: Record<string, unknown> = {}) => {
    const engine = { model: "gpt-4o-mini", provider: "local", baseUrl: url, apiKeyEnv: KEY_ENV };
    return MultiScenarioRunnerConfig.parse({
      ...TODO_RUN,
      userEngine: engine,
      observeEngine: engine,
      executeEngine: engine,
      ...over,
    });
  };

  async function runWith(setup: ReturnType<typeof setupLlmAgents>, config: MultiScenarioRunnerConfig) {
    return runScenario(new LlmTodoScenario(), {
      config: toScenarioRunnerConfig(config),
      policies: setup.policies,
    });
  }

  it("runs the scenario with LLM agents and fills the manifest block; --replay repeats it offline", async () => {
    const config = multiConfig();
    const cacheDir = join(dir, "llm-cache");
    const live = setupLlmAgents(config, { llmTimeout: 5, maxRetries: 1 }, cacheDir);
    const result = await runWith(live, config);
    expect(result.success).toBe(true);
    const calls = server.completionRequests.length;
    const usage = live.usage();
    expect(usage).toMatchObject({
      totalCalls: calls,
      cachedCalls: 0,
      failedCalls: 0,
      pricingSource: "table",
    });
    const tokens = Object.values(usage.tokensByRole).reduce(
      (sum, r) => ({ p: sum.p + r.promptTokens, c: sum.c + r.completionTokens }),
      { p: 0, c: 0 },
    );
    expect(tokens).toEqual({ p: calls * PROMPT_TOKENS, c: calls * COMPLETION_TOKENS });
    expect(usage.estimatedCostUsd).toBeCloseTo((tokens.p * 0.15 + tokens.c * 0.6) / 1_000_000, 12);

    const replay = setupLlmAgents(config, { replay: true }, cacheDir);
    const replayed = await runWith(replay, config);
    expect(server.completionRequests.length).toBe(calls);
    expect(JSON.stringify(replayed.toJSON())).toBe(JSON.stringify(result.toJSON()));
    expect(replay.usage()).toMatchObject({
      totalCalls: calls,
      cachedCalls: calls,
      cacheHitRate: 1,
      estimatedCostUsd: 0,
    });
  });

  it("turns configuration problems into CLI errors", () => {
    const noKey = multiConfig({
      userEngine: { model: "gpt-4o-mini", provider: "openai", apiKeyEnv: "PARE_SURELY_UNSET_KEY_VAR" },
    });
    expect(() => setupLlmAgents(noKey, {}, join(dir, "c2"))).toThrow(CliError);
    expect(() => setupLlmAgents(noKey, {}, join(dir, "c2"))).toThrow(/PARE_SURELY_UNSET_KEY_VAR is not set/);
    const noEndpoint = multiConfig({ userEngine: { model: "m", provider: "vllm" } });
    expect(() => setupLlmAgents(noEndpoint, {}, join(dir, "c3"))).toThrow(/--user-base-url/);
  });
});
