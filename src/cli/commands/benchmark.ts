import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import YAML from "yaml";
import { DEFAULT_MAX_PARSE_RETRIES } from "../../agents/llm-policy/llm-policy.js";
import { DEFAULT_OBSERVATION_CHAR_LIMIT } from "../../agents/observation.js";
import { loadScenarioIdsFromFile, loadSplit } from "../../registry/splits.js";
import {
  AgentType,
  loadRunnerConfigFile,
  MultiScenarioRunnerConfig,
  PUBLISHED_LIMITS,
  PUBLISHED_LIMITS_SOURCE,
} from "../../runner/config.js";
import { runBenchmark } from "../../runner/multi-runner.js";
import { createProgressReporter } from "../../runner/progress.js";
import { NO_LLM_USAGE, type RunManifest, saveManifest, summariseNoise } from "../../runner/run-manifest.js";
import { offlinePolicies, type PolicyFactory } from "../../runner/scenario-runner.js";
import { formatShard, parseShard, type Shard } from "../../runner/shard.js";
import { exportRun } from "../../store/export.js";
import { buildJobSpec } from "../../store/job-spec.js";
import { JobBusyError, type JobHandle } from "../../store/run-store.js";
import { CliError } from "../cli-error.js";
import { STORE_OPTION_HELP, withCliStore } from "../store-option.js";
import { effectiveEngineConfig, type LlmCliOptions, probeLlmEndpoints, setupLlmAgents } from "./llm-setup.js";
import { assertKnownScenarios, loadScenarios } from "./scenarios.js";
import { createTraceRecorder } from "./trace-recorder.js";

const int =
  (name: string, min = 0) =>
  (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
    return n;
  };
const num =
  (name: string, min = 0, max = Number.POSITIVE_INFINITY) =>
  (value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new InvalidArgumentError(`${name} must be a number in [${min}, ${max}]`);
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
}

/** File values first, then only the flags the user actually gave. */
function buildConfig(opts: BenchmarkCliOptions, given: (name: string) => boolean): MultiScenarioRunnerConfig {
  let base: Record<string, unknown> = {};
  if (opts.config) {
    try {
      // Validated first for errors that name the file and field; merged from the raw values, so that
      // defaults are filled once, after the flags (aliases follow the models actually chosen).
      loadRunnerConfigFile(opts.config);
      base = { ...(YAML.parse(readFileSync(opts.config, "utf8")) as Record<string, unknown>) };
    } catch (error) {
      throw new CliError(error instanceof Error ? error.message : String(error));
    }
  }
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
    const model = opts[`${role}Model`];
    if (model) {
      const provider = opts[`${role}Provider`] ?? opts.provider ?? "openai";
      const baseUrl = opts[`${role}BaseUrl`] ?? opts.baseUrl;
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

function selectScenarios(opts: BenchmarkCliOptions): { ids: string[]; split: string } {
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
function withEffectiveEngines(
  config: MultiScenarioRunnerConfig,
  opts: BenchmarkCliOptions,
): MultiScenarioRunnerConfig {
  return {
    ...config,
    userEngine: effectiveEngineConfig(config.userEngine, opts, "user"),
    observeEngine: effectiveEngineConfig(config.observeEngine, opts, "observe"),
    executeEngine: effectiveEngineConfig(config.executeEngine, opts, "execute"),
  };
}

function parseShardOption(text: string | undefined): Shard | null {
  if (text === undefined) return null;
  try {
    return parseShard(text);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

export async function runBenchmarkCommand(
  opts: BenchmarkCliOptions,
  given: (name: string) => boolean,
): Promise<number> {
  const parsed = buildConfig(opts, given);
  await loadScenarios(parsed.scenariosDir ?? undefined);
  const { ids, split } = selectScenarios(opts);
  const shard = parseShardOption(opts.shard);
  const config = withEffectiveEngines(parsed, opts);
  const spec = buildJobSpec({ config, scenarioIds: ids, split: split === "custom" ? null : split });
  // The reference agent with an LLM user calls a model for the user only.
  const llmUserOnly = !config.oracle && config.agentType === "reference" && config.userType === "default";
  const mode: RunManifest["mode"] = llmUserOnly ? "llm" : spec.mode;
  const outputRoot = resolve(opts.outputDir);
  const runDir = join(outputRoot, spec.runId);
  const llmConfig = llmUserOnly
    ? { ...config, observeEngine: config.userEngine, executeEngine: config.userEngine }
    : config;
  const llm = mode === "llm" ? setupLlmAgents(llmConfig, opts, join(outputRoot, "llm-cache")) : null;
  if (llm && opts.probe && !opts.replay) await probeLlmEndpoints(config, opts);
  return withCliStore(opts.store, async (store) => {
    let job: JobHandle;
    try {
      job = await store.startJob(spec, { shard });
    } catch (error) {
      if (error instanceof JobBusyError) throw new CliError(error.message);
      throw error;
    }
    const traces = createTraceRecorder(config, join(runDir, "traces"), {
      runId: spec.runId,
      outputRoot,
      keepArtifacts: true,
    });
    const progress = createProgressReporter(process.stderr, opts.quiet === true || opts.json === true);
    let outcome: Awaited<ReturnType<typeof runBenchmark>>;
    const started = performance.now();
    try {
      outcome = await runBenchmark(ids, config, {
        store: job,
        ...(shard ? { shard } : {}),
        policies: llm && llmUserOnly ? withLlmUser(llm.policies) : llm?.policies,
        progress,
        onFinished: traces.record,
        deliberationsFor: traces.deliberationsFor,
        artifactsFor: traces.artifactsFor,
      });
    } catch (error) {
      await job.finish("failed", { wallSeconds: (performance.now() - started) / 1000 }).catch(() => {});
      throw error;
    }
    const generatedAt = opts.generatedAt ?? new Date().toISOString();
    const role = (e: { provider: string; model: string; temperature?: number }) => ({
      provider: e.provider,
      model: e.model,
      temperature: e.temperature ?? null,
    });
    const manifest: RunManifest = {
      runId: spec.runId,
      timestamp: generatedAt,
      selection: { split: spec.split, scenarios: ids, shard: shard ? formatShard(shard) : null },
      seed: config.seed,
      mode,
      agentType: spec.agentType,
      models: {
        user: role(config.userEngine),
        observe: role(config.observeEngine),
        execute: role(config.executeEngine),
      },
      concurrency: config.maxConcurrentScenarios,
      runsPerScenario: config.runsPerScenario,
      totalRuns: outcome.results.results.length,
      executedRuns: outcome.executed,
      resultCacheHits: outcome.cacheHits,
      llm: llm ? llm.usage() : NO_LLM_USAGE,
      infrastructureErrors: outcome.infrastructureErrors,
      noise: summariseNoise(outcome.results.results, config.envEvents?.numEnvEventsPerMinute ?? 0),
      wallClockSeconds: outcome.wallSeconds,
      configHash: spec.fingerprint.hash,
      packageVersion: spec.packageVersion,
      gitRevision: spec.gitRevision,
      gitDirty: spec.gitDirty,
      store: store.describe(),
    };
    await job.finish("finished", { wallSeconds: outcome.wallSeconds, manifest });
    // The files come from the store: the whole job as recorded so far (every shard that wrote into this store),
    // cached runs included with their traces.
    const exported = await exportRun(store, spec.runId, runDir, { generatedAt, manifest });
    saveManifest(join(runDir, "run_manifest.json"), manifest);
    traces.finish(exported.results, manifest);
    const results = exported.results;
    const report = results.description(split, generatedAt);
    const summary = {
      runId: spec.runId,
      resultsDir: runDir,
      store: store.describe(),
      shard: manifest.selection.shard,
      files: exported.paths,
      total: results.results.length,
      success: results.successfulCount,
      failed: results.failedCount,
      exceptions: results.results.filter((r) => r.result.exception !== null).length,
      successRate: results.successRate,
      cacheHits: outcome.cacheHits,
      executed: outcome.executed,
      configHash: spec.fingerprint.hash,
    };
    if (opts.json) {
      console.log(JSON.stringify(summary, null, 2));
    } else {
      console.log(report);
      console.log("");
      console.log(
        `Benchmark complete: ${summary.total} total | ${summary.success} success | ${summary.failed} failed | ${summary.exceptions} exceptions | ${summary.cacheHits} from cache`,
      );
      if (manifest.noise) console.log(noiseLine(manifest.noise));
      console.log(`Run ${spec.runId} (fingerprint ${spec.fingerprint.hash}) in ${store.describe()}`);
      console.log(`Results: ${runDir}`);
    }
    return 0;
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
    .option("--runs <n>", "runs per scenario", int("--runs", 1))
    .option("--concurrency <n>", "scenario runs in flight", int("--concurrency", 1))
    .option("--timeout <seconds>", "wall-clock limit per scenario run", num("--timeout", 0.001))
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
    .option("--experiment <name>", "experiment name (results directory prefix)")
    .option("--no-cache", "neither read nor write the result cache")
    .option("--config <file>", "YAML or JSON runner config; flags override it")
    .option("--export", "keep traces (always written under the run directory)")
    .addOption(new Option("--trace-format <format>", "trace format").choices(["full", "lite"]))
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
    .option("--llm-timeout <seconds>", "per-call LLM timeout", num("--llm-timeout", 0.001))
    .option("--max-retries <n>", "LLM retries per call", int("--max-retries", 0))
    .option("--replay", "serve every model call from the response cache; a miss is an error")
    .option("--probe", "check every endpoint with one tiny call before running (waits for starting servers)")
    .option(
      "--probe-timeout <seconds>",
      "how long a starting endpoint may take (default 600)",
      num("--probe-timeout", 1),
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
  run.action(async (opts: BenchmarkCliOptions, cmd: Command) => {
    const given = (name: string) => {
      const source = cmd.getOptionValueSource(name);
      return source === "cli" || source === "env";
    };
    process.exitCode = await runBenchmarkCommand(opts, given);
  });
}
