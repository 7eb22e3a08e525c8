import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BUNDLED_PRICES_PATH,
  estimateCost,
  loadPriceFile,
  PRICE_TABLE,
  PriceFileError,
  priceTableFor,
} from "../../../src/agents/llm/pricing.js";
import { UsageLedger } from "../../../src/agents/llm/usage-ledger.js";
import { createLlmPolicyFactory } from "../../../src/agents/llm-policy/policy-factory.js";
import { CliError } from "../../../src/cli/cli-error.js";
import { manifestLlmUsage } from "../../../src/cli/commands/llm-setup.js";
import { ScenarioRunnerConfig } from "../../../src/runner/config.js";
import { RunManifest } from "../../../src/runner/run-manifest.js";
import { runScenario } from "../../../src/runner/scenario-runner.js";
import { MockOpenAIServer } from "../../support/mock-openai-server.js";
import { LlmTodoScenario, roleOf, TODO_RUN, todoHandler } from "../llm-policy/todo-script.js";

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), "pare-prices-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const bundled = () => JSON.parse(readFileSync(BUNDLED_PRICES_PATH, "utf8")) as Record<string, unknown>;

describe("the price table file", () => {
  it("is dated, sourced and holds cached-input prices below the prompt price", () => {
    const file = loadPriceFile(BUNDLED_PRICES_PATH);
    expect(file.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(file.source.length).toBeGreaterThan(40);
    const cached = Object.entries(PRICE_TABLE).filter(([, p]) => p.cachedPromptPerMTok !== undefined);
    expect(cached.length).toBeGreaterThan(5);
    for (const [, p] of cached) expect(p.cachedPromptPerMTok).toBeLessThan(p.promptPerMTok);
  });

  it("prices prompt-cache hits at the cached price, and at the prompt price where none is known", () => {
    const gpt = PRICE_TABLE["gpt-5"]!;
    const usage = { promptTokens: 1_000_000, completionTokens: 0, providerCachedPromptTokens: 600_000 };
    expect(estimateCost("gpt-5", usage).usd).toBeCloseTo(
      0.4 * gpt.promptPerMTok + 0.6 * (gpt.cachedPromptPerMTok as number),
      10,
    );
    const noCached = Object.entries(PRICE_TABLE).find(([, p]) => p.cachedPromptPerMTok === undefined)!;
    expect(estimateCost(noCached[0], usage).usd).toBeCloseTo(noCached[1].promptPerMTok, 10);
    // More hits than prompt tokens (a server's bug) never makes the cost negative.
    expect(estimateCost("gpt-5", { ...usage, providerCachedPromptTokens: 9e9 }).usd).toBeGreaterThanOrEqual(
      0,
    );
  });

  it("is overridden by a user file, whose entries replace the bundled ones", () => {
    const path = join(temp(), "prices.json");
    writeFileSync(
      path,
      JSON.stringify({
        date: "2026-01-02",
        currency: "USD",
        unit: "per million tokens",
        source: "our contract",
        models: {
          "gpt-5": { promptPerMTok: 1, completionPerMTok: 2, cachedPromptPerMTok: 0.5 },
          "my-vllm": { promptPerMTok: 0, completionPerMTok: 0 },
        },
        synonyms: { "house-model": "my-vllm" },
      }),
    );
    const table = priceTableFor(path, {});
    expect(table.lookup("gpt-5")).toEqual({
      promptPerMTok: 1,
      completionPerMTok: 2,
      cachedPromptPerMTok: 0.5,
    });
    expect(table.lookup("house-model")).toEqual({ promptPerMTok: 0, completionPerMTok: 0 });
    expect(table.lookup("gpt-4o")).toEqual(PRICE_TABLE["gpt-4o"]);
    expect(table.date).toMatch(/2026-01-02/);
    expect(priceTableFor(null, { PARE_PRICES: path }).lookup("my-vllm")).not.toBeNull();
    expect(priceTableFor(null, {}).lookup("my-vllm")).toBeNull();
  });

  it("refuses malformed, empty, hostile and inconsistent files with one line naming the file and field", () => {
    const dir = temp();
    const write = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const base = bundled();
    const cases: [string, RegExp][] = [
      [write("empty.json", ""), /empty\.json: .*JSON/],
      [write("array.json", "[]"), /array\.json: \(root\)/],
      [
        write(
          "neg.json",
          JSON.stringify({ ...base, models: { x: { promptPerMTok: -1, completionPerMTok: 1 } } }),
        ),
        /models\.x\.promptPerMTok/,
      ],
      [write("date.json", JSON.stringify({ ...base, date: "yesterday" })), /date: must be a date/],
      [write("extra.json", JSON.stringify({ ...base, apiKey: "sk-x" })), /extra\.json: /],
      [
        write("syn.json", JSON.stringify({ ...base, synonyms: { a: "nowhere" } })),
        /synonyms\.a: names nowhere/,
      ],
      [write("proto.json", '{"__proto__": {"polluted": true}}'), /proto\.json: /],
      [join(dir, "missing.json"), /missing\.json: /],
    ];
    for (const [path, pattern] of cases) {
      expect(() => priceTableFor(path, {}), path).toThrow(PriceFileError);
      expect(() => priceTableFor(path, {}), path).toThrow(pattern);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => manifestLlmUsage(new UsageLedger().summary(), { prices: cases[0]![0] })).toThrow(CliError);
  });
});

describe("provider prompt-cache hits in the ledger and the manifest", () => {
  let server: MockOpenAIServer;
  let url: string;
  beforeAll(async () => {
    server = new MockOpenAIServer();
    url = (await server.start()).url;
  });
  afterAll(async () => {
    await server.close();
  });

  it("are counted per role when the mock reports them, priced separately, and n/a when it does not", async () => {
    // The Todo script's replies, with every user and observe call reporting 8 cached prompt tokens.
    server.setHandler(async (body, request) => {
      const step = await todoHandler(body, request);
      if (step.type !== "reply") return step;
      const messages = (body as { messages: { role: string; content: string }[] }).messages;
      const isExecute = roleOf(messages as never) === "execute";
      const usage = { prompt_tokens: 100, completion_tokens: 10 };
      return isExecute
        ? { ...step, usage }
        : { ...step, usage: { ...usage, prompt_tokens_details: { cached_tokens: 8 } } };
    });
    const engine = { model: "gpt-5", provider: "local", baseUrl: url };
    const config = ScenarioRunnerConfig.parse({
      ...TODO_RUN,
      userEngine: engine,
      observeEngine: engine,
      executeEngine: engine,
    });
    const factory = createLlmPolicyFactory(config);
    const result = await runScenario(new LlmTodoScenario(), { config, policies: factory.policies });
    expect(result.success).toBe(true);
    const summary = factory.ledger.summary();
    const usage = RunManifest.shape.llm.parse(manifestLlmUsage(summary));
    for (const role of ["user", "observe"] as const) {
      const calls = summary.byRole[role].calls;
      expect(usage.tokensByRole[role]).toMatchObject({
        providerCachedPromptTokens: 8 * calls,
        providerCacheReportedCalls: calls,
      });
    }
    expect(usage.tokensByRole.execute).toMatchObject({
      providerCachedPromptTokens: null,
      providerCacheReportedCalls: 0,
    });
    const price = PRICE_TABLE["gpt-5"]!;
    const t = summary.totals;
    const expected =
      ((t.promptTokens - t.providerCachedPromptTokens) * price.promptPerMTok +
        t.providerCachedPromptTokens * (price.cachedPromptPerMTok as number) +
        t.completionTokens * price.completionPerMTok) /
      1e6;
    expect(usage.estimatedCostUsd).toBeCloseTo(expected, 12);
    expect(t.providerCachedPromptTokens).toBeGreaterThan(0);
  });
});
