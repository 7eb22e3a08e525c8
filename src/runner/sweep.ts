import { readFileSync } from "node:fs";
import YAML from "yaml";
import { z } from "zod";
import { MODELS_MAP } from "../agents/llm/model-aliases.js";
import { MultiScenarioRunnerConfig, MultiScenarioRunnerConfigObject } from "./config.js";
import { translateConfigFile } from "./pare-yaml.js";

/**
 * A sweep file (`pare benchmark sweep SWEEP.yaml`): a grid of runner configs. Models are listed per role; the
 * observe and execute lists are zipped as PARE's sweep did (`pairing: zip`, equal lengths; an execute list left
 * out means each observe model executes too) or crossed (`pairing: cross`); the user list, tool-failure
 * probabilities, noise rates and seeds are crossed with them. Every cell is one job in the run store.
 * Top-level keys may be snake_case or camelCase; `base` holds runner-config fields (ours or PARE's keys).
 */

const name = z.string().min(1);
const ModelEntry = z.union([
  name,
  z.strictObject({
    model: name,
    provider: name.optional(),
    base_url: name.optional(),
    alias: name.optional(),
  }),
]);
export type ModelEntry = z.infer<typeof ModelEntry>;
const modelList = z
  .union([ModelEntry, z.array(ModelEntry).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

export const SweepFile = z.strictObject({
  experiment_name: name.optional(),
  split: name.optional(),
  scenarios: z
    .union([name, z.array(name).min(1)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
  limit: z.number().int().positive().optional(),
  models: z.strictObject({
    user: modelList.optional(),
    observe: modelList,
    execute: modelList.optional(),
    pairing: z.enum(["zip", "cross"]).default("zip"),
  }),
  /** Defaults for every role's endpoint (a model entry's own settings win). */
  provider: name.optional(),
  base_url: name.optional(),
  api_key_env: name.optional(),
  tool_failure_probabilities: z.array(z.number().min(0).max(1)).min(1).default([0]),
  /** Environmental noise: events per simulated minute. */
  noise_rates: z.array(z.number().int().nonnegative()).min(1).default([0]),
  env_events_seed: z.number().int().default(42),
  seeds: z.array(z.number().int()).min(1).default([0]),
  runs: z.number().int().positive().default(1),
  base: z.record(z.string(), z.unknown()).default({}),
});
export type SweepFile = z.output<typeof SweepFile>;

export interface SweepCell {
  /** 1-based position in the grid. */
  index: number;
  label: string;
  observe: string;
  execute: string;
  user: string;
  toolFailureProbability: number;
  noiseRate: number;
  seed: number;
  config: MultiScenarioRunnerConfig;
}

export interface Sweep {
  file: SweepFile;
  selection: { split?: string; scenarios?: string[]; limit?: number };
  cells: SweepCell[];
}

export class SweepFileError extends Error {
  override name = "SweepFileError";
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** A role's engine: the entry's own settings, else the sweep's defaults, else a known alias's provider (MODELS_MAP). */
function engineOf(entry: ModelEntry, file: SweepFile, fallbackProvider: string): Record<string, unknown> {
  const e = typeof entry === "string" ? { model: entry } : entry;
  const baseUrl = e.base_url ?? file.base_url;
  const alias = Object.hasOwn(MODELS_MAP, e.model) ? MODELS_MAP[e.model] : undefined;
  return {
    model: e.model,
    provider: e.provider ?? file.provider ?? alias?.provider ?? fallbackProvider,
    ...(baseUrl ? { baseUrl } : {}),
    ...(file.api_key_env ? { apiKeyEnv: file.api_key_env } : {}),
  };
}

const aliasOf = (entry: ModelEntry): string | null =>
  typeof entry === "string" ? null : (entry.alias ?? null);

/** Parses a sweep (already read from YAML or JSON) into its grid. Errors name the field. */
export function parseSweep(raw: unknown): Sweep {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw new SweepFileError("a sweep file is a mapping of keys (models, tool_failure_probabilities, …)");
  const normalised = Object.fromEntries(Object.entries(raw).map(([k, v]) => [snake(k), v]));
  const parsed = SweepFile.safeParse(normalised);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === "unrecognized_keys")
      throw new SweepFileError(
        `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")}`,
      );
    throw new SweepFileError(`${issue?.path.map(String).join(".") || "(top level)"}: ${issue?.message}`);
  }
  const file = parsed.data;
  if (file.split && file.scenarios) throw new SweepFileError("split and scenarios are mutually exclusive");
  if (!file.split && !file.scenarios) throw new SweepFileError("either split or scenarios is required");
  let base: Record<string, unknown>;
  try {
    base = translateConfigFile(file.base, Object.keys(MultiScenarioRunnerConfigObject.shape)).config;
  } catch (error) {
    throw new SweepFileError(`base: ${(error as Error).message}`);
  }
  for (const key of [
    "toolAugmentation",
    "envEvents",
    "seed",
    "runsPerScenario",
    "userEngine",
    "observeEngine",
    "executeEngine",
  ])
    if (key in base)
      throw new SweepFileError(`base.${key}: set by the grid; use the sweep's own keys instead`);

  // An offline assistant plays with the scripted user unless a user model is swept (as `benchmark run`).
  const offline =
    base.oracle === true || (base.agentType !== undefined && base.agentType !== "observe-execute");
  if (offline && !file.models.user && base.agentType !== "reference") {
    base.userType ??= "scripted";
    base.userModelAlias ??= base.oracle === true ? "oracle" : "scripted";
  }
  const observe = file.models.observe;
  const execute = file.models.execute ?? observe;
  let pairs: [ModelEntry, ModelEntry][];
  if (file.models.pairing === "zip") {
    if (observe.length !== execute.length)
      throw new SweepFileError(
        `models: observe and execute lists must have the same length to be zipped (got ${observe.length} and ${execute.length}); or set pairing: cross`,
      );
    pairs = observe.map((o, i) => [o, execute[i] as ModelEntry]);
  } else {
    pairs = observe.flatMap((o) => execute.map((e) => [o, e] as [ModelEntry, ModelEntry]));
  }
  const users: (ModelEntry | null)[] = file.models.user ?? [null];
  const cells: SweepCell[] = [];
  for (const user of users)
    for (const [o, e] of pairs)
      for (const tfp of unique(file.tool_failure_probabilities))
        for (const rate of unique(file.noise_rates))
          for (const seed of unique(file.seeds)) {
            const fields: Record<string, unknown> = {
              ...base,
              observeEngine: engineOf(o, file, "openai"),
              executeEngine: engineOf(e, file, "openai"),
              ...(user ? { userEngine: engineOf(user, file, "openai") } : {}),
              ...(aliasOf(o) ? { observeModelAlias: aliasOf(o) } : {}),
              ...(aliasOf(e) ? { executeModelAlias: aliasOf(e) } : {}),
              ...(user && aliasOf(user) ? { userModelAlias: aliasOf(user) } : {}),
              // 0 means no noise config at all, as PARE (so a cell matches an unswept run's cache).
              toolAugmentation: tfp > 0 ? { toolFailureProbability: tfp } : null,
              envEvents:
                rate > 0 ? { numEnvEventsPerMinute: rate, envEventsSeed: file.env_events_seed } : null,
              seed,
              runsPerScenario: file.runs,
              ...(file.experiment_name ? { experimentName: file.experiment_name } : {}),
            };
            const config = MultiScenarioRunnerConfig.safeParse(fields);
            if (!config.success) {
              const issue = config.error.issues[0];
              throw new SweepFileError(`base.${issue?.path.join(".")}: ${issue?.message}`);
            }
            const c = config.data;
            const proactive =
              c.observeModelAlias === c.executeModelAlias
                ? c.observeModelAlias
                : `${c.observeModelAlias}/${c.executeModelAlias}`;
            cells.push({
              index: cells.length + 1,
              label: `${proactive}${users.length > 1 ? ` (user ${c.userModelAlias})` : ""} · tfp ${tfp} · noise ${rate}/min · seed ${seed}`,
              observe: c.observeModelAlias,
              execute: c.executeModelAlias,
              user: c.userModelAlias,
              toolFailureProbability: tfp,
              noiseRate: rate,
              seed,
              config: c,
            });
          }
  return {
    file,
    selection: {
      ...(file.split ? { split: file.split } : {}),
      ...(file.scenarios ? { scenarios: file.scenarios } : {}),
      ...(file.limit ? { limit: file.limit } : {}),
    },
    cells,
  };
}

/** Reads a sweep file (YAML, or JSON for `.json`). Errors name the file. */
export function loadSweepFile(path: string): Sweep {
  let raw: unknown;
  try {
    const text = readFileSync(path, "utf8");
    raw = path.toLowerCase().endsWith(".json") ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new SweepFileError(`cannot read sweep file ${path}: ${(error as Error).message}`);
  }
  try {
    return parseSweep(raw);
  } catch (error) {
    if (error instanceof SweepFileError)
      throw new SweepFileError(`invalid sweep file ${path}: ${error.message}`);
    throw error;
  }
}
