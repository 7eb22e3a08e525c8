import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  loadRunnerConfigFile,
  MULTI_ONLY_FIELDS,
  MultiScenarioRunnerConfig,
  type MultiScenarioRunnerConfigInput,
  modelAlias,
  RunnerConfigError,
  runColumnsFromConfig,
  ScenarioRunnerConfig,
  toScenarioRunnerConfig,
} from "../../src/runner/config.js";

const parse = (input: MultiScenarioRunnerConfigInput = {}) => MultiScenarioRunnerConfig.parse(input);

describe("runner config defaults", () => {
  it("fills PARE's defaults", () => {
    const c = parse();
    expect(c.userEngine).toEqual({ model: "gpt-5-mini", provider: "openai" });
    expect(c.observeEngine).toEqual({ model: "gpt-5", provider: "openai" });
    expect(c.executeEngine).toEqual({ model: "gpt-5", provider: "openai" });
    // PARE's published experiment settings, not its CLI defaults of 1/1/1.
    expect([c.maxTurns, c.userMaxIterations, c.observeMaxIterations, c.executeMaxIterations]).toEqual([
      10, 1, 5, 10,
    ]);
    expect([c.observationCharLimit, c.maxFormatRetries, c.nullNotifications]).toEqual([4000, 2, false]);
    expect(c.agentType).toBe("observe-execute");
    expect(c.userType).toBe("default");
    expect(c.oracle).toBe(false);
    expect(c.maxTurns).toBe(10);
    expect(c.export).toBe(false);
    expect(c.outputDir).toBeNull();
    expect(c.traceFormat).toBe("full");
    expect(c.toolAugmentation).toBeNull();
    expect(c.envEvents).toBeNull();
    expect(c.maxScenarioDuration).toBe(600);
    expect(c.simulatedGenerationSeconds).toBe(3);
    expect(c.generationTokensPerSecond).toBeNull();
    expect(c.seed).toBe(0);
    expect(c.scenariosDir).toBeNull();
    expect(c.maxConcurrentScenarios).toBe(4);
    expect(c.timeoutSeconds).toBeNull();
    expect(c.executorType).toBe("async");
    expect(c.logLevel).toBe("INFO");
    expect(c.logsDir).toBe("logs");
    expect(c.enableCaching).toBe(true);
    expect(c.experimentName).toBe("default");
    expect(c.runsPerScenario).toBe(1);
  });

  it("fills model aliases from the engine model names", () => {
    const c = parse({
      userEngine: { model: "openrouter/meta/llama-3", provider: "openrouter" },
      observeEngine: { model: "claude-sonnet", provider: "anthropic" },
      executeModelAlias: "exec",
    });
    expect([c.userModelAlias, c.observeModelAlias, c.executeModelAlias]).toEqual([
      "llama-3",
      "claude-sonnet",
      "exec",
    ]);
    expect(modelAlias("a/b/c")).toBe("c");
    expect(modelAlias("plain")).toBe("plain");
  });

  it("rejects API keys in place of environment variable names", () => {
    expect(() => parse({ userEngine: { model: "m", provider: "p", apiKeyEnv: "sk-abc123" } })).toThrow(
      /apiKeyEnv/,
    );
    expect(
      parse({ userEngine: { model: "m", provider: "p", apiKeyEnv: "OPENAI_API_KEY" } }).userEngine.apiKeyEnv,
    ).toBe("OPENAI_API_KEY");
  });

  it("rejects unknown fields and out-of-range values", () => {
    expect(() => parse({ maxTurn: 3 } as MultiScenarioRunnerConfigInput)).toThrow(/maxTurn/);
    expect(() => parse({ toolAugmentation: { toolFailureProbability: 1.5 } })).toThrow(
      /toolFailureProbability/,
    );
    expect(() => parse({ agentType: "oracle" as "noop" })).toThrow(/agentType/);
    expect(() => parse({ maxTurns: 0 })).toThrow(/maxTurns/);
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, "40"])
      expect(() => parse({ generationTokensPerSecond: bad as number })).toThrow(/generationTokensPerSecond/);
    expect(parse({ generationTokensPerSecond: 1e9 }).generationTokensPerSecond).toBe(1e9);
    expect(() => parse({ proposalTimeoutTurns: 0 })).toThrow(/proposalTimeoutTurns/);
    expect(() => parse({ idleStopTurns: 1.5 })).toThrow(/idleStopTurns/);
    expect(() => parse({ executeFollowUps: 11 })).toThrow(/executeFollowUps/);
    expect(() => parse({ handOverNotice: "yes" as unknown as boolean })).toThrow(/handOverNotice/);
  });

  it("derives the single-scenario config and the result columns", () => {
    const multi = parse({
      toolAugmentation: { toolFailureProbability: 0.2 },
      envEvents: { numEnvEventsPerMinute: 3 },
      observeEngine: { model: "x/obs", provider: "prov" },
    });
    const single = toScenarioRunnerConfig(multi);
    for (const field of MULTI_ONLY_FIELDS) expect(field in single).toBe(false);
    expect(ScenarioRunnerConfig.parse(single)).toEqual(single);
    expect(runColumnsFromConfig(multi)).toEqual({
      userModel: "gpt-5-mini",
      userProvider: "openai",
      observeModel: "obs",
      observeProvider: "prov",
      executeModel: "gpt-5",
      executeProvider: "openai",
      agentType: "observe-execute",
      toolFailureProbability: 0.2,
      numEnvEventsPerMinute: 3,
    });
  });
});

describe("loadRunnerConfigFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "pare-config-"));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("reads YAML", () => {
    const path = write(
      "run.yaml",
      [
        "experimentName: nightly",
        "runsPerScenario: 3",
        "observeEngine:",
        "  model: openai/gpt-5",
        "  provider: openai",
        "  apiKeyEnv: OPENAI_API_KEY",
        "envEvents:",
        "  numEnvEventsPerMinute: 2",
        "",
      ].join("\n"),
    );
    const c = loadRunnerConfigFile(path);
    expect(c.experimentName).toBe("nightly");
    expect(c.runsPerScenario).toBe(3);
    expect(c.observeModelAlias).toBe("gpt-5");
    expect(c.envEvents?.weightPerAppClass).toEqual({
      StatefulEmailApp: 1,
      StatefulMessagingApp: 1,
      StatefulShoppingApp: 1,
      StatefulFilesApp: 1,
    });
  });

  it("reads JSON and empty YAML", () => {
    expect(loadRunnerConfigFile(write("run.json", '{"maxTurns": 4}')).maxTurns).toBe(4);
    expect(loadRunnerConfigFile(write("empty.yml", "")).maxTurns).toBe(10);
  });

  it("names the file and the field on invalid values", () => {
    const path = write("bad.yaml", "maxTurns: -1\nobserveEngine:\n  model: 3\n  provider: openai\n");
    expect(() => loadRunnerConfigFile(path)).toThrow(RunnerConfigError);
    let message = "";
    try {
      loadRunnerConfigFile(path);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(path);
    expect(message).toContain("maxTurns");
    expect(message).toContain("observeEngine.model");
  });

  it("names unknown keys, parse errors and missing files", () => {
    expect(() => loadRunnerConfigFile(write("typo.yaml", "maxTurn: 3\n"))).toThrow(
      /typo\.yaml[\s\S]*maxTurn/,
    );
    expect(() => loadRunnerConfigFile(write("broken.json", "{"))).toThrow(/broken\.json/);
    expect(() => loadRunnerConfigFile(join(dir, "missing.yaml"))).toThrow(/missing\.yaml/);
  });
});
