import { availableParallelism } from "node:os";
import { z } from "zod";

/**
 * PARE's YAML config (typer-config's `--config`): top-level keys are `pare benchmark run`'s parameter names in
 * snake_case (`observe_model`, `split`, `runs`, …), and a file may also hold the snake_case fields of the
 * original's `MultiScenarioRunnerConfig` (`observe_engine_config`, `tool_augmentation_config`, …). pare-ts reads
 * both beside its own camelCase keys. A key that is none of these is an error naming it.
 */

/** What a config file selects and which model flags it stands for: applied where the command line is silent. */
export interface ConfigFileOptions {
  scenario?: string[];
  split?: string;
  limit?: number;
  outputDir?: string;
  userModel?: string;
  userProvider?: string;
  userBaseUrl?: string;
  observeModel?: string;
  observeProvider?: string;
  observeBaseUrl?: string;
  executeModel?: string;
  executeProvider?: string;
  executeBaseUrl?: string;
  toolFailureProbability?: number;
  envEventsPerMinute?: number;
  envEventsSeed?: number;
}

export interface TranslatedConfigFile {
  /** camelCase runner-config fields (not yet defaulted: flags are merged in first). */
  config: Record<string, unknown>;
  options: ConfigFileOptions;
}

const str = z.string().min(1);
const int = z.number().int();
const nonNegInt = int.nonnegative();
const scenarioList = z.union([str, z.array(str).min(1)]);

/** PARE's `LLMEngineConfig` (ARE): `model_name`, `provider`, `endpoint`. */
const PareEngine = z.strictObject({
  model_name: str,
  provider: str.nullable().optional(),
  endpoint: str.nullable().optional(),
  description: z.string().optional(),
});
const PareToolAugmentation = z.strictObject({
  tool_failure_probability: z.number().min(0).max(1).optional(),
  apply_tool_name_augmentation: z.boolean().optional(),
  apply_tool_description_augmentation: z.boolean().optional(),
});
const PareEnvEvents = z.strictObject({
  num_env_events_per_minute: nonNegInt.optional(),
  env_events_seed: int.optional(),
  n_message_events_per_conversation: nonNegInt.optional(),
  n_item_events_per_product: nonNegInt.optional(),
  weight_per_app_class: z.record(z.string(), z.number().nonnegative()).optional(),
});
const PareExecutorType = z.enum(["sequential", "thread", "process"]);
const PareExportFormat = z.enum(["hf", "lite", "both"]);
const PareLogLevel = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(["DEBUG", "INFO", "WARNING", "ERROR"]));

/** `pare benchmark run`'s parameters, as typer-config reads them from a file. */
const pareCliKeys = {
  scenarios: scenarioList,
  split: str,
  observe_model: str,
  observe_provider: str,
  observe_endpoint: str,
  execute_model: str,
  execute_provider: str,
  execute_endpoint: str,
  user_model: str,
  user_provider: str,
  user_endpoint: str,
  max_turns: int.positive(),
  observe_max_iterations: int.positive(),
  execute_max_iterations: int.positive(),
  user_max_iterations: int.positive(),
  tool_failure_probability: z.number().min(0).max(1).nullable(),
  env_events_per_min: nonNegInt.nullable(),
  env_events_seed: int,
  runs: int.positive(),
  max_concurrent: int.positive().nullable(),
  timeout: z.number().positive().nullable(),
  executor_type: PareExecutorType,
  results_dir: str,
  output_dir: str.nullable(),
  export: z.boolean(),
  export_format: PareExportFormat,
  experiment_name: str,
  log_level: PareLogLevel,
  no_cache: z.boolean(),
  oracle: z.boolean(),
  limit: int.positive().nullable(),
};

/** Fields of the original's `MultiScenarioRunnerConfig` that are not also CLI parameters. */
const pareConfigKeys = {
  user_engine_config: PareEngine,
  observe_engine_config: PareEngine,
  execute_engine_config: PareEngine,
  agent_type: z.string(),
  user_type: z.string(),
  trace_dump_format: PareExportFormat,
  use_custom_logger: z.boolean(),
  simulated_generation_time_mode: z.string(),
  tool_augmentation_config: PareToolAugmentation.nullable(),
  env_events_config: PareEnvEvents.nullable(),
  judge_only: z.literal(false),
  judge_engine_config: z.null(),
  max_scenario_duration: z.number().positive(),
  user_model_alias: str.nullable(),
  observe_model_alias: str.nullable(),
  execute_model_alias: str.nullable(),
  max_concurrent_scenarios: int.positive().nullable(),
  timeout_seconds: z.number().positive().nullable(),
  log_to_file: z.boolean(),
  logs_dir: str,
  enable_caching: z.boolean(),
};

/** Every key a config file may hold. PARE's keys are checked here; ours (`ourKeys`) by the runner config afterwards. */
function configFileKeys(ourKeys: readonly string[]) {
  return z.strictObject({
    ...Object.fromEntries(ourKeys.map((k) => [k, z.unknown().optional()])),
    ...Object.fromEntries(Object.entries(pareConfigKeys).map(([k, s]) => [k, s.optional()])),
    ...Object.fromEntries(Object.entries(pareCliKeys).map(([k, s]) => [k, s.optional()])),
  });
}

/** PARE's keys a config file may hold (CLI parameters and config fields), for docs and tests. */
export const PARE_CLI_KEYS = Object.keys(pareCliKeys);
export const PARE_CONFIG_KEYS = Object.keys(pareConfigKeys);

/** Keys of PARE's that mean one thing of ours, named in errors and docs. */
export const PARE_CONFIG_KEY_MAP: Readonly<Record<string, string>> = {
  scenarios: "--scenario (selection)",
  split: "--split (selection)",
  limit: "--limit (selection)",
  runs: "runsPerScenario",
  max_turns: "maxTurns",
  observe_max_iterations: "observeMaxIterations",
  execute_max_iterations: "executeMaxIterations",
  user_max_iterations: "userMaxIterations",
  observe_model: "--observe-model",
  observe_provider: "--observe-provider",
  observe_endpoint: "--observe-base-url",
  execute_model: "--execute-model",
  execute_provider: "--execute-provider",
  execute_endpoint: "--execute-base-url",
  user_model: "--user-model",
  user_provider: "--user-provider",
  user_endpoint: "--user-base-url",
  tool_failure_probability: "toolAugmentation.toolFailureProbability",
  env_events_per_min: "envEvents.numEnvEventsPerMinute",
  env_events_seed: "envEvents.envEventsSeed",
  max_concurrent: "maxConcurrentScenarios",
  max_concurrent_scenarios: "maxConcurrentScenarios",
  timeout: "timeoutSeconds",
  timeout_seconds: "timeoutSeconds",
  executor_type: "executorType (thread, process → async)",
  results_dir: "--output-dir",
  output_dir: "--output-dir (traces are written under it, beside the results)",
  export: "export",
  export_format: "traceFormat (hf → full)",
  trace_dump_format: "traceFormat (hf → full)",
  experiment_name: "experimentName",
  log_level: "logLevel",
  log_to_file: "logToFile (files only with a non-thread executor, as PARE)",
  logs_dir: "logsDir",
  no_cache: "enableCaching: false",
  enable_caching: "enableCaching",
  oracle: "oracle",
  user_engine_config: "userEngine",
  observe_engine_config: "observeEngine",
  execute_engine_config: "executeEngine",
  agent_type: "agentType",
  user_type: "userType",
  tool_augmentation_config: "toolAugmentation",
  env_events_config: "envEvents",
  max_scenario_duration: "maxScenarioDuration",
  user_model_alias: "userModelAlias",
  observe_model_alias: "observeModelAlias",
  execute_model_alias: "executeModelAlias",
  use_custom_logger: "(ignored: logging plumbing)",
  simulated_generation_time_mode: "simulatedGenerationSeconds / generationTokensPerSecond",
  judge_only: "(only false: pare-ts has no judge mode)",
  judge_engine_config: "(only null: pare-ts has no judge mode)",
};

function engine(e: z.infer<typeof PareEngine>): Record<string, unknown> {
  return {
    model: e.model_name,
    provider: e.provider ?? "openai",
    ...(e.endpoint ? { baseUrl: e.endpoint } : {}),
  };
}

const EXPORT_FORMAT: Record<z.infer<typeof PareExportFormat>, string> = {
  hf: "full",
  lite: "lite",
  both: "both",
};

export class ConfigFileKeyError extends Error {
  override name = "ConfigFileKeyError";
}

/**
 * Splits a parsed config file into runner-config fields (camelCase) and the selection and model options it
 * stands for. PARE's keys are translated; ours pass unchanged; when both name one field, ours wins. Throws
 * `ConfigFileKeyError` naming an unknown key or a PARE value out of range, or a value pare-ts cannot honour.
 */
export function translateConfigFile(raw: unknown, ourKeys: readonly string[]): TranslatedConfigFile {
  if (raw === null || raw === undefined) return { config: {}, options: {} };
  const parsed = configFileKeys(ourKeys).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === "unrecognized_keys") {
      throw new ConfigFileKeyError(
        `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")}: neither a pare-ts config field nor one of PARE's config or CLI keys`,
      );
    }
    const field = issue?.path.map(String).join(".") || "(top level)";
    throw new ConfigFileKeyError(`${field}: ${issue?.message}`);
  }
  const file = parsed.data as Record<string, unknown>;
  const p = file as Partial<{
    [K in keyof typeof pareCliKeys]: z.infer<(typeof pareCliKeys)[K]>;
  }> &
    Partial<{ [K in keyof typeof pareConfigKeys]: z.infer<(typeof pareConfigKeys)[K]> }>;
  const config: Record<string, unknown> = {};
  const options: ConfigFileOptions = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined) config[key] = value;
  };

  if (p.simulated_generation_time_mode !== undefined && p.simulated_generation_time_mode !== "measured")
    throw new ConfigFileKeyError(
      `simulated_generation_time_mode: '${p.simulated_generation_time_mode}' is not supported; use simulatedGenerationSeconds or generationTokensPerSecond`,
    );

  // The original's config fields.
  if (p.user_engine_config) put("userEngine", engine(p.user_engine_config));
  if (p.observe_engine_config) put("observeEngine", engine(p.observe_engine_config));
  if (p.execute_engine_config) put("executeEngine", engine(p.execute_engine_config));
  put("agentType", p.agent_type);
  put("userType", p.user_type);
  if (p.trace_dump_format) put("traceFormat", EXPORT_FORMAT[p.trace_dump_format]);
  if (p.tool_augmentation_config !== undefined) {
    const t = p.tool_augmentation_config;
    put(
      "toolAugmentation",
      t === null
        ? null
        : {
            ...(t.tool_failure_probability !== undefined
              ? { toolFailureProbability: t.tool_failure_probability }
              : {}),
            ...(t.apply_tool_name_augmentation !== undefined
              ? { applyToolNameAugmentation: t.apply_tool_name_augmentation }
              : {}),
            ...(t.apply_tool_description_augmentation !== undefined
              ? { applyToolDescriptionAugmentation: t.apply_tool_description_augmentation }
              : {}),
          },
    );
  }
  if (p.env_events_config !== undefined) {
    const e = p.env_events_config;
    put(
      "envEvents",
      e === null
        ? null
        : Object.fromEntries(
            Object.entries({
              numEnvEventsPerMinute: e.num_env_events_per_minute,
              envEventsSeed: e.env_events_seed,
              nMessageEventsPerConversation: e.n_message_events_per_conversation,
              nItemEventsPerProduct: e.n_item_events_per_product,
              weightPerAppClass: e.weight_per_app_class,
            }).filter(([, v]) => v !== undefined),
          ),
    );
  }
  put("maxScenarioDuration", p.max_scenario_duration);
  put("userModelAlias", p.user_model_alias);
  put("observeModelAlias", p.observe_model_alias);
  put("executeModelAlias", p.execute_model_alias);
  const concurrency = p.max_concurrent ?? p.max_concurrent_scenarios;
  if (concurrency !== undefined) put("maxConcurrentScenarios", concurrency ?? availableParallelism());
  put("timeoutSeconds", p.timeout !== undefined ? p.timeout : p.timeout_seconds);
  if (p.executor_type) {
    put("executorType", p.executor_type === "sequential" ? "sequential" : "async");
    // The original writes per-scenario log files unless the executor is the thread pool (its default).
    if (p.executor_type !== "thread" && p.log_to_file !== false) put("logToFile", true);
  }
  put("logsDir", p.logs_dir);
  put("enableCaching", p.no_cache !== undefined ? !p.no_cache : p.enable_caching);

  // The CLI parameters.
  put("maxTurns", p.max_turns);
  put("observeMaxIterations", p.observe_max_iterations);
  put("executeMaxIterations", p.execute_max_iterations);
  put("userMaxIterations", p.user_max_iterations);
  put("runsPerScenario", p.runs);
  put("export", p.export);
  if (p.export_format) put("traceFormat", EXPORT_FORMAT[p.export_format]);
  put("experimentName", p.experiment_name);
  put("logLevel", p.log_level);
  put("oracle", p.oracle);
  if (p.scenarios !== undefined)
    options.scenario = (Array.isArray(p.scenarios) ? p.scenarios : [p.scenarios])
      .flatMap((s) => s.split(","))
      .map((s) => s.trim())
      .filter(Boolean);
  if (p.split !== undefined) options.split = p.split;
  if (p.limit !== undefined && p.limit !== null) options.limit = p.limit;
  const outputDir = p.results_dir ?? p.output_dir ?? undefined;
  if (outputDir) options.outputDir = outputDir;
  for (const role of ["user", "observe", "execute"] as const) {
    const model = p[`${role}_model`];
    const provider = p[`${role}_provider`];
    const endpoint = p[`${role}_endpoint`];
    if (model !== undefined) options[`${role}Model`] = model;
    if (provider !== undefined) options[`${role}Provider`] = provider;
    if (endpoint !== undefined) options[`${role}BaseUrl`] = endpoint;
  }
  if (p.tool_failure_probability !== undefined && p.tool_failure_probability !== null)
    options.toolFailureProbability = p.tool_failure_probability;
  if (p.env_events_per_min !== undefined && p.env_events_per_min !== null)
    options.envEventsPerMinute = p.env_events_per_min;
  if (p.env_events_seed !== undefined) options.envEventsSeed = p.env_events_seed;

  // Our own keys win over PARE's spelling of the same field.
  for (const key of ourKeys) if (Object.hasOwn(file, key) && file[key] !== undefined) config[key] = file[key];
  return { config, options };
}
