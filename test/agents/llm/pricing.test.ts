import { describe, expect, it } from "vitest";
import {
  estimateCost,
  estimateLedgerCost,
  lookupPrice,
  MODELS_MAP,
  PRICE_TABLE,
  PRICE_TABLE_DATE,
  priceKey,
  UsageLedger,
} from "../../../src/agents/llm/index.js";

const usage = { promptTokens: 1_000_000, completionTokens: 500_000 };

describe("estimateCost", () => {
  it("prices known models from the table", () => {
    const cost = estimateCost("gpt-4o", usage);
    expect(cost.source).toBe("table");
    const price = PRICE_TABLE["gpt-4o"]!;
    expect(cost.usd).toBeCloseTo(price.promptPerMTok + price.completionPerMTok / 2, 10);
  });

  it("prefers an override", () => {
    expect(estimateCost("gpt-4o", usage, { promptPerMTok: 1, completionPerMTok: 2 })).toEqual({
      usd: 2,
      source: "override",
    });
    expect(estimateCost("my-local-model", usage, { promptPerMTok: 0, completionPerMTok: 0 })).toEqual({
      usd: 0,
      source: "override",
    });
  });

  it("reports an unknown model as unknown, never as free", () => {
    expect(estimateCost("liquid/lfm2.5-350m", usage)).toEqual({ usd: null, source: "unknown" });
    expect(estimateCost("gpt-5-turbo-ultra", { promptTokens: 0, completionTokens: 0 }).usd).toBeNull();
  });

  it("maps provider-decorated names and snapshots onto table entries", () => {
    expect(priceKey("claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4-5");
    expect(priceKey("gpt-4o-2024-08-06")).toBe("gpt-4o");
    expect(priceKey("gpt-4o-mini")).toBe("gpt-4o-mini");
    expect(priceKey("gemini/gemini-3-flash-preview")).toBe("gemini-3-flash-preview");
    expect(priceKey("us.meta.llama4-scout-17b-instruct-v1:0")).toBe("llama4-scout-17b-instruct");
    expect(priceKey("anthropic/claude-haiku-4.5")).toBe("claude-haiku-4-5");
    expect(priceKey("gpt-5-mini")).toBe("gpt-5-mini");
  });

  it("has a price for every MODELS_MAP alias and a dated table", () => {
    expect(PRICE_TABLE_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [alias, entry] of Object.entries(MODELS_MAP)) {
      expect(lookupPrice(entry.model), `${alias} → ${entry.model}`).not.toBeNull();
      expect(lookupPrice(alias), alias).not.toBeNull();
    }
  });
});

describe("estimateLedgerCost", () => {
  it("sums spent tokens per model and turns the total null when a model is unknown", () => {
    const ledger = new UsageLedger();
    const resp = (cached: boolean) => ({
      content: "",
      usage: { ...usage, estimated: false },
      latencyMs: 0,
      cached,
      attempts: cached ? 0 : 1,
      finishReason: "stop" as const,
    });
    ledger.recordResponse("observe", "gpt-4o-mini", resp(false));
    ledger.recordResponse("execute", "gpt-4o-mini", resp(true));
    const known = estimateLedgerCost(ledger.summary());
    expect(known.usd).toBeCloseTo(0.15 + 0.3, 10);
    expect(known.cachedUsd).toBeCloseTo(0.45, 10);
    expect(known.unknownModels).toEqual([]);

    ledger.recordResponse("user", "mystery", resp(false));
    const partial = estimateLedgerCost(ledger.summary());
    expect(partial.usd).toBeNull();
    expect(partial.unknownModels).toEqual(["mystery"]);
    expect(partial.byModel.mystery).toEqual({ usd: null, source: "unknown" });

    const overridden = estimateLedgerCost(ledger.summary(), {
      mystery: { promptPerMTok: 1, completionPerMTok: 1 },
    });
    expect(overridden.usd).toBeCloseTo(0.45 + 1.5, 10);
  });
});
