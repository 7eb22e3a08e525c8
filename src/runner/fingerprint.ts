import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ScenarioRegistry } from "../registry/scenario-registry.js";
import { defaultAugmentationDataPath } from "../scenarios/noise/augmentation-data.js";
import { canonicalJson } from "../util/canonical-json.js";
import { moduleSourceHasher, resolveProjectImport, typeScriptSourceOf } from "../util/module-source-hash.js";
import { projectRoot } from "../util/project-root.js";
import { sha256Hex } from "../util/stable-hash.js";
import {
  ENGINE_OUTPUT_ONLY_FIELDS,
  type EngineConfig,
  type MultiScenarioRunnerConfig,
  OUTPUT_ONLY_FIELDS,
  type ScenarioRunnerConfig,
} from "./config.js";

/** Bumped when what the fingerprint covers changes meaning, so old cache entries stop matching. */
export const FINGERPRINT_VERSION = 1;

/** Query parameters whose values are secrets (`?api_key=…`, signed URLs); they never enter a fingerprint or a file. */
const SECRET_QUERY_PARAM = /(key|token|secret|password|passwd|pwd|auth|signature|sig|credential)/i;

/**
 * A base URL without credentials (`user:pass@`) or secret query parameters: what identifies the endpoint,
 * safe to hash and to store. Other query parameters (`api-version`) are kept: they can change answers.
 */
export function sanitizeBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL the client could use either; keep only what precedes any credentials or query.
    return url.replace(/\/\/[^/@]*@/, "//").replace(/\?.*$/, "");
  }
  parsed.username = "";
  parsed.password = "";
  for (const name of [...parsed.searchParams.keys()])
    if (SECRET_QUERY_PARAM.test(name)) parsed.searchParams.delete(name);
  return parsed.toString();
}

/** An engine config safe to record: base URL sanitised. */
export function sanitizeEngine(engine: EngineConfig): EngineConfig {
  return engine.baseUrl === undefined ? engine : { ...engine, baseUrl: sanitizeBaseUrl(engine.baseUrl) };
}

/** A config safe to write to a store, trace or manifest: every engine's base URL sanitised. */
export function sanitizeConfig<T extends ScenarioRunnerConfig | MultiScenarioRunnerConfig>(config: T): T {
  return {
    ...config,
    userEngine: sanitizeEngine(config.userEngine),
    observeEngine: sanitizeEngine(config.observeEngine),
    executeEngine: sanitizeEngine(config.executeEngine),
  };
}

const ENGINE_FIELDS = ["userEngine", "observeEngine", "executeEngine"] as const;

/** The config part of the fingerprint: every resolved field but the output-only ones, engines sanitised. */
export function fingerprintedConfig(
  config: ScenarioRunnerConfig | MultiScenarioRunnerConfig,
): Record<string, unknown> {
  const skip = new Set<string>(Object.keys(OUTPUT_ONLY_FIELDS));
  const skipEngine = new Set<string>(Object.keys(ENGINE_OUTPUT_ONLY_FIELDS));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (skip.has(key)) continue;
    if ((ENGINE_FIELDS as readonly string[]).includes(key)) {
      const engine = sanitizeEngine(value as EngineConfig);
      out[key] = Object.fromEntries(Object.entries(engine).filter(([field]) => !skipEngine.has(field)));
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The code a run depends on beyond its scenario: package and dependency versions, harness and prompt sources. */
export interface CodeVersion {
  packageVersion: string;
  /** Hash of package.json's pinned dependency versions. */
  dependencies: string;
  /** Source hash of the scenario runner and everything it imports (environment, agent loop, offline agents). */
  runner: string;
  /** Source hash of the LLM policies: prompt templates, action parser, tool descriptions, engines. */
  promptTemplates: string;
  /** Hash of the augmentation data file; null when the config adds no noise (the data is then unused). */
  augmentationData: string | null;
}

// The sources, also when running from dist/: the fingerprint is the same for compiled and tsx runs.
const HERE = dirname(typeScriptSourceOf(fileURLToPath(import.meta.url)));

function moduleHash(specifier: string): string {
  const file = resolveProjectImport(join(HERE, "fingerprint.ts"), specifier);
  if (file === null) throw new Error(`fingerprint: cannot find module ${specifier} next to ${HERE}`);
  return moduleSourceHasher.hash(file);
}

function packageInfo(): { version: string; dependencies: string } {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")) as {
    version?: string;
    dependencies?: Record<string, string>;
  };
  return { version: pkg.version ?? "0.0.0", dependencies: sha256Hex(canonicalJson(pkg.dependencies ?? {})) };
}

function fileHash(path: string): string {
  return existsSync(path) ? sha256Hex(readFileSync(path, "utf8")).slice(0, 16) : "missing";
}

export function codeVersion(config: ScenarioRunnerConfig | MultiScenarioRunnerConfig): CodeVersion {
  const pkg = packageInfo();
  const noisy = config.toolAugmentation !== null || config.envEvents !== null;
  return {
    packageVersion: pkg.version,
    dependencies: pkg.dependencies.slice(0, 16),
    runner: moduleHash("./scenario-runner.js"),
    promptTemplates: moduleHash("../agents/llm-policy/index.js"),
    augmentationData: noisy ? fileHash(defaultAugmentationDataPath()) : null,
  };
}

/** Everything the fingerprint is computed over (documented in the README). */
export interface FingerprintFields {
  version: number;
  config: Record<string, unknown>;
  code: CodeVersion;
}

export interface Fingerprint {
  /** 16 hex chars: the `config_hash` of every result row. */
  hash: string;
  fields: FingerprintFields;
}

/** The run fingerprint: everything in the resolved config that can change an outcome, plus the code version. */
export function runFingerprint(config: ScenarioRunnerConfig | MultiScenarioRunnerConfig): Fingerprint {
  const fields: FingerprintFields = {
    version: FINGERPRINT_VERSION,
    config: fingerprintedConfig(config),
    code: codeVersion(config),
  };
  return { hash: sha256Hex(canonicalJson(fields)).slice(0, 16), fields };
}

const memo = new WeakMap<object, string>();

/** `runFingerprint(config).hash`, memoised per config object (every run of a job shares one). */
export function getConfigHash(config: ScenarioRunnerConfig | MultiScenarioRunnerConfig): string {
  let hash = memo.get(config);
  if (hash === undefined) {
    hash = runFingerprint(config).hash;
    memo.set(config, hash);
  }
  return hash;
}

/** A class's own source and its ancestors' up to (not including) `Object`: the fallback when no module is known. */
function classSourceChain(cls: unknown): string[] {
  const out: string[] = [];
  let current = cls as { toString(): string } | null;
  while (current && current !== Function.prototype) {
    out.push(current.toString());
    current = Object.getPrototypeOf(current) as { toString(): string } | null;
  }
  return out;
}

/**
 * A scenario's source hash: the module declaring it and every project module it imports (apps, core, helpers),
 * so editing a helper its validator calls changes it. A class registered without a known module falls back to
 * the source of the class and its ancestors.
 */
export function scenarioSourceHash(registry: ScenarioRegistry, scenarioId: string): string {
  const file = registry.sourceFile(scenarioId);
  if (file !== null && existsSync(file)) return moduleSourceHasher.hash(typeScriptSourceOf(file));
  return sha256Hex(JSON.stringify(classSourceChain(registry.get(scenarioId)))).slice(0, 16);
}

/** What identifies a job: its fingerprint, label, selection and the sources of its scenarios. */
export interface JobIdentity {
  fingerprint: string;
  experimentName: string;
  split: string | null;
  scenarioIds: readonly string[];
  runsPerScenario: number;
  /** `scenarioSourceHash` per selected scenario. */
  scenarioHashes: Readonly<Record<string, string>>;
}

/**
 * The run id: 12 hex chars derived from what was asked, never from the clock. The same job gives the same id
 * (and rewrites its own directory); any change of config, code, selection, label or scenario source gives
 * another. Shards of one job share it.
 */
export function jobRunId(identity: JobIdentity): string {
  return sha256Hex(
    canonicalJson({
      fingerprint: identity.fingerprint,
      experimentName: identity.experimentName,
      split: identity.split,
      scenarioIds: [...identity.scenarioIds],
      runsPerScenario: identity.runsPerScenario,
      scenarioHashes: identity.scenarioHashes,
    }),
  ).slice(0, 12);
}
