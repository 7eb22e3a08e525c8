import { z } from "zod";
import type { UsageSummary } from "./usage-ledger.js";

export const ModelPrice = z.object({
  /** USD per million prompt (input) tokens. */
  promptPerMTok: z.number().nonnegative(),
  /** USD per million completion (output) tokens. */
  completionPerMTok: z.number().nonnegative(),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

/**
 * ESTIMATES, not quotes: public list prices for standard (non-batch, uncached-input, short-context)
 * usage as recalled on PRICE_TABLE_DATE. Providers change prices and tiers; pass an override for
 * anything that must be exact. Hosted open-weight prices are for the provider named in the comment.
 */
export const PRICE_TABLE_DATE = "2025-12-01";

export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = {
  // OpenAI
  "gpt-4o": { promptPerMTok: 2.5, completionPerMTok: 10 },
  "gpt-4o-mini": { promptPerMTok: 0.15, completionPerMTok: 0.6 },
  "gpt-4.1": { promptPerMTok: 2, completionPerMTok: 8 },
  "gpt-4.1-mini": { promptPerMTok: 0.4, completionPerMTok: 1.6 },
  "gpt-4.1-nano": { promptPerMTok: 0.1, completionPerMTok: 0.4 },
  "gpt-5": { promptPerMTok: 1.25, completionPerMTok: 10 },
  "gpt-5-mini": { promptPerMTok: 0.25, completionPerMTok: 2 },
  "gpt-5-nano": { promptPerMTok: 0.05, completionPerMTok: 0.4 },
  o3: { promptPerMTok: 2, completionPerMTok: 8 },
  "o4-mini": { promptPerMTok: 1.1, completionPerMTok: 4.4 },
  // Anthropic
  "claude-sonnet-4-5": { promptPerMTok: 3, completionPerMTok: 15 },
  "claude-haiku-4-5": { promptPerMTok: 1, completionPerMTok: 5 },
  "claude-opus-4-5": { promptPerMTok: 5, completionPerMTok: 25 },
  "claude-sonnet-4": { promptPerMTok: 3, completionPerMTok: 15 },
  // Google (prompts up to 200k tokens)
  "gemini-2.5-pro": { promptPerMTok: 1.25, completionPerMTok: 10 },
  "gemini-2.5-flash": { promptPerMTok: 0.3, completionPerMTok: 2.5 },
  "gemini-2.5-flash-lite": { promptPerMTok: 0.1, completionPerMTok: 0.4 },
  "gemini-3-pro-preview": { promptPerMTok: 2, completionPerMTok: 12 },
  "gemini-3-flash-preview": { promptPerMTok: 0.5, completionPerMTok: 3 },
  // Open-weight models as hosted by Fireworks (serverless)
  "gpt-oss-20b": { promptPerMTok: 0.07, completionPerMTok: 0.3 },
  "gpt-oss-120b": { promptPerMTok: 0.15, completionPerMTok: 0.6 },
  "deepseek-v3p2": { promptPerMTok: 0.56, completionPerMTok: 1.68 },
  "qwen3-8b": { promptPerMTok: 0.2, completionPerMTok: 0.2 },
  "minimax-m2p5": { promptPerMTok: 0.3, completionPerMTok: 1.2 },
  // Meta Llama on AWS Bedrock (us-east-1)
  "llama4-scout-17b-instruct": { promptPerMTok: 0.17, completionPerMTok: 0.66 },
  "llama4-maverick-17b-instruct": { promptPerMTok: 0.24, completionPerMTok: 0.97 },
  "llama3-3-70b-instruct": { promptPerMTok: 0.72, completionPerMTok: 0.72 },
  // DeepSeek first-party API (cache-miss input)
  "deepseek-chat": { promptPerMTok: 0.28, completionPerMTok: 0.42 },
};

/** Names under which the same model is listed by other routes (aliases, other hosts). */
const SYNONYMS: Readonly<Record<string, string>> = {
  "claude-4.5-sonnet": "claude-sonnet-4-5",
  "claude-4.5-haiku": "claude-haiku-4-5",
  "claude-4.5-opus": "claude-opus-4-5",
  "claude-sonnet-4.5": "claude-sonnet-4-5",
  "claude-haiku-4.5": "claude-haiku-4-5",
  "claude-opus-4.5": "claude-opus-4-5",
  "gemini-3-pro": "gemini-3-pro-preview",
  "gemini-3-flash": "gemini-3-flash-preview",
  "deepseek-v3.2": "deepseek-v3p2",
  "qwen-3-8b-base": "qwen3-8b",
  "minimax-2.5": "minimax-m2p5",
  "llama-4-scout": "llama4-scout-17b-instruct",
  "llama-4-maverick": "llama4-maverick-17b-instruct",
  "llama-3.3-70b": "llama3-3-70b-instruct",
};

/**
 * Maps provider-decorated names onto table keys: strips route prefixes (`gemini/`,
 * `accounts/fireworks/models/`, `openai/`), Bedrock region/vendor prefixes and version suffixes
 * (`us.meta.…-v1:0`), and date snapshots (`-20250929`, `-2024-08-06`).
 */
export function priceKey(model: string): string | null {
  let name = model.trim().toLowerCase();
  const candidates: string[] = [];
  const push = (n: string) => {
    candidates.push(n);
    const synonym = SYNONYMS[n];
    if (synonym) candidates.push(synonym);
  };
  push(name);
  name = name.slice(name.lastIndexOf("/") + 1);
  push(name);
  name = name.replace(/^(?:[a-z]{2}\.)?(?:meta|anthropic|amazon|mistral|deepseek)\./, "");
  name = name.replace(/-v\d+(?::\d+)?$/, "");
  push(name);
  push(name.replace(/-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest)$/, ""));
  return candidates.find((c) => Object.hasOwn(PRICE_TABLE, c)) ?? null;
}

export function lookupPrice(model: string): ModelPrice | null {
  const key = priceKey(model);
  return key === null ? null : PRICE_TABLE[key]!;
}

export const UsageForCost = z.object({
  promptTokens: z.number().nonnegative(),
  completionTokens: z.number().nonnegative(),
});
export type UsageForCost = z.infer<typeof UsageForCost>;

export const CostEstimate = z.object({
  /** Null when no price is known: an unknown price is never reported as free. */
  usd: z.number().nonnegative().nullable(),
  source: z.enum(["table", "override", "unknown"]),
});
export type CostEstimate = z.infer<typeof CostEstimate>;

export function estimateCost(model: string, usage: UsageForCost, override?: ModelPrice): CostEstimate {
  const price = override ? ModelPrice.parse(override) : lookupPrice(model);
  if (!price) return { usd: null, source: "unknown" };
  const usd =
    (usage.promptTokens * price.promptPerMTok + usage.completionTokens * price.completionPerMTok) / 1_000_000;
  return { usd, source: override ? "override" : "table" };
}

export interface LedgerCost {
  /** Null if any model with real calls has no known price. */
  usd: number | null;
  byModel: Record<string, CostEstimate>;
  unknownModels: string[];
  /** What the cache-served calls cost when they were recorded (not spent in this run). */
  cachedUsd: number | null;
}

/** Cost of the tokens a run actually spent, per model, with per-model price overrides. */
export function estimateLedgerCost(
  summary: UsageSummary,
  overrides: Readonly<Record<string, ModelPrice>> = {},
): LedgerCost {
  const byModel: Record<string, CostEstimate> = {};
  const unknownModels: string[] = [];
  let usd: number | null = 0;
  let cachedUsd: number | null = 0;
  for (const [model, counters] of Object.entries(summary.byModel)) {
    const override = overrides[model];
    const spent = estimateCost(model, counters, override);
    const cached = estimateCost(model, counters.cachedTokens, override);
    byModel[model] = spent;
    const spentTokens = counters.promptTokens + counters.completionTokens;
    const cachedTokens = counters.cachedTokens.promptTokens + counters.cachedTokens.completionTokens;
    if (spent.usd === null) {
      if (spentTokens > 0 || cachedTokens > 0) unknownModels.push(model);
      if (spentTokens > 0) usd = null;
      if (cachedTokens > 0) cachedUsd = null;
      continue;
    }
    if (usd !== null) usd += spent.usd;
    if (cachedUsd !== null && cached.usd !== null) cachedUsd += cached.usd;
  }
  return { usd, byModel, unknownModels, cachedUsd };
}
