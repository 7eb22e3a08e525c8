import { readFileSync } from "node:fs";
import { extname } from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { DEFAULT_MAX_PARSE_RETRIES } from "../agents/llm-policy/llm-policy.js";
import { DEFAULT_OBSERVATION_CHAR_LIMIT } from "../agents/observation.js";
import { EnvEventsConfig, ToolAugmentationConfig } from "../scenarios/noise/noise-config.js";
import type { ResultRunColumns } from "../scenarios/validation-result.js";
import { ConfigFileKeyError, type ConfigFileOptions, translateConfigFile } from "./pare-yaml.js";
import { PUBLISHED_LIMITS } from "./published-limits.js";

/** One LLM endpoint. `apiKeyEnv` names the environment variable that holds the key; keys never enter configs. */
export const EngineConfig = z.strictObject({
  model: z.string().min(1),
  provider: z.string().min(1),
  baseUrl: z.string().min(1).optional(),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be the NAME of an environment variable, not a key")
    .optional(),
  temperature: z.number().min(0).max(2).optional(),
});
export type EngineConfig = z.infer<typeof EngineConfig>;

export const AgentType = z.enum(["observe-execute", "noop", "random", "reference"]);
export type AgentType = z.infer<typeof AgentType>;
export const UserType = z.enum(["default", "scripted"]);
export type UserType = z.infer<typeof UserType>;
export const TraceFormat = z.enum(["full", "lite"]);
export type TraceFormat = z.infer<typeof TraceFormat>;
/** What a job writes: one trace format, or both (the full trace plus a lite copy, PARE's `--export-format both`). */
export const TraceExportFormat = z.enum(["full", "lite", "both"]);
export type TraceExportFormat = z.infer<typeof TraceExportFormat>;
/** The format of a job's main trace file (`both` writes the full one there). */
export function primaryTraceFormat(format: TraceExportFormat): TraceFormat {
  return format === "both" ? "full" : format;
}
export const ExecutorType = z.enum(["async", "sequential"]);
export type ExecutorType = z.infer<typeof ExecutorType>;
/** `text`: PARE's `Thought:` / `Action:` format; `native`: the provider's function calling (see README). */
export const ToolCalling = z.enum(["text", "native"]);
export type ToolCalling = z.infer<typeof ToolCalling>;
export const LogLevel = z.enum(["DEBUG", "INFO", "WARNING", "ERROR"]);
export type LogLevel = z.infer<typeof LogLevel>;

const positiveInt = z.number().int().positive();
const aliasField = z.string().min(1).nullable().default(null);

export { PUBLISHED_LIMITS, PUBLISHED_LIMITS_SOURCE } from "./published-limits.js";

/** Fields of a single-scenario run (spec §11.1), camelCased. */
const scenarioRunnerShape = {
  userEngine: EngineConfig.default(() => ({ model: "gpt-5-mini", provider: "openai" })),
  /** User ReAct steps per turn. */
  userMaxIterations: positiveInt.default(PUBLISHED_LIMITS.userMaxIterations),
  agentType: AgentType.default("observe-execute"),
  userType: UserType.default("default"),
  observeEngine: EngineConfig.default(() => ({ model: "gpt-5", provider: "openai" })),
  /** Observe ReAct steps per turn. PARE's CLI default is 1; its published runs used 5 (see PUBLISHED_LIMITS). */
  observeMaxIterations: positiveInt.default(PUBLISHED_LIMITS.observeMaxIterations),
  executeEngine: EngineConfig.default(() => ({ model: "gpt-5", provider: "openai" })),
  /** Execute ReAct steps per execution. PARE's CLI default is 1; its published runs used 10. */
  executeMaxIterations: positiveInt.default(PUBLISHED_LIMITS.executeMaxIterations),
  oracle: z.boolean().default(false),
  /** Not nullable, unlike PARE: an unbounded loop never ends on a virtual clock. */
  maxTurns: positiveInt.default(PUBLISHED_LIMITS.maxTurns),
  export: z.boolean().default(false),
  outputDir: z.string().min(1).nullable().default(null),
  traceFormat: TraceExportFormat.default("full"),
  toolAugmentation: ToolAugmentationConfig.nullable().default(null),
  envEvents: EnvEventsConfig.nullable().default(null),
  /**
   * Oracle mode only: simulated seconds after which an oracle run of a scenario without its own duration is cut off
   * (a guard against a flow that never empties its queue). Agent runs end at `maxTurns`, or at the scenario's own
   * duration when it sets one.
   */
  maxScenarioDuration: z.number().positive().default(600),
  /**
   * Simulated seconds the clock advances per model call (fixed mode). In token mode it is the expected seconds per
   * call that plans the noise span, and what a call reporting no token count (an offline policy) is charged.
   */
  simulatedGenerationSeconds: z.number().nonnegative().default(3),
  /**
   * Token mode when set: a model call advances the clock by its output tokens ÷ this rate (so a recorded run
   * replays to the same times); null = fixed mode.
   */
  generationTokensPerSecond: z.number().positive().nullable().default(null),
  /** Canonical model names for caching, file names and result columns; default = engine model after the last "/". */
  userModelAlias: aliasField,
  observeModelAlias: aliasField,
  executeModelAlias: aliasField,
  seed: z.number().int().default(0),
  scenariosDir: z.string().min(1).nullable().default(null),
  /**
   * Characters of a tool result shown to a model (and kept in deliberation logs); longer results are cut with a
   * "(truncated)" mark. null: never cut, as PARE does.
   */
  observationCharLimit: positiveInt.nullable().default(DEFAULT_OBSERVATION_CHAR_LIMIT),
  /**
   * Extra model calls within one step that answer an unusable output with a correction (PARE: up to 10 plain
   * re-asks when the output has neither `Thought:` nor `Action:`).
   */
  maxFormatRetries: z.number().int().min(0).max(50).default(DEFAULT_MAX_PARSE_RETRIES),
  /** Announce events without a notification template as `None`, as PARE's HIGH verbosity does. */
  nullNotifications: z.boolean().default(false),
  // The agent loop (docs/departures.md, "The agent loop"): the defaults are the original's behaviour.
  /** Assistant turns a proposal waits for the user's answer before it expires; null: for ever, as PARE. */
  proposalTimeoutTurns: positiveInt.nullable().default(null),
  /** Notifications the executor takes also reach the observe agent (PARE: only the executor, whose history is dropped). */
  observeSeesAllNotifications: z.boolean().default(false),
  /** The observe agent is told how each proposal ended: the answer, the execution's calls and its message. */
  reportOutcomeToObserve: z.boolean().default(false),
  /** Times one execution may go on with the user's answer to its message (a question); 0: its message ends it, as PARE. */
  executeFollowUps: z.number().int().min(0).max(10).default(0),
  /** The prompts say that the executor starts fresh with only the proposal and the user's answer. */
  handOverNotice: z.boolean().default(true),
  /** End a run after this many consecutive turns in which nothing happened (see README); null: never, as PARE. */
  idleStopTurns: positiveInt.nullable().default(null),
  /** How the LLM agents call tools: PARE's text format, or native function calling. */
  toolCalling: ToolCalling.default("text"),
  /** Per-role overrides of `toolCalling`; null: as `toolCalling`. */
  userToolCalling: ToolCalling.nullable().default(null),
  observeToolCalling: ToolCalling.nullable().default(null),
  executeToolCalling: ToolCalling.nullable().default(null),
  /**
   * Keep the user's screens (available actions, location) in its history as sent, so that every request extends
   * the previous one and providers' prompt caches hit; false: only the latest screen is shown, as PARE does.
   */
  appendOnlyUserHistory: z.boolean().default(false),
};

/**
 * An experiment name: a label that may name directories (PARE's results directory is `<experiment>_<split>_…`),
 * so it must stay one path segment inside the output directory: no separators, no `..`, no control characters.
 */
export const ExperimentName = z
  .string()
  .min(1)
  .max(120, "must be at most 120 characters")
  .refine(
    (name) => !/[/\\]/.test(name),
    "must not contain / or \\ (it names a directory inside --output-dir)",
  )
  .refine((name) => name !== "." && name !== ".." && !name.startsWith(".."), "must not be . or start with ..")
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "must not contain control characters")
  .refine((name) => !/^[A-Za-z]:/.test(name), "must not be a drive path");

/** The tool-calling mode a role uses under a config (its override, else `toolCalling`). */
export function roleToolCalling(
  config: Pick<
    ScenarioRunnerConfig,
    "toolCalling" | "userToolCalling" | "observeToolCalling" | "executeToolCalling"
  >,
  role: "user" | "observe" | "execute",
): ToolCalling {
  return config[`${role}ToolCalling`] ?? config.toolCalling ?? "text";
}

/** Fields that only a multi-scenario job has. */
const multiOnlyShape = {
  maxConcurrentScenarios: positiveInt.default(4),
  /** At most 2147483 s (2^31 - 1 ms, the longest delay a Node timer holds). */
  timeoutSeconds: z.number().positive().max(2_147_483).nullable().default(null),
  executorType: ExecutorType.default("async"),
  logLevel: LogLevel.default("INFO"),
  logsDir: z.string().min(1).default("logs"),
  /** Write PARE's per-scenario log files under `logsDir` (the original: unless its executor is the thread pool). */
  logToFile: z.boolean().default(false),
  enableCaching: z.boolean().default(true),
  experimentName: ExperimentName.default("default"),
  runsPerScenario: positiveInt.default(1),
};

/** The part of a model name after its last "/" (`openai/gpt-5` → `gpt-5`). */
export function modelAlias(model: string): string {
  const slash = model.lastIndexOf("/");
  return slash >= 0 ? model.slice(slash + 1) : model;
}

type WithAliases<T extends { userModelAlias: string | null }> = Omit<
  T,
  "userModelAlias" | "observeModelAlias" | "executeModelAlias"
> & { userModelAlias: string; observeModelAlias: string; executeModelAlias: string };

function fillAliases<
  T extends {
    userEngine: EngineConfig;
    observeEngine: EngineConfig;
    executeEngine: EngineConfig;
    userModelAlias: string | null;
    observeModelAlias: string | null;
    executeModelAlias: string | null;
  },
>(config: T): WithAliases<T> {
  return {
    ...config,
    userModelAlias: config.userModelAlias ?? modelAlias(config.userEngine.model),
    observeModelAlias: config.observeModelAlias ?? modelAlias(config.observeEngine.model),
    executeModelAlias: config.executeModelAlias ?? modelAlias(config.executeEngine.model),
  };
}

export const ScenarioRunnerConfigObject = z.strictObject(scenarioRunnerShape);
export const ScenarioRunnerConfig = ScenarioRunnerConfigObject.transform(fillAliases);
export type ScenarioRunnerConfig = z.output<typeof ScenarioRunnerConfig>;
export type ScenarioRunnerConfigInput = z.input<typeof ScenarioRunnerConfig>;

export const MultiScenarioRunnerConfigObject = z.strictObject({ ...scenarioRunnerShape, ...multiOnlyShape });
export const MultiScenarioRunnerConfig = MultiScenarioRunnerConfigObject.transform(fillAliases);
export type MultiScenarioRunnerConfig = z.output<typeof MultiScenarioRunnerConfig>;
export type MultiScenarioRunnerConfigInput = z.input<typeof MultiScenarioRunnerConfig>;

export const MULTI_ONLY_FIELDS = Object.keys(multiOnlyShape) as (keyof typeof multiOnlyShape)[];

/**
 * Config fields that cannot change what a run computes, each with the reason. The run fingerprint covers every
 * other field of the resolved config, so a field added later is fingerprinted unless it is listed here: add a
 * field here only when it is output, display or execution plumbing.
 */
export const OUTPUT_ONLY_FIELDS = {
  maxConcurrentScenarios: "how many runs are in flight, not what each computes",
  timeoutSeconds:
    "a run past it ends as an infrastructure error, which is never cached; a finished run is the same",
  executorType: "execution plumbing",
  logLevel: "output",
  logsDir: "output location",
  logToFile: "output",
  enableCaching: "whether the cache is used, not what runs compute",
  experimentName: "a label; it names the job (run id) but does not change a run",
  runsPerScenario: "how many runs; each run's number is part of its own cache key",
  outputDir: "output location",
  export: "output",
  traceFormat: "output format of the traces",
  scenariosDir: "where scenarios are found; each scenario's own source hash keys its results",
} as const satisfies Partial<Record<keyof MultiScenarioRunnerConfig, string>>;

/** Engine fields that cannot change a model's answers (which variable holds the key). */
export const ENGINE_OUTPUT_ONLY_FIELDS = {
  apiKeyEnv: "names the variable holding the key; keys never change answers and never enter a fingerprint",
} as const satisfies Partial<Record<keyof EngineConfig, string>>;

/** The single-scenario config a job hands to each run (multi-only fields dropped). */
export function toScenarioRunnerConfig(config: MultiScenarioRunnerConfig): ScenarioRunnerConfig {
  const multiOnly = new Set<string>(MULTI_ONLY_FIELDS);
  return Object.fromEntries(
    Object.entries(config).filter(([key]) => !multiOnly.has(key)),
  ) as unknown as ScenarioRunnerConfig;
}

/** The config columns of every result row (spec §12.4). */
export function runColumnsFromConfig(
  config: ScenarioRunnerConfig | MultiScenarioRunnerConfig,
): ResultRunColumns {
  return {
    userModel: config.userModelAlias,
    userProvider: config.userEngine.provider,
    observeModel: config.observeModelAlias,
    observeProvider: config.observeEngine.provider,
    executeModel: config.executeModelAlias,
    executeProvider: config.executeEngine.provider,
    agentType: config.oracle ? "oracle" : config.agentType,
    toolFailureProbability: config.toolAugmentation?.toolFailureProbability ?? 0,
    numEnvEventsPerMinute: config.envEvents?.numEnvEventsPerMinute ?? 0,
  };
}

export class RunnerConfigError extends Error {
  override name = "RunnerConfigError";
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.map(String).join(".") || "(top level)";
      return `  - ${field}: ${issue.message}`;
    })
    .join("\n");
}

export interface RunnerConfigFile {
  /** The file's runner-config fields, camelCase (PARE's keys translated), not yet defaulted. */
  fields: Record<string, unknown>;
  /** Selection and model options the file stands for (PARE's CLI keys). */
  options: ConfigFileOptions;
  config: MultiScenarioRunnerConfig;
}

/**
 * Reads a runner config from a YAML or JSON file (JSON only for `.json`): our camelCase keys, PARE's
 * snake_case config fields and CLI parameters (see `pare-yaml.ts`). Errors name the file and the field.
 */
export function readRunnerConfigFile(path: string): RunnerConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new RunnerConfigError(`Cannot read runner config ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = extname(path).toLowerCase() === ".json" ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new RunnerConfigError(`Cannot parse runner config ${path}: ${(error as Error).message}`);
  }
  let translated: ReturnType<typeof translateConfigFile>;
  try {
    translated = translateConfigFile(raw, Object.keys(MultiScenarioRunnerConfigObject.shape));
  } catch (error) {
    if (error instanceof ConfigFileKeyError)
      throw new RunnerConfigError(`Invalid runner config ${path}:\n  - ${error.message}`);
    throw error;
  }
  const parsed = MultiScenarioRunnerConfig.safeParse(translated.config);
  if (!parsed.success) {
    throw new RunnerConfigError(`Invalid runner config ${path}:\n${describeIssues(parsed.error)}`);
  }
  return { fields: translated.config, options: translated.options, config: parsed.data };
}

/** Parses a runner config file (see `readRunnerConfigFile`). */
export function loadRunnerConfigFile(path: string): MultiScenarioRunnerConfig {
  return readRunnerConfigFile(path).config;
}
