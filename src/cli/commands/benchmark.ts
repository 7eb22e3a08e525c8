import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_MAX_PARSE_RETRIES } from "../../agents/llm-policy/llm-policy.js";
import { DEFAULT_OBSERVATION_CHAR_LIMIT } from "../../agents/observation.js";
import { scenarioRegistry } from "../../registry/scenario-registry.js";
import { loadScenarioIdsFromFile, loadSplit } from "../../registry/splits.js";
import {
  AgentType,
  type EngineConfig,
  LogLevel,
  MultiScenarioRunnerConfig,
  PUBLISHED_LIMITS,
  PUBLISHED_LIMITS_SOURCE,
  RunnerConfigError,
  readRunnerConfigFile,
  TraceExportFormat,
} from "../../runner/config.js";
import { MAX_TIMER_MS, planJobs, type RunJob, runBenchmark } from "../../runner/multi-runner.js";
import type { ConfigFileOptions } from "../../runner/pare-yaml.js";
import { createProgressReporter, type ProgressReporter } from "../../runner/progress.js";
import { createRunLogWriter } from "../../runner/run-logs.js";
import { NO_LLM_USAGE, type RunManifest, saveManifest, summariseNoise } from "../../runner/run-manifest.js";
import { offlinePolicies, type PolicyFactory } from "../../runner/scenario-runner.js";
import { formatShard, parseShard, type Shard } from "../../runner/shard.js";
import { defaultWorkerCount } from "../../runner/worker-pool.js";
import {
  ERROR_CLASSES,
  ErrorClass,
  type MultiScenarioValidationResult,
} from "../../scenarios/validation-result.js";
import { exportRun } from "../../store/export.js";
import { buildJobSpec, type JobSpec } from "../../store/job-spec.js";
import { JobBusyError, type JobHandle, type RunStore } from "../../store/run-store.js";
import { resultsOfRows } from "../../store/store-rows.js";
import { CliError, EXIT_CODES } from "../cli-error.js";
import { acceptPareAliases } from "../pare-compat.js";
import { STORE_OPTION_HELP, withCliStore } from "../store-option.js";
import { ensureWritableDirectory } from "../writable-path.js";
import { registerBenchmarkReportCommand } from "./benchmark-report.js";
import { effectiveEngineConfig, type LlmCliOptions, probeLlmEndpoints, setupLlmAgents } from "./llm-setup.js";
import { assertKnownScenarios, loadScenarios } from "./scenarios.js";
import { registerSweepCommand } from "./sweep.js";
import { traceRunHooks } from "./trace-hooks.js";
import { createTraceRecorder } from "./trace-recorder.js";

const int =
  (name: string, min = 0) =>
  (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
    return n;
  };
/** The longest wall-clock limit a Node timer can hold (2^31 - 1 ms, about 24.8 days), in whole seconds. */
export const MAX_TIMEOUT_SECONDS = Math.floor(MAX_TIMER_MS / 1000);

const num =
  (name: string, min = 0, max = Number.POSITIVE_INFINITY) =>
  (value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new InvalidArgumentError(`${name} must be a number in [${min}, ${max}]`);
    return n;
  };
/** `--min-success`: a fraction in [0, 1], or a percentage with `%` (`0.8`, `80%`). */
const rate = (value: string): number => {
  const text = value.trim();
  const n = text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (text === "" || text === "%" || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError("--min-success must be a fraction in [0, 1] or a percentage (0.8, 80%)");
  return n;
};
/** `--observation-limit`: a positive count, or `none` (parsed as 0: commander turns a null into ""). */
const charLimit = (value: string): number =>
  value.trim().toLowerCase() === "none" ? 0 : int("--observation-limit", 1)(value);
const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
];

export interface BenchmarkCliOptions extends LlmCliOptions {
  scenario?: string[];
  split?: string;
  scenariosDir?: string;
  oracle?: boolean;
  agent?: string;
  runs?: number;
  concurrency?: number;
  timeout?: number;
  maxTurns?: number;
  seed?: number;
  toolFailureProbability?: number;
  envEventsPerMinute?: number;
  envEventsSeed?: number;
  outputDir: string;
  experiment?: string;
  cache: boolean;
  config?: string;
  json?: boolean;
  export?: boolean;
  traceFormat?: string;
  userMaxIterations?: number;
  observeMaxIterations?: number;
  executeMaxIterations?: number;
  generationSeconds?: number;
  /** 0 stands for "none" (never cut). */
  observationLimit?: number;
  formatRetries?: number;
  nullNotifications?: boolean;
  generationTokensPerSecond?: number;
  proposalTimeout?: number;
  observeSeesAllNotifications?: boolean;
  reportOutcomeToObserve?: boolean;
  executeFollowUps?: number;
  handOverNotice?: boolean;
  idleStop?: number;
  toolCalling?: string;
  appendOnlyUserHistory?: boolean;
  userToolCalling?: string;
  observeToolCalling?: string;
  executeToolCalling?: string;
  quiet?: boolean;
  generatedAt?: string;
  shard?: string;
  store?: string;
  /** Rerun only the runs of this job that ended in an error (or never ran), found in the run store. */
  /** `true`: every error class; else the classes named (`--retry-errors infrastructure,model`). */
  retryErrors?: boolean | ErrorClass[];
  /** Count infrastructure errors as failures in the success rate (default: left out, and counted). */
  countErrorsAsFailures?: boolean;
  /** Exit 3 when the success rate (a fraction) is below this. */
  minSuccess?: number;
  /** First N scenario ids of the selection (PARE's `--limit`). */
  limit?: number;
  logLevel?: string;
  executorType?: string;
  logsDir?: string;
  workers?: number;
}

export type GivenOption = (name: string) => boolean;

/** The models a role plays when only its provider or endpoint is given (PARE's CLI defaults, and ours). */
const DEFAULT_MODELS = { user: "gpt-5-mini", observe: "gpt-5", execute: "gpt-5" } as const;

/**
 * A config file's fields (camelCase, PARE's keys translated) and the options it stands for, which apply where the
 * command line gave none (typer-config's rule: flags override the file).
 */
export function withConfigFile(
  opts: BenchmarkCliOptions,
  given: GivenOption,
): { opts: BenchmarkCliOptions; given: GivenOption; fields: Record<string, unknown> } {
  if (!opts.config) return { opts, given, fields: {} };
  let file: ReturnType<typeof readRunnerConfigFile>;
  try {
    // Validated first for errors that name the file and field; merged from the raw values, so that
    // defaults are filled once, after the flags (aliases follow the models actually chosen).
    file = readRunnerConfigFile(opts.config);
  } catch (error) {
    if (error instanceof RunnerConfigError) throw new CliError(error.message);
    throw error;
  }
  const fromFile = new Set<string>();
  const merged: BenchmarkCliOptions = { ...opts };
  const record = merged as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(file.options) as [keyof ConfigFileOptions, unknown][]) {
    if (value === undefined || given(key)) continue;
    // A selection on the command line replaces the file's selection of the other kind too.
    if ((key === "split" && given("scenario")) || (key === "scenario" && given("split"))) continue;
    record[key] = value;
    fromFile.add(key);
  }
  return { opts: merged, given: (name) => given(name) || fromFile.has(name), fields: { ...file.fields } };
}

/** File values first, then only the flags the user actually gave. */
export function buildConfig(
  opts: BenchmarkCliOptions,
  given: GivenOption,
  fileFields: Record<string, unknown> = {},
): MultiScenarioRunnerConfig {
  const base: Record<string, unknown> = { ...fileFields };
  const set = (flag: string, key: string, value: unknown) => {
    if (given(flag) && value !== undefined) base[key] = value;
  };
  set("oracle", "oracle", opts.oracle);
  set("agent", "agentType", opts.agent);
  set("runs", "runsPerScenario", opts.runs);
  set("concurrency", "maxConcurrentScenarios", opts.concurrency);
  set("timeout", "timeoutSeconds", opts.timeout);
  set("maxTurns", "maxTurns", opts.maxTurns);
  set("seed", "seed", opts.seed);
  set("experiment", "experimentName", opts.experiment);
  set("scenariosDir", "scenariosDir", opts.scenariosDir);
  set("userMaxIterations", "userMaxIterations", opts.userMaxIterations);
  set("observeMaxIterations", "observeMaxIterations", opts.observeMaxIterations);
  set("executeMaxIterations", "executeMaxIterations", opts.executeMaxIterations);
  set("generationSeconds", "simulatedGenerationSeconds", opts.generationSeconds);
  set("observationLimit", "observationCharLimit", opts.observationLimit === 0 ? null : opts.observationLimit);
  set("formatRetries", "maxFormatRetries", opts.formatRetries);
  set("nullNotifications", "nullNotifications", opts.nullNotifications);
  set("generationTokensPerSecond", "generationTokensPerSecond", opts.generationTokensPerSecond);
  set("proposalTimeout", "proposalTimeoutTurns", opts.proposalTimeout);
  set("observeSeesAllNotifications", "observeSeesAllNotifications", opts.observeSeesAllNotifications);
  set("reportOutcomeToObserve", "reportOutcomeToObserve", opts.reportOutcomeToObserve);
  set("executeFollowUps", "executeFollowUps", opts.executeFollowUps);
  set("handOverNotice", "handOverNotice", opts.handOverNotice);
  set("idleStop", "idleStopTurns", opts.idleStop);
  set("toolCalling", "toolCalling", opts.toolCalling);
  set("appendOnlyUserHistory", "appendOnlyUserHistory", opts.appendOnlyUserHistory);
  set("userToolCalling", "userToolCalling", opts.userToolCalling);
  set("observeToolCalling", "observeToolCalling", opts.observeToolCalling);
  set("executeToolCalling", "executeToolCalling", opts.executeToolCalling);
  set("traceFormat", "traceFormat", opts.traceFormat);
  set("export", "export", opts.export);
  set("logLevel", "logLevel", opts.logLevel?.toUpperCase());
  if (given("executorType") && opts.executorType) {
    base.executorType = opts.executorType;
    // PARE writes per-scenario log files unless its executor is the thread pool (its default).
    if (opts.executorType === "sequential") base.logToFile ??= true;
  }
  if (given("logsDir") && opts.logsDir) {
    base.logsDir = opts.logsDir;
    base.logToFile = true;
  }
  // One run at a time: the sequential executor's meaning, unless the concurrency is set explicitly.
  if (
    base.executorType === "sequential" &&
    !given("concurrency") &&
    base.maxConcurrentScenarios === undefined
  )
    base.maxConcurrentScenarios = 1;
  if (given("cache")) base.enableCaching = opts.cache;
  if (given("toolFailureProbability")) {
    base.toolAugmentation = opts.toolFailureProbability
      ? { toolFailureProbability: opts.toolFailureProbability }
      : null;
  }
  if (given("envEventsPerMinute") || given("envEventsSeed")) {
    const rate =
      opts.envEventsPerMinute ??
      (base.envEvents as { numEnvEventsPerMinute?: number } | null)?.numEnvEventsPerMinute;
    base.envEvents = rate ? { numEnvEventsPerMinute: rate, envEventsSeed: opts.envEventsSeed ?? 42 } : null;
  }
  const agentType = (base.agentType as string | undefined) ?? "observe-execute";
  // The reference agent plays against the configured user: an LLM user when a user model is given.
  if (!base.oracle && agentType === "reference" && opts.userModel) base.userType ??= "default";
  if (!base.oracle && agentType !== "observe-execute") base.userType ??= "scripted";
  // Without models, name the roles after what actually plays them, so result files say what ran.
  const offlineName = base.oracle ? "oracle" : agentType !== "observe-execute" ? agentType : null;
  if (offlineName) {
    if (!opts.userModel) base.userModelAlias ??= base.oracle ? "oracle" : "scripted";
    if (!opts.observeModel) base.observeModelAlias ??= offlineName;
    if (!opts.executeModel) base.executeModelAlias ??= offlineName;
  }
  for (const role of ["user", "observe", "execute"] as const) {
    // A role's provider or endpoint alone (PARE's `-oe URL` with its default model) also sets its engine.
    const fileEngine = base[`${role}Engine`] as
      | { model?: string; provider?: string; baseUrl?: string }
      | undefined;
    const roleOnly = opts[`${role}Provider`] !== undefined || opts[`${role}BaseUrl`] !== undefined;
    const model =
      opts[`${role}Model`] ?? (roleOnly ? (fileEngine?.model ?? DEFAULT_MODELS[role]) : undefined);
    if (model) {
      const provider =
        opts[`${role}Provider`] ??
        opts.provider ??
        (opts[`${role}Model`] ? undefined : fileEngine?.provider) ??
        "openai";
      const baseUrl =
        opts[`${role}BaseUrl`] ?? opts.baseUrl ?? (opts[`${role}Model`] ? undefined : fileEngine?.baseUrl);
      base[`${role}Engine`] = {
        model,
        provider,
        ...(baseUrl ? { baseUrl } : {}),
        ...(opts.apiKeyEnv ? { apiKeyEnv: opts.apiKeyEnv } : {}),
        ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
      };
    }
  }
  const parsed = MultiScenarioRunnerConfig.safeParse(base);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`invalid configuration: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
  }
  return parsed.data;
}

export function selectScenarios(opts: BenchmarkCliOptions): { ids: string[]; split: string } {
  const selected = selectAll(opts);
  return opts.limit === undefined ? selected : { ...selected, ids: selected.ids.slice(0, opts.limit) };
}

function selectAll(opts: BenchmarkCliOptions): { ids: string[]; split: string } {
  if (opts.scenario?.length && opts.split)
    throw new CliError("--scenario and --split are mutually exclusive");
  if (!opts.scenario?.length && !opts.split) throw new CliError("either --scenario or --split is required");
  if (opts.split) {
    try {
      return { ids: loadSplit(opts.split), split: opts.split };
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error));
    }
  }
  const ids: string[] = [];
  for (const item of opts.scenario ?? []) {
    if (existsSync(item) && item.endsWith(".txt")) ids.push(...loadScenarioIdsFromFile(item));
    else ids.push(item);
  }
  assertKnownScenarios(ids);
  return { ids, split: "custom" };
}

/** The reference agent's policies with the user played by the LLM policies' user. */
function withLlmUser(llm: PolicyFactory): PolicyFactory {
  return (scenario, config, runNumber) => ({
    ...offlinePolicies(scenario, config, runNumber),
    user: llm(scenario, config, runNumber).user,
  });
}

/** The engines a run really uses (an alias's own provider wins over the default "openai"), so they are fingerprinted. */
export function withEffectiveEngines(
  config: MultiScenarioRunnerConfig,
  opts: BenchmarkCliOptions,
): MultiScenarioRunnerConfig {
  // OPENAI_BASE_URL moves the openai provider's endpoint; written into the config so that it is fingerprinted.
  // Only when models play: oracle and offline fingerprints never depend on the environment.
  const modelsPlay =
    !config.oracle &&
    (config.agentType === "observe-execute" ||
      (config.agentType === "reference" && config.userType === "default"));
  const envBase = modelsPlay ? process.env.OPENAI_BASE_URL : undefined;
  const withEnvBase = (engine: EngineConfig): EngineConfig =>
    envBase && engine.provider === "openai" && engine.baseUrl === undefined
      ? { ...engine, baseUrl: envBase }
      : engine;
  return {
    ...config,
    userEngine: withEnvBase(effectiveEngineConfig(config.userEngine, opts, "user")),
    observeEngine: withEnvBase(effectiveEngineConfig(config.observeEngine, opts, "observe")),
    executeEngine: withEnvBase(effectiveEngineConfig(config.executeEngine, opts, "execute")),
  };
}

/**
 * Worker threads for the job: oracle and offline runs are CPU-bound and run one per core (`--workers`, default
 * one per core up to `--concurrency`); LLM-bound runs stay on the main thread, where `--concurrency` calls wait
 * on the network together, and so do runs whose logs are written (log files or `--log-level` lines are built
 * from the finished run on the main thread). `--workers 0`: everything in-process.
 */
function workerCount(
  opts: BenchmarkCliOptions,
  config: MultiScenarioRunnerConfig,
  llmBound: boolean,
  logged: boolean,
): number {
  const asked = opts.workers !== undefined && opts.workers > 0;
  if (llmBound) {
    if (asked)
      throw new CliError(
        "--workers applies to oracle and offline runs; runs with model calls stay in-process (use --concurrency)",
      );
    return 0;
  }
  if (logged) {
    if (asked)
      throw new CliError(
        "--workers cannot be combined with log files (--logs-dir, --executor-type sequential) or --log-level: logs are written from in-process runs",
      );
    return 0;
  }
  return opts.workers ?? defaultWorkerCount(config.maxConcurrentScenarios);
}

function parseShardOption(text: string | undefined): Shard | null {
  if (text === undefined) return null;
  try {
    return parseShard(text);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

/** `--retry-errors infrastructure,model`: the error classes to rerun (runs that never ran are always rerun). */
export function parseRetryClasses(value: string): ErrorClass[] {
  const names = [
    ...new Set(
      value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    ),
  ];
  if (names.length === 0)
    throw new InvalidArgumentError(`give error classes (${ErrorClass.options.join(", ")}) or none for all`);
  const bad = names.filter((n) => !ErrorClass.safeParse(n).success);
  if (bad.length > 0)
    throw new InvalidArgumentError(
      `unknown error class ${bad.map((b) => JSON.stringify(b.slice(0, 40))).join(", ")}; use ${ErrorClass.options.join(", ")}`,
    );
  return names as ErrorClass[];
}

/** Runs of the plan that ended in an error or were never recorded (an interrupted job): what `--retry-errors` runs. */
async function runsToRetry(
  store: RunStore,
  spec: JobSpec,
  classes: readonly ErrorClass[] | null,
): Promise<RunJob[]> {
  const earlier = await store.getJob(spec.runId);
  if (!earlier)
    throw new CliError(
      `--retry-errors: the store ${store.describe()} has no job ${spec.runId} (fingerprint ${spec.fingerprint.hash}) to retry; run it without --retry-errors first, with the same flags`,
    );
  const errored = (await store.erroredRuns(spec.runId, classes)).map(({ scenarioId, runNumber }) => ({
    scenarioId,
    runNumber,
  }));
  const recorded = new Set(
    (await store.jobRuns(spec.runId)).map((r) => `${r.scenarioId}#${r.runNumber ?? ""}`),
  );
  const missing = planJobs(spec.scenarioIds, spec.runsPerScenario).filter(
    (job) => !recorded.has(`${job.scenarioId}#${job.runNumber ?? ""}`),
  );
  return [...errored, ...missing];
}

/**
 * Ctrl-C during a job: the first stops starting runs and drops the ones in flight (every finished run is already
 * in the store), so the job ends as interrupted with its files written; a second exits at once.
 */
function interruptOnSigint(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) {
      process.stderr.write("\ninterrupted again: exiting without writing the job's files\n");
      process.exit(130);
    }
    process.stderr.write(
      "\ninterrupted: no new run starts; writing the finished runs (Ctrl-C again to quit at once)\n",
    );
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  return { signal: controller.signal, dispose: () => process.off("SIGINT", onSigint) };
}

/** 0 every run completed; 1 a run ended in an error; 3 the success rate is below `--min-success`; 130 interrupted. */
export function benchmarkExitCode(
  results: MultiScenarioValidationResult,
  opts: { minSuccess?: number; countErrorsAsFailures?: boolean; interrupted?: boolean },
): number {
  if (opts.interrupted) return EXIT_CODES.interrupted;
  if (results.errorCount > 0) return EXIT_CODES.runErrors;
  if (opts.minSuccess !== undefined) {
    const counted = results.countedRuns(opts);
    if (counted === 0 || results.successRateOf(opts) < opts.minSuccess) return EXIT_CODES.belowMinSuccess;
  }
  return EXIT_CODES.ok;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export interface JobRequest {
  config: MultiScenarioRunnerConfig;
  ids: string[];
  split: string;
  shard: Shard | null;
  /** The LLM and report flags (endpoints, keys, pricing, replay, --retry-errors, --count-errors-as-failures). */
  opts: BenchmarkCliOptions;
  outputRoot: string;
  progress: ProgressReporter;
  /** Timestamp written into reports. */
  generatedAt?: string;
  /** Echo log lines at or above the configured level (`--log-level` given). */
  echoLogs?: boolean;
}

export interface JobExecution {
  spec: JobSpec;
  outcome: Awaited<ReturnType<typeof runBenchmark>>;
  manifest: RunManifest;
  exported: Awaited<ReturnType<typeof exportRun>>;
  runDir: string;
  generatedAt: string;
  logsDir: string | null;
  errorClasses: ReturnType<MultiScenarioValidationResult["errorsByClass"]>;
  reportOptions: { countErrorsAsFailures: boolean };
}

/**
 * One job, start to finish: recorded in the store (finished runs of the same fingerprint are reused, so an
 * interrupted job resumes), traces and PARE's log files written, the results exported to `<root>/<run id>/`.
 */
export async function executeBenchmarkJob(store: RunStore, request: JobRequest): Promise<JobExecution> {
  const { config, ids, split, shard, opts, outputRoot, progress } = request;
  const spec = buildJobSpec({ config, scenarioIds: ids, split: split === "custom" ? null : split });
  // The reference agent with an LLM user calls a model for the user only.
  const llmUserOnly = !config.oracle && config.agentType === "reference" && config.userType === "default";
  const mode: RunManifest["mode"] = llmUserOnly ? "llm" : spec.mode;
  const runDir = join(outputRoot, spec.runId);
  const llmConfig = llmUserOnly
    ? { ...config, observeEngine: config.userEngine, executeEngine: config.userEngine }
    : config;
  const llm = mode === "llm" ? setupLlmAgents(llmConfig, opts, join(outputRoot, "llm-cache")) : null;
  if (llm && opts.probe && !opts.replay) await probeLlmEndpoints(config, opts);
  const reportOptions = { countErrorsAsFailures: opts.countErrorsAsFailures === true };
  const retryClasses = Array.isArray(opts.retryErrors) ? opts.retryErrors : null;
  const only = opts.retryErrors ? await runsToRetry(store, spec, retryClasses) : undefined;
  let job: JobHandle;
  try {
    job = await store.startJob(spec, { shard });
  } catch (error) {
    if (error instanceof JobBusyError) throw new CliError(error.message);
    throw error;
  }
  if (only && !opts.json)
    process.stderr.write(
      only.length === 0
        ? `--retry-errors: every run of job ${spec.runId} completed without ${retryClasses ? `an error of class ${retryClasses.join(" or ")}` : "an error"}; nothing to rerun\n`
        : `--retry-errors: rerunning ${only.length} run(s) of job ${spec.runId} that ended in ${retryClasses ? `an error of class ${retryClasses.join(" or ")}` : "an error"} or never ran\n`,
    );
  const traces = createTraceRecorder(config, join(runDir, "traces"), {
    runId: spec.runId,
    outputRoot,
    keepArtifacts: true,
  });
  const logs = createRunLogWriter(config, {
    startedAt: new Date(),
    consoleLevel: request.echoLogs ? config.logLevel : null,
  });
  const workers = workerCount(opts, config, llm !== null, logs.dir !== null || request.echoLogs === true);
  mkdirSync(traces.dir, { recursive: true });
  const traceOptions = { runId: spec.runId, outputRoot };
  let outcome: Awaited<ReturnType<typeof runBenchmark>>;
  const started = performance.now();
  const sigint = interruptOnSigint();
  try {
    outcome = await runBenchmark(ids, config, {
      store: job,
      ...(shard ? { shard } : {}),
      ...(only ? { only } : {}),
      interrupt: sigint.signal,
      progress,
      ...(workers > 0
        ? {
            workers,
            runHooks: traceRunHooks({ config, dir: traces.dir, ...traceOptions }),
            typescriptScenarios: ids.some((id) => /\.m?ts$/.test(scenarioRegistry().sourceFile(id) ?? "")),
          }
        : {
            policies: llm && llmUserOnly ? withLlmUser(llm.policies) : llm?.policies,
            onFinished: (run) => {
              traces.record(run);
              logs.record(run);
            },
            deliberationsFor: traces.deliberationsFor,
            artifactsFor: traces.artifactsFor,
          }),
    });
  } catch (error) {
    await job.finish("failed", { wallSeconds: (performance.now() - started) / 1000 }).catch(() => {});
    throw error;
  } finally {
    sigint.dispose();
  }
  const generatedAt = request.generatedAt ?? new Date().toISOString();
  const offlineRole = (name: string) => ({ provider: "none", model: name, temperature: null });
  const role = (e: { provider: string; model: string; temperature?: number }) => ({
    provider: e.provider,
    model: e.model,
    temperature: e.temperature ?? null,
  });
  // The job's status and counts come from all its rows (earlier executions and shards included).
  const record = await job.finish(outcome.interrupted ? "interrupted" : "finished", {
    wallSeconds: outcome.wallSeconds,
  });
  const jobResults = resultsOfRows(record, await store.jobRuns(spec.runId));
  const errorClasses = jobResults.errorsByClass();
  const manifest: RunManifest = {
    runId: spec.runId,
    timestamp: generatedAt,
    selection: { split: spec.split, scenarios: ids, shard: shard ? formatShard(shard) : null },
    seed: config.seed,
    mode,
    agentType: spec.agentType,
    // Only roles a model played name it; the others name what played them (oracle, scripted, a baseline).
    models: {
      user: mode === "llm" ? role(config.userEngine) : offlineRole(config.userModelAlias),
      observe:
        mode === "llm" && !llmUserOnly ? role(config.observeEngine) : offlineRole(config.observeModelAlias),
      execute:
        mode === "llm" && !llmUserOnly ? role(config.executeEngine) : offlineRole(config.executeModelAlias),
    },
    concurrency: config.maxConcurrentScenarios,
    runsPerScenario: config.runsPerScenario,
    totalRuns: jobResults.size,
    executedRuns: outcome.executed,
    resultCacheHits: outcome.cacheHits,
    llm: llm ? llm.usage() : NO_LLM_USAGE,
    infrastructureErrors: errorClasses.infrastructure,
    errorClasses,
    excludedFromSuccessRate: reportOptions.countErrorsAsFailures ? 0 : errorClasses.infrastructure,
    interrupted: outcome.interrupted,
    noise: summariseNoise(jobResults.results, config.envEvents?.numEnvEventsPerMinute ?? 0),
    wallClockSeconds: outcome.wallSeconds,
    configHash: spec.fingerprint.hash,
    packageVersion: spec.packageVersion,
    gitRevision: spec.gitRevision,
    gitDirty: spec.gitDirty,
    store: store.describe(),
  };
  await store.saveJobManifest(spec.runId, manifest);
  // The files come from the store: the whole job as recorded so far (every shard that wrote into this store),
  // cached runs included with their traces.
  const exported = await exportRun(store, spec.runId, runDir, {
    generatedAt,
    manifest,
    report: reportOptions,
  });
  saveManifest(join(runDir, "run_manifest.json"), manifest);
  traces.finish(exported.results, manifest);
  return {
    spec,
    outcome,
    manifest,
    exported,
    runDir,
    generatedAt,
    logsDir: logs.dir,
    errorClasses,
    reportOptions,
  };
}

export async function runBenchmarkCommand(
  cliOpts: BenchmarkCliOptions,
  cliGiven: GivenOption,
): Promise<number> {
  const { opts, given, fields } = withConfigFile(cliOpts, cliGiven);
  const parsed = buildConfig(opts, given, fields);
  await loadScenarios(parsed.scenariosDir ?? undefined);
  const { ids, split } = selectScenarios(opts);
  const shard = parseShardOption(opts.shard);
  // Checked before anything runs: a bad output location fails the command, never the runs.
  const outputRoot = ensureWritableDirectory(opts.outputDir, "--output-dir");
  const config = withEffectiveEngines(parsed, opts);
  return withCliStore(opts.store, async (store) => {
    const progress = createProgressReporter(process.stderr, opts.quiet === true || opts.json === true);
    const { spec, outcome, manifest, exported, runDir, generatedAt, logsDir, errorClasses, reportOptions } =
      await executeBenchmarkJob(store, {
        config,
        ids,
        split,
        shard,
        opts,
        outputRoot,
        progress,
        ...(opts.generatedAt ? { generatedAt: opts.generatedAt } : {}),
        echoLogs: given("logLevel") && opts.json !== true,
      });
    const results = exported.results;
    const report = results.description(split, generatedAt, undefined, reportOptions);
    const exitCode = benchmarkExitCode(results, {
      ...reportOptions,
      interrupted: outcome.interrupted,
      ...(opts.minSuccess !== undefined ? { minSuccess: opts.minSuccess } : {}),
    });
    const counted = results.countedRuns(reportOptions);
    const summary = {
      runId: spec.runId,
      resultsDir: runDir,
      store: store.describe(),
      shard: manifest.selection.shard,
      files: exported.paths,
      total: results.results.length,
      planned: spec.plannedRuns,
      success: results.successfulCount,
      failed: results.failedCount - results.errorCount,
      errors: results.errorCount,
      errorClasses,
      exceptions: results.errorCount,
      /** Over `countedRuns`; null when no run counts. */
      successRate: counted > 0 ? results.successRateOf(reportOptions) : null,
      countedRuns: counted,
      excludedFromSuccessRate: results.countedRuns({ countErrorsAsFailures: true }) - counted,
      cacheHits: outcome.cacheHits,
      executed: outcome.executed,
      logsDir,
      wallSeconds: outcome.wallSeconds,
      interrupted: outcome.interrupted,
      notRun: outcome.notRun,
      exitCode,
      configHash: spec.fingerprint.hash,
    };
    if (opts.json) {
      console.log(JSON.stringify(summary, null, 2));
    } else {
      console.log(report);
      console.log("");
      const classes = ERROR_CLASSES.filter((c) => errorClasses[c] > 0)
        .map((c) => `${c} ${errorClasses[c]}`)
        .join(", ");
      console.log(
        `Benchmark ${outcome.interrupted ? "interrupted" : "complete"}: ${summary.total} total | ${summary.success} success | ${summary.failed} failed | ${summary.errors} errors${classes ? ` (${classes})` : ""} | ${summary.cacheHits} from cache`,
      );
      const excluded = summary.excludedFromSuccessRate;
      console.log(
        `Success rate: ${summary.successRate === null ? "n/a (no run counted)" : pct(summary.successRate)} over ${counted} counted run(s)` +
          (excluded > 0
            ? `; ${excluded} infrastructure error(s) excluded (--count-errors-as-failures counts them as failures)`
            : reportOptions.countErrorsAsFailures && errorClasses.infrastructure > 0
              ? `; ${errorClasses.infrastructure} infrastructure error(s) counted as failures`
              : ""),
      );
      console.log(`Wall time: ${outcome.wallSeconds.toFixed(1)} s (real time of this execution)`);
      if (manifest.noise) console.log(noiseLine(manifest.noise));
      console.log(`Run ${spec.runId} (fingerprint ${spec.fingerprint.hash}) in ${store.describe()}`);
      console.log(`Results: ${runDir}`);
      if (logsDir) console.log(`Logs: ${logsDir}`);
    }
    if (outcome.interrupted)
      process.stderr.write(
        `interrupted: ${results.size} of ${spec.plannedRuns} runs are recorded (job ${spec.runId} marked interrupted); resume with the same command and --retry-errors to run only the ${Math.max(0, spec.plannedRuns - results.size)} left\n`,
      );
    else if (exitCode === EXIT_CODES.runErrors)
      process.stderr.write(
        `exit code 1: ${results.errorCount} run(s) ended in an error; rerun only those with the same command and --retry-errors\n`,
      );
    else if (exitCode === EXIT_CODES.belowMinSuccess)
      process.stderr.write(
        `exit code 3: success rate ${summary.successRate === null ? "n/a" : pct(summary.successRate)} is below --min-success ${pct(opts.minSuccess ?? 0)}\n`,
      );
    return exitCode;
  });
}

/** `Noise: 9 of 30 planned events delivered, 9.8 per simulated minute (configured 10)`. */
function noiseLine(noise: NonNullable<RunManifest["noise"]>): string {
  const rate = noise.deliveredPerMinute === null ? "n/a" : noise.deliveredPerMinute.toFixed(1);
  return `Noise: ${noise.deliveredEvents} of ${noise.plannedEvents} planned events delivered, ${rate} per simulated minute (configured ${noise.configuredPerMinute})`;
}

export function registerBenchmarkCommand(program: Command): void {
  const benchmark = program.command("benchmark").description("Run benchmarks");
  const run = benchmark
    .command("run")
    .description("Run scenarios (a split or chosen ids) in oracle, offline-baseline or LLM mode and report")
    .option("-s, --scenario <id>", "scenario id, comma list or .txt file of ids (repeatable)", collect)
    .option("--split <name>", "a split from data/splits (full, ablation, …)")
    .option("--scenarios-dir <dirs>", "comma-separated scenario directories")
    .option("--oracle", "run the scenarios' reference solutions, no agents")
    .addOption(
      new Option(
        "--agent <type>",
        "assistant: observe-execute (LLM), an offline baseline (noop, random), or reference (plays the scenario's reference solution through the agent loop)",
      ).choices(AgentType.options),
    )
    .option("-l, --limit <n>", "run only the first N scenarios of the selection", int("--limit", 1))
    .option("-r, --runs <n>", "runs per scenario", int("--runs", 1))
    .option("-c, --concurrency <n>", "scenario runs in flight", int("--concurrency", 1))
    .addOption(
      new Option(
        "--executor-type <type>",
        "async (runs in flight in one process) or sequential (one at a time, and PARE's log files)",
      ).choices(["async", "sequential"]),
    )
    .option(
      "-t, --timeout <seconds>",
      `wall-clock limit per scenario run (at most ${MAX_TIMEOUT_SECONDS})`,
      num("--timeout", 0.001, MAX_TIMEOUT_SECONDS),
    )
    .option(
      "--workers <n>",
      "worker threads for oracle and offline runs (default: one per core, at most --concurrency; 0: in-process). Runs with model calls, or whose logs are written, stay in-process",
      int("--workers", 0),
    )
    .option(
      "--max-turns <n>",
      `turns per scenario run (default ${PUBLISHED_LIMITS.maxTurns}: ${PUBLISHED_LIMITS_SOURCE})`,
      int("--max-turns", 1),
    )
    .option("--seed <n>", "base seed", int("--seed", 0))
    .option(
      "--tool-failure-probability <p>",
      "seeded tool failure probability",
      num("--tool-failure-probability", 0, 1),
    )
    .option("--env-events-per-minute <n>", "environmental noise rate", int("--env-events-per-minute", 0))
    .option("--env-events-seed <n>", "environmental noise seed", int("--env-events-seed", 0))
    .option(
      "--user-max-iterations <n>",
      `user steps per turn (default ${PUBLISHED_LIMITS.userMaxIterations}, published setting)`,
      int("--user-max-iterations", 1),
    )
    .option(
      "--observe-max-iterations <n>",
      `observe steps per turn (default ${PUBLISHED_LIMITS.observeMaxIterations}, published setting; PARE's CLI default is 1)`,
      int("--observe-max-iterations", 1),
    )
    .option(
      "--execute-max-iterations <n>",
      `execute steps per execution (default ${PUBLISHED_LIMITS.executeMaxIterations}, published setting; PARE's CLI default is 1)`,
      int("--execute-max-iterations", 1),
    )
    .option(
      "--generation-seconds <s>",
      "simulated seconds charged per model call (default 3; with --generation-tokens-per-second: the expected seconds per call, which plans the noise span)",
      num("--generation-seconds", 0),
    )
    .option(
      "--observation-limit <chars>",
      `characters of a tool result shown to models (default ${DEFAULT_OBSERVATION_CHAR_LIMIT}; "none": never cut, as PARE)`,
      charLimit,
    )
    .option(
      "--format-retries <n>",
      `corrections asked for within one step after unusable model output (default ${DEFAULT_MAX_PARSE_RETRIES}; PARE re-asks up to 10 times)`,
      int("--format-retries", 0),
    )
    .option("--null-notifications", "announce events without a notification template as 'None', as PARE does")
    .option(
      "--generation-tokens-per-second <n>",
      "token mode: charge each model call its output tokens ÷ N simulated seconds",
      num("--generation-tokens-per-second", 0.001),
    )
    .option("--output-dir <dir>", "results root; each job writes <dir>/<run id>/", "results")
    .option("--shard <I/N>", "run only shard I of N (a stable, seed-independent slice of the job)")
    .option("--store <url>", STORE_OPTION_HELP)
    .option(
      "--proposal-timeout <turns>",
      "a proposal left unanswered for this many assistant turns expires (default: it waits for ever, as PARE)",
      int("--proposal-timeout", 1),
    )
    .option(
      "--observe-sees-all-notifications",
      "notifications the executor takes also reach the observe agent (PARE: the executor's only)",
    )
    .option(
      "--report-outcome-to-observe",
      "tell the observe agent how each proposal ended: the answer, the execution's calls and its message",
    )
    .option(
      "--execute-follow-ups <n>",
      "times an execution goes on with the user's answer to its message (default 0: the message ends it, as PARE)",
      int("--execute-follow-ups", 0),
    )
    .option(
      "--no-hand-over-notice",
      "leave out the prompts' statement that the executor sees only the proposal and the user's answer",
    )
    .option(
      "--idle-stop <turns>",
      "end a run after this many consecutive turns in which nothing happened (default: never, as PARE)",
      int("--idle-stop", 1),
    )
    .addOption(
      new Option(
        "--tool-calling <mode>",
        "how the LLM agents call tools: text (PARE's Thought/Action format) or native (function calling)",
      ).choices(["text", "native"]),
    )
    .addOption(
      new Option("--user-tool-calling <mode>", "tool calling of the user agent").choices(["text", "native"]),
    )
    .addOption(
      new Option("--observe-tool-calling <mode>", "tool calling of the observe agent").choices([
        "text",
        "native",
      ]),
    )
    .addOption(
      new Option("--execute-tool-calling <mode>", "tool calling of the execute agent").choices([
        "text",
        "native",
      ]),
    )
    .option(
      "--append-only-user-history",
      "keep the user's screens in its history as sent (prompt-cache friendly; PARE shows only the latest)",
    )
    .option("-n, --experiment <name>", "experiment name (results directory prefix)")
    .option("--no-cache", "neither read nor write the result cache")
    .option(
      "--config <file>",
      "YAML or JSON runner config (our camelCase keys, or PARE's snake_case ones); flags override it",
    )
    .option("--export", "keep traces (always written under the run directory)")
    .option("--no-export", "the same traces are written (pare-ts always keeps them)")
    .addOption(
      new Option(
        "--trace-format <format>",
        "trace format: full, lite, or both (the full trace plus a lite copy)",
      ).choices(TraceExportFormat.options),
    )
    .addOption(
      new Option(
        "--log-level <level>",
        "print log lines at or above this level as runs finish (and in the log files' name)",
      ).argParser((v) => {
        const level = LogLevel.safeParse(v.toUpperCase());
        if (!level.success)
          throw new InvalidArgumentError(`Allowed choices are ${LogLevel.options.join(", ")}.`);
        return level.data;
      }),
    )
    .option("--logs-dir <dir>", "write PARE's per-scenario log files under DIR")
    .option(
      "--retry-errors [classes]",
      `rerun only the runs of this job (same flags) that ended in an error or never ran, as found in the run store; CLASSES (comma-separated: ${ErrorClass.options.join(", ")}) limits it to errors of those classes`,
      parseRetryClasses,
    )
    .option(
      "--count-errors-as-failures",
      "count runs that ended in an infrastructure error as failures (default: left out of every rate, and counted)",
    )
    .option(
      "--min-success <rate>",
      "exit 3 when the success rate is below RATE (a fraction, or a percentage: 0.8, 80%)",
      rate,
    )
    .option("--json", "print a machine-readable summary on stdout")
    .option("--quiet", "no progress output")
    .addOption(
      new Option("--generated-at <text>", "timestamp written into reports (default: now)").hideHelp(),
    )
    .option("--user-model <model>", "user agent model (or alias)")
    .option("--observe-model <model>", "observe model (or alias)")
    .option("--execute-model <model>", "execute model (or alias)")
    .option("--provider <name>", "provider for every role")
    .option("--user-provider <name>", "user provider")
    .option("--observe-provider <name>", "observe provider")
    .option("--execute-provider <name>", "execute provider")
    .option("--base-url <url>", "OpenAI-compatible base URL for every role")
    .option("--user-base-url <url>", "user base URL")
    .option("--observe-base-url <url>", "observe base URL")
    .option("--execute-base-url <url>", "execute base URL")
    .option("--api-key-env <name>", "NAME of the environment variable holding the API key")
    .option("--temperature <t>", "sampling temperature", num("--temperature", 0, 2))
    .option(
      "--llm-timeout <seconds>",
      `per-call LLM timeout (at most ${MAX_TIMEOUT_SECONDS})`,
      num("--llm-timeout", 0.001, MAX_TIMEOUT_SECONDS),
    )
    .option("--max-retries <n>", "LLM retries per call", int("--max-retries", 0))
    .option("--replay", "serve every model call from the response cache; a miss is an error")
    .option("--probe", "check every endpoint with one tiny call before running (waits for starting servers)")
    .option(
      "--probe-timeout <seconds>",
      "how long a starting endpoint may take, calls included (default 600)",
      num("--probe-timeout", 1, MAX_TIMEOUT_SECONDS),
    )
    .option(
      "--prompt-price-per-mtok <usd>",
      "override prompt price (USD per million tokens)",
      num("--prompt-price-per-mtok", 0),
    )
    .option(
      "--completion-price-per-mtok <usd>",
      "override completion price (USD per million tokens)",
      num("--completion-price-per-mtok", 0),
    )
    .option(
      "--cached-prompt-price-per-mtok <usd>",
      "override the price of prompt tokens served from the provider's prompt cache (USD per million tokens)",
      num("--cached-prompt-price-per-mtok", 0),
    )
    .option(
      "--prices <file>",
      "JSON price file laid over the bundled data/prices.json (default: $PARE_PRICES)",
    );
  acceptPareAliases(run);
  registerBenchmarkReportCommand(benchmark);
  registerSweepCommand(benchmark);
  run.action(async (opts: BenchmarkCliOptions, cmd: Command) => {
    const given = (name: string) => {
      const source = cmd.getOptionValueSource(name);
      return source === "cli" || source === "env";
    };
    process.exitCode = await runBenchmarkCommand(opts, given);
  });
}
