import { type ScenarioRegistry, scenarioRegistry } from "../registry/scenario-registry.js";
import type { MultiScenarioRunnerConfig } from "../runner/config.js";
import {
  type Fingerprint,
  jobRunId,
  runFingerprint,
  sanitizeConfig,
  scenarioSourceHash,
} from "../runner/fingerprint.js";
import { planJobs } from "../runner/multi-runner.js";
import { canonicalJson } from "../util/canonical-json.js";
import { gitDirty, gitRevision } from "../util/git-info.js";
import { sha256Hex } from "../util/stable-hash.js";

export type RunMode = "oracle" | "offline" | "llm";

/** Everything the store keeps about what a job was asked to do. */
export interface JobSpec {
  runId: string;
  fingerprint: Fingerprint;
  /** Hash of the fingerprinted config, label and selection, without the code version. */
  configKey: string;
  /** The resolved config with base URLs sanitised. */
  config: MultiScenarioRunnerConfig;
  experiment: string;
  split: string | null;
  scenarioIds: string[];
  scenarioHashes: Record<string, string>;
  seed: number;
  runsPerScenario: number;
  plannedRuns: number;
  mode: RunMode;
  agentType: string;
  models: { user: string; observe: string; execute: string };
  packageVersion: string;
  gitRevision: string | null;
  gitDirty: boolean | null;
}

export function runMode(config: MultiScenarioRunnerConfig): RunMode {
  if (config.oracle) return "oracle";
  return config.agentType === "observe-execute" ? "llm" : "offline";
}

export interface JobSpecInput {
  config: MultiScenarioRunnerConfig;
  scenarioIds: readonly string[];
  /** The split name, or null for a hand-picked selection. */
  split: string | null;
  registry?: ScenarioRegistry;
  /** Git revision and dirty flag (default: asked of git). */
  git?: { revision: string | null; dirty: boolean | null };
}

/** The job's identity and description: fingerprint, run id, selection, code version. */
export function buildJobSpec(input: JobSpecInput): JobSpec {
  const { config } = input;
  const registry = input.registry ?? scenarioRegistry();
  const fingerprint = runFingerprint(config);
  const scenarioIds = [...input.scenarioIds];
  const scenarioHashes: Record<string, string> = {};
  for (const id of scenarioIds) scenarioHashes[id] ??= scenarioSourceHash(registry, id);
  const runId = jobRunId({
    fingerprint: fingerprint.hash,
    experimentName: config.experimentName,
    split: input.split,
    scenarioIds,
    runsPerScenario: config.runsPerScenario,
    scenarioHashes,
  });
  const configKey = sha256Hex(
    canonicalJson({
      config: fingerprint.fields.config,
      experimentName: config.experimentName,
      split: input.split,
      scenarioIds,
      runsPerScenario: config.runsPerScenario,
    }),
  ).slice(0, 16);
  const git = input.git ?? { revision: gitRevision(), dirty: gitDirty() };
  return {
    runId,
    fingerprint,
    configKey,
    config: sanitizeConfig(config),
    experiment: config.experimentName,
    split: input.split,
    scenarioIds,
    scenarioHashes,
    seed: config.seed,
    runsPerScenario: config.runsPerScenario,
    plannedRuns: planJobs(scenarioIds, config.runsPerScenario).length,
    mode: runMode(config),
    agentType: config.oracle ? "oracle" : config.agentType,
    models: {
      user: config.userModelAlias,
      observe: config.observeModelAlias,
      execute: config.executeModelAlias,
    },
    packageVersion: fingerprint.fields.code.packageVersion,
    gitRevision: git.revision,
    gitDirty: git.dirty,
  };
}
