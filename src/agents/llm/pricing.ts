import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { projectRoot } from "../../util/project-root.js";
import type { UsageSummary } from "./usage-ledger.js";

export const ModelPrice = z.object({
  /** USD per million prompt (input) tokens. */
  promptPerMTok: z.number().nonnegative(),
  /** USD per million completion (output) tokens. */
  completionPerMTok: z.number().nonnegative(),
  /** USD per million prompt tokens served from the provider's prompt cache; absent: priced as prompt tokens. */
  cachedPromptPerMTok: z.number().nonnegative().optional(),
});
export type ModelPrice = z.infer<typeof ModelPrice>;

/** A price file (`data/prices.json`, or a user's file in the same format whose entries replace the bundled ones). */
export const PriceFile = z.strictObject({
  $comment: z.string().optional(),
  /** When the prices were taken (YYYY-MM-DD). */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD"),
  currency: z.literal("USD"),
  unit: z.literal("per million tokens"),
  /** Where the prices come from. */
  source: z.string().min(1),
  models: z.record(z.string().min(1), ModelPrice.extend({ listedBy: z.string().optional() })),
  /** Other names of the same model (aliases, other hosts) → table key. */
  synonyms: z.record(z.string().min(1), z.string().min(1)).default({}),
});
export type PriceFile = z.output<typeof PriceFile>;

export class PriceFileError extends Error {
  override name = "PriceFileError";
}

/** Reads and checks a price file; errors name the file and the field. */
export function loadPriceFile(path: string): PriceFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new PriceFileError(`price file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = PriceFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PriceFileError(`price file ${path}: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
  }
  return parsed.data;
}

/** The bundled price file. */
export const BUNDLED_PRICES_PATH = join(projectRoot(import.meta.url), "data", "prices.json");

/** A price table: bundled prices, optionally with a user's file laid over them. */
export class PriceTable {
  constructor(
    readonly models: Readonly<Record<string, ModelPrice>>,
    readonly synonyms: Readonly<Record<string, string>>,
    /** The date of the bundled prices, and of the user's file when one is laid over them. */
    readonly date: string,
    readonly source: string,
  ) {}

  static fromFile(file: PriceFile, path = "price file"): PriceTable {
    const models: Record<string, ModelPrice> = {};
    for (const [name, { listedBy: _listedBy, ...price }] of Object.entries(file.models)) models[name] = price;
    const table = new PriceTable(models, file.synonyms, file.date, file.source);
    table.checkSynonyms(path);
    return table;
  }

  /** This table with a user's file laid over it: its models and synonyms replace the bundled ones. */
  withOverrides(file: PriceFile, path: string): PriceTable {
    const over = PriceTable.fromFile({ ...file, synonyms: {} });
    const table = new PriceTable(
      { ...this.models, ...over.models },
      { ...this.synonyms, ...file.synonyms },
      `${this.date} (bundled), ${file.date} (${path})`,
      `${this.source} Overridden by ${path}: ${file.source}`,
    );
    table.checkSynonyms(path);
    return table;
  }

  private checkSynonyms(path: string): void {
    for (const [name, target] of Object.entries(this.synonyms))
      if (!Object.hasOwn(this.models, target))
        throw new PriceFileError(`${path}: synonyms.${name}: names ${target}, which has no price`);
  }

  lookup(model: string): ModelPrice | null {
    const key = priceKey(model, this);
    return key === null ? null : (this.models[key] as ModelPrice);
  }
}

/** The bundled table, read once. ESTIMATES, not quotes: see `source` in data/prices.json. */
export const BUNDLED_PRICE_TABLE = PriceTable.fromFile(
  loadPriceFile(BUNDLED_PRICES_PATH),
  BUNDLED_PRICES_PATH,
);
export const PRICE_TABLE_DATE = BUNDLED_PRICE_TABLE.date;
export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = BUNDLED_PRICE_TABLE.models;

/** Environment variable naming a user price file (the `--prices` flag wins). */
export const PRICES_ENV = "PARE_PRICES";

/** The bundled table, with the user's file laid over it when one is given (flag, else `PARE_PRICES`). */
export function priceTableFor(
  path?: string | null,
  env: Readonly<Record<string, string | undefined>> = process.env,
): PriceTable {
  const file = path ?? env[PRICES_ENV] ?? null;
  if (file === null || file === "") return BUNDLED_PRICE_TABLE;
  return BUNDLED_PRICE_TABLE.withOverrides(loadPriceFile(file), file);
}

/**
 * Maps provider-decorated names onto table keys: strips route prefixes (`gemini/`,
 * `accounts/fireworks/models/`, `openai/`), Bedrock region/vendor prefixes and version suffixes
 * (`us.meta.…-v1:0`), and date snapshots (`-20250929`, `-2024-08-06`).
 */
export function priceKey(model: string, table: PriceTable = BUNDLED_PRICE_TABLE): string | null {
  let name = model.trim().toLowerCase();
  const candidates: string[] = [];
  const push = (n: string) => {
    candidates.push(n);
    const synonym = Object.hasOwn(table.synonyms, n) ? table.synonyms[n] : undefined;
    if (synonym) candidates.push(synonym);
  };
  push(name);
  name = name.slice(name.lastIndexOf("/") + 1);
  push(name);
  name = name.replace(/^(?:[a-z]{2}\.)?(?:meta|anthropic|amazon|mistral|deepseek)\./, "");
  name = name.replace(/-v\d+(?::\d+)?$/, "");
  push(name);
  push(name.replace(/-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest)$/, ""));
  return candidates.find((c) => Object.hasOwn(table.models, c)) ?? null;
}

export function lookupPrice(model: string, table: PriceTable = BUNDLED_PRICE_TABLE): ModelPrice | null {
  return table.lookup(model);
}

export const UsageForCost = z.object({
  promptTokens: z.number().nonnegative(),
  completionTokens: z.number().nonnegative(),
  /** Of promptTokens, those the provider served from its prompt cache (priced at the cached price when known). */
  providerCachedPromptTokens: z.number().nonnegative().optional(),
});
export type UsageForCost = z.infer<typeof UsageForCost>;

export const CostEstimate = z.object({
  /** Null when no price is known: an unknown price is never reported as free. */
  usd: z.number().nonnegative().nullable(),
  source: z.enum(["table", "override", "unknown"]),
});
export type CostEstimate = z.infer<typeof CostEstimate>;

export function estimateCost(
  model: string,
  usage: UsageForCost,
  override?: ModelPrice,
  table: PriceTable = BUNDLED_PRICE_TABLE,
): CostEstimate {
  const price = override ? ModelPrice.parse(override) : table.lookup(model);
  if (!price) return { usd: null, source: "unknown" };
  const cached = Math.min(usage.providerCachedPromptTokens ?? 0, usage.promptTokens);
  const cachedPrice = price.cachedPromptPerMTok ?? price.promptPerMTok;
  const usd =
    ((usage.promptTokens - cached) * price.promptPerMTok +
      cached * cachedPrice +
      usage.completionTokens * price.completionPerMTok) /
    1_000_000;
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
  table: PriceTable = BUNDLED_PRICE_TABLE,
): LedgerCost {
  const byModel: Record<string, CostEstimate> = {};
  const unknownModels: string[] = [];
  let usd: number | null = 0;
  let cachedUsd: number | null = 0;
  for (const [model, counters] of Object.entries(summary.byModel)) {
    const override = overrides[model];
    const spent = estimateCost(model, counters, override, table);
    const cached = estimateCost(model, counters.cachedTokens, override, table);
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
