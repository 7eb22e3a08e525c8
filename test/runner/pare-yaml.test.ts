import { mkdtempSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  MultiScenarioRunnerConfigObject,
  RunnerConfigError,
  readRunnerConfigFile,
} from "../../src/runner/config.js";
import {
  ConfigFileKeyError,
  PARE_CLI_KEYS,
  PARE_CONFIG_KEY_MAP,
  PARE_CONFIG_KEYS,
  translateConfigFile,
} from "../../src/runner/pare-yaml.js";

const OURS = Object.keys(MultiScenarioRunnerConfigObject.shape);
const translate = (raw: unknown) => translateConfigFile(raw, OURS);

describe("PARE's YAML keys", () => {
  it("maps the original's CLI parameters: selection and model options, and config fields", () => {
    const { config, options } = translate({
      scenarios: "a, b",
      limit: 2,
      observe_model: "gpt-5",
      observe_provider: "hosted_vllm",
      observe_endpoint: "http://localhost:8001/v1",
      execute_model: "qwen",
      user_model: "gpt-5-mini",
      max_turns: 7,
      observe_max_iterations: 5,
      execute_max_iterations: 10,
      user_max_iterations: 1,
      tool_failure_probability: 0.3,
      env_events_per_min: 4,
      env_events_seed: 9,
      runs: 3,
      max_concurrent: 2,
      timeout: 30,
      executor_type: "process",
      results_dir: "out",
      export: true,
      export_format: "hf",
      experiment_name: "paper",
      log_level: "debug",
      no_cache: true,
      oracle: false,
    });
    expect(options).toEqual({
      scenario: ["a", "b"],
      limit: 2,
      outputDir: "out",
      observeModel: "gpt-5",
      observeProvider: "hosted_vllm",
      observeBaseUrl: "http://localhost:8001/v1",
      executeModel: "qwen",
      userModel: "gpt-5-mini",
      toolFailureProbability: 0.3,
      envEventsPerMinute: 4,
      envEventsSeed: 9,
    });
    expect(config).toEqual({
      maxTurns: 7,
      observeMaxIterations: 5,
      executeMaxIterations: 10,
      userMaxIterations: 1,
      runsPerScenario: 3,
      maxConcurrentScenarios: 2,
      timeoutSeconds: 30,
      executorType: "async",
      logToFile: true,
      export: true,
      traceFormat: "full",
      experimentName: "paper",
      logLevel: "DEBUG",
      enableCaching: false,
      oracle: false,
    });
  });

  it("maps the original's config fields (engines, noise configs, aliases)", () => {
    const { config } = translate({
      observe_engine_config: {
        model_name: "m",
        provider: "local",
        endpoint: "http://x/v1",
        description: "d",
      },
      user_engine_config: { model_name: "u" },
      tool_augmentation_config: { tool_failure_probability: 0.1, apply_tool_name_augmentation: true },
      env_events_config: { num_env_events_per_minute: 2, env_events_seed: 3, weight_per_app_class: { A: 1 } },
      observe_model_alias: "mine",
      max_concurrent_scenarios: null,
      timeout_seconds: null,
      trace_dump_format: "lite",
      max_scenario_duration: 100,
      logs_dir: "L",
      enable_caching: true,
      use_custom_logger: false,
      judge_only: false,
      judge_engine_config: null,
      simulated_generation_time_mode: "measured",
      executor_type: "thread",
    });
    expect(config).toMatchObject({
      observeEngine: { model: "m", provider: "local", baseUrl: "http://x/v1" },
      userEngine: { model: "u", provider: "openai" },
      toolAugmentation: { toolFailureProbability: 0.1, applyToolNameAugmentation: true },
      envEvents: { numEnvEventsPerMinute: 2, envEventsSeed: 3, weightPerAppClass: { A: 1 } },
      observeModelAlias: "mine",
      maxConcurrentScenarios: availableParallelism(),
      timeoutSeconds: null,
      traceFormat: "lite",
      maxScenarioDuration: 100,
      logsDir: "L",
      enableCaching: true,
      executorType: "async",
    });
    // The thread pool (PARE's default) writes no log files, as the original.
    expect(config.logToFile).toBeUndefined();
  });

  it("lets our camelCase key win over PARE's spelling of the same field", () => {
    expect(translate({ max_turns: 3, maxTurns: 5 }).config.maxTurns).toBe(5);
    expect(translate({ runs: 3, runsPerScenario: 2 }).config.runsPerScenario).toBe(2);
  });

  it("names an unknown key, a bad value, and what pare-ts cannot honour", () => {
    expect(() => translate({ observe_modle: "x" })).toThrow(
      /'observe_modle'.*neither a pare-ts config field nor one of PARE's/,
    );
    expect(() => translate({ runs: "3" })).toThrow(/^runs: /);
    expect(() => translate({ runs: 0 })).toThrow(/^runs: /);
    expect(() => translate({ tool_failure_probability: 2 })).toThrow(/tool_failure_probability/);
    expect(() => translate({ executor_type: "gpu" })).toThrow(/executor_type/);
    expect(() => translate({ log_level: "LOUD" })).toThrow(/log_level/);
    expect(() => translate({ judge_only: true })).toThrow(/judge_only/);
    expect(() => translate({ observe_engine_config: { model: "m" } })).toThrow(/observe_engine_config/);
    expect(() => translate({ simulated_generation_time_mode: "fixed" })).toThrow(/generationTokensPerSecond/);
    expect(() => translate({ scenarios: [] })).toThrow(/scenarios/);
    expect(() => translate(["a list"])).toThrow(ConfigFileKeyError);
    expect(() => translate("a string")).toThrow(ConfigFileKeyError);
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    expect(() => translate(many)).toThrow(/'k0'/);
    expect(translate(null)).toEqual({ config: {}, options: {} });
  });

  it("documents every PARE key it accepts", () => {
    for (const key of [...PARE_CLI_KEYS, ...PARE_CONFIG_KEYS])
      expect(PARE_CONFIG_KEY_MAP[key], key).toBeDefined();
  });

  it("reads a PARE YAML file through the runner-config loader; errors name the file and key", () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-yaml-"));
    const path = join(dir, "pare.yaml");
    writeFileSync(path, 'observe_model: "gpt-5"\nsplit: "full"\nruns: 3\nmax_turns: 4\n');
    const file = readRunnerConfigFile(path);
    expect(file.config.runsPerScenario).toBe(3);
    expect(file.config.maxTurns).toBe(4);
    expect(file.options).toEqual({ split: "full", observeModel: "gpt-5" });
    writeFileSync(path, "split: full\nsplitt: full\n");
    expect(() => readRunnerConfigFile(path)).toThrow(RunnerConfigError);
    expect(() => readRunnerConfigFile(path)).toThrow(/pare\.yaml[\s\S]*'splitt'/);
  });
});
