import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ScenarioRegistry } from "../../src/registry/scenario-registry.js";
import {
  ENGINE_OUTPUT_ONLY_FIELDS,
  EngineConfig,
  MultiScenarioRunnerConfig,
  type MultiScenarioRunnerConfigInput,
  MultiScenarioRunnerConfigObject,
  OUTPUT_ONLY_FIELDS,
  ScenarioRunnerConfigObject,
  toScenarioRunnerConfig,
} from "../../src/runner/config.js";
import {
  getConfigHash,
  jobRunId,
  runFingerprint,
  sanitizeBaseUrl,
  scenarioSourceHash,
} from "../../src/runner/fingerprint.js";
import { TodoFollowupScenario } from "../support/todo-scenario.js";

/**
 * Every config field that must change the fingerprint. A new config field has to be added here or to
 * OUTPUT_ONLY_FIELDS (with its reason): the partition test fails otherwise.
 */
const FINGERPRINTED_FIELDS = [
  "userEngine",
  "observeEngine",
  "executeEngine",
  "userMaxIterations",
  "agentType",
  "userType",
  "observeMaxIterations",
  "executeMaxIterations",
  "oracle",
  "maxTurns",
  "toolAugmentation",
  "envEvents",
  "maxScenarioDuration",
  "simulatedGenerationSeconds",
  "generationTokensPerSecond",
  "userModelAlias",
  "observeModelAlias",
  "executeModelAlias",
  "seed",
  "observationCharLimit",
  "maxFormatRetries",
  "nullNotifications",
  "proposalTimeoutTurns",
  "observeSeesAllNotifications",
  "reportOutcomeToObserve",
  "executeFollowUps",
  "handOverNotice",
  "idleStopTurns",
  "toolCalling",
  "userToolCalling",
  "observeToolCalling",
  "executeToolCalling",
  "appendOnlyUserHistory",
];

/** Every engine field that must change the fingerprint (the others are in ENGINE_OUTPUT_ONLY_FIELDS). */
const FINGERPRINTED_ENGINE_FIELDS = ["model", "provider", "baseUrl", "temperature"];

/** A non-default value for every field. */
const VARIANTS: Record<string, unknown> = {
  userEngine: { model: "gpt-5-mini", provider: "azure", baseUrl: "http://localhost:1" },
  observeEngine: { model: "gpt-5", provider: "openai", temperature: 0.3 },
  executeEngine: { model: "gpt-5", provider: "vllm", baseUrl: "http://localhost:2" },
  userMaxIterations: 2,
  agentType: "noop",
  userType: "scripted",
  observeMaxIterations: 3,
  executeMaxIterations: 4,
  oracle: true,
  maxTurns: 5,
  export: true,
  outputDir: "/tmp/traces",
  traceFormat: "lite",
  toolAugmentation: { toolFailureProbability: 0.1 },
  envEvents: {},
  maxScenarioDuration: 300,
  simulatedGenerationSeconds: 2.5,
  generationTokensPerSecond: 40,
  userModelAlias: "user-alias",
  observeModelAlias: "observe-alias",
  executeModelAlias: "execute-alias",
  seed: 1,
  scenariosDir: "scenarios",
  observationCharLimit: null,
  maxFormatRetries: 10,
  nullNotifications: true,
  proposalTimeoutTurns: 2,
  observeSeesAllNotifications: true,
  reportOutcomeToObserve: true,
  executeFollowUps: 1,
  handOverNotice: false,
  idleStopTurns: 3,
  toolCalling: "native",
  userToolCalling: "native",
  observeToolCalling: "native",
  executeToolCalling: "native",
  appendOnlyUserHistory: true,
  maxConcurrentScenarios: 8,
  timeoutSeconds: 30,
  executorType: "sequential",
  logLevel: "DEBUG",
  logsDir: "other-logs",
  logToFile: true,
  enableCaching: false,
  experimentName: "ablation",
  runsPerScenario: 3,
};

const ENGINE_VARIANTS: Record<string, unknown> = {
  model: "gpt-4o",
  provider: "local",
  baseUrl: "http://127.0.0.1:8000/v1",
  temperature: 1.5,
  apiKeyEnv: "OTHER_KEY",
};

const parse = (input: MultiScenarioRunnerConfigInput = {}) => MultiScenarioRunnerConfig.parse(input);
const hash = (input: MultiScenarioRunnerConfigInput = {}) => runFingerprint(parse(input)).hash;

describe("the run fingerprint", () => {
  const base = hash();

  it("is 16 hex chars and ignores whether defaults were spelled out", () => {
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(hash({ maxTurns: 10, seed: 0, userModelAlias: "gpt-5-mini" })).toBe(base);
  });

  it("partitions every config field into fingerprinted or output-only", () => {
    const all = Object.keys(MultiScenarioRunnerConfigObject.shape).sort();
    const outputOnly = Object.keys(OUTPUT_ONLY_FIELDS);
    expect(FINGERPRINTED_FIELDS.filter((f) => outputOnly.includes(f))).toEqual([]);
    expect([...FINGERPRINTED_FIELDS, ...outputOnly].sort()).toEqual(all);
    expect(Object.keys(VARIANTS).sort()).toEqual(all);
    for (const field of Object.keys(ScenarioRunnerConfigObject.shape)) expect(all).toContain(field);
    for (const reason of Object.values(OUTPUT_ONLY_FIELDS)) expect(reason.length).toBeGreaterThan(5);
  });

  it("partitions every engine field too", () => {
    const all = Object.keys(EngineConfig.shape).sort();
    expect([...FINGERPRINTED_ENGINE_FIELDS, ...Object.keys(ENGINE_OUTPUT_ONLY_FIELDS)].sort()).toEqual(all);
    expect(Object.keys(ENGINE_VARIANTS).sort()).toEqual(all);
  });

  it.each(FINGERPRINTED_FIELDS)("changes when %s changes", (field) => {
    expect(hash({ [field]: VARIANTS[field] } as MultiScenarioRunnerConfigInput)).not.toBe(base);
  });

  it.each(Object.keys(OUTPUT_ONLY_FIELDS))("ignores the output-only field %s", (field) => {
    expect(hash({ [field]: VARIANTS[field] } as MultiScenarioRunnerConfigInput)).toBe(base);
  });

  it.each(FINGERPRINTED_ENGINE_FIELDS)("changes when an engine's %s changes, for every role", (field) => {
    for (const role of ["userEngine", "observeEngine", "executeEngine"] as const) {
      const engine = { model: "gpt-5", provider: "openai", [field]: ENGINE_VARIANTS[field] };
      expect(hash({ [role]: engine })).not.toBe(hash({ [role]: { model: "gpt-5", provider: "openai" } }));
    }
  });

  it("ignores which variable holds the key, and the credentials and secrets of a base URL", () => {
    const engine = (extra: Record<string, unknown>) => ({
      observeEngine: { model: "m", provider: "local", baseUrl: "https://api.example.test/v1", ...extra },
    });
    const plain = hash(engine({}));
    expect(hash(engine({ apiKeyEnv: "OTHER_KEY" }))).toBe(plain);
    expect(hash(engine({ baseUrl: "https://me:hunter2@api.example.test/v1?api_key=sk-123" }))).toBe(plain);
    expect(hash(engine({ baseUrl: "https://api.example.test/v1?api-version=2024-10-01" }))).not.toBe(plain);
    const fields = JSON.stringify(
      runFingerprint(parse(engine({ baseUrl: "https://me:hunter2@api.example.test/v1?token=sk-123" })))
        .fields,
    );
    expect(fields).not.toContain("hunter2");
    expect(fields).not.toContain("sk-123");
  });

  it("follows nested noise settings and records the augmentation data only when noise is on", () => {
    expect(hash({ toolAugmentation: { toolFailureProbability: 0.1 } })).not.toBe(
      hash({ toolAugmentation: { toolFailureProbability: 0.2 } }),
    );
    expect(hash({ envEvents: { envEventsSeed: 1 } })).not.toBe(hash({ envEvents: { envEventsSeed: 2 } }));
    expect(runFingerprint(parse()).fields.code.augmentationData).toBeNull();
    expect(runFingerprint(parse({ envEvents: {} })).fields.code.augmentationData).toMatch(/^[0-9a-f]{16}$/);
  });

  it("covers the code: package version, dependencies, runner sources and prompt templates", () => {
    const { code } = runFingerprint(parse()).fields;
    expect(code.packageVersion).toMatch(/^\d+\.\d+\.\d+/);
    for (const part of [code.dependencies, code.runner, code.promptTemplates])
      expect(part).toMatch(/^[0-9a-f]{16}$/);
    expect(code.runner).not.toBe(code.promptTemplates);
  });

  it("is the same for a job config and the single-scenario config derived from it", () => {
    const multi = parse(VARIANTS as MultiScenarioRunnerConfigInput);
    expect(getConfigHash(toScenarioRunnerConfig(multi))).toBe(getConfigHash(multi));
  });
});

describe("sanitizeBaseUrl", () => {
  it.each([
    ["https://u:p@host.test/v1", "https://host.test/v1"],
    ["https://host.test/v1?key=abc&api-version=1", "https://host.test/v1?api-version=1"],
    ["https://host.test/v1?X-Amz-Signature=1&access_token=2&sig=3", "https://host.test/v1"],
    ["http://127.0.0.1:8000/v1", "http://127.0.0.1:8000/v1"],
    ["not a url://user:pw@x?secret=1", "not a url://x"],
    ["", ""],
  ])("%s → %s", (input, expected) => {
    expect(sanitizeBaseUrl(input)).toBe(expected);
  });

  it("copes with a huge URL", () => {
    const long = `https://host.test/${"a".repeat(100_000)}?token=${"b".repeat(10_000)}`;
    expect(sanitizeBaseUrl(long)).toBe(`https://host.test/${"a".repeat(100_000)}`);
  });
});

describe("scenario source hashes", () => {
  it("change when a helper module the scenario imports changes, not when an unrelated file does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-src-"));
    const support = pathToFileURL(join(process.cwd(), "test/support/todo-scenario.ts")).href;
    writeFileSync(join(dir, "helper.ts"), "export const threshold = 1;\n");
    writeFileSync(join(dir, "unrelated.ts"), "export const x = 1;\n");
    writeFileSync(
      join(dir, "my-scenario.ts"),
      [
        `import { TodoFollowupScenario } from ${JSON.stringify(support)};`,
        `import { threshold } from "./helper.js";`,
        "export class Mine extends TodoFollowupScenario { limit = threshold; }",
      ].join("\n"),
    );
    const { Mine } = (await import(pathToFileURL(join(dir, "my-scenario.ts")).href)) as {
      Mine: typeof TodoFollowupScenario;
    };
    const registry = new ScenarioRegistry();
    registry.register("mine", Mine as never, join(dir, "my-scenario.ts"));
    const before = scenarioSourceHash(registry, "mine");
    expect(scenarioSourceHash(registry, "mine")).toBe(before);
    writeFileSync(join(dir, "unrelated.ts"), "export const x = 2;\n");
    expect(scenarioSourceHash(registry, "mine")).toBe(before);
    writeFileSync(join(dir, "helper.ts"), "export const threshold = 2;\n");
    expect(scenarioSourceHash(registry, "mine")).not.toBe(before);
  });

  it("are found by @registerScenario and fall back to the class source without a module", () => {
    const registry = new ScenarioRegistry();
    class Loose extends TodoFollowupScenario {}
    registry.register("loose", Loose as never);
    expect(registry.sourceFile("loose")).toBeNull();
    expect(scenarioSourceHash(registry, "loose")).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("jobRunId", () => {
  const identity = {
    fingerprint: "f".repeat(16),
    experimentName: "default",
    split: null,
    scenarioIds: ["a", "b"],
    runsPerScenario: 1,
    scenarioHashes: { a: "1", b: "2" },
  };

  it("is the same for the same job and differs for any other selection, label, count or source", () => {
    const id = jobRunId(identity);
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(jobRunId({ ...identity })).toBe(id);
    for (const other of [
      { fingerprint: "e".repeat(16) },
      { experimentName: "other" },
      { split: "full" },
      { scenarioIds: ["a"] },
      { scenarioIds: ["b", "a"] },
      { runsPerScenario: 3 },
      { scenarioHashes: { a: "1", b: "3" } },
    ])
      expect(jobRunId({ ...identity, ...other })).not.toBe(id);
  });
});
