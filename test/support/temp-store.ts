import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ScenarioRegistry } from "../../src/registry/scenario-registry.js";
import type { MultiScenarioRunnerConfig } from "../../src/runner/config.js";
import { runBenchmark } from "../../src/runner/multi-runner.js";
import type { Shard } from "../../src/runner/shard.js";
import { buildJobSpec } from "../../src/store/job-spec.js";
import { type JobHandle, RunStore } from "../../src/store/run-store.js";

/** A fresh SQLite run store in a temporary directory. */
export async function tempStore(): Promise<RunStore> {
  return RunStore.open(join(mkdtempSync(join(tmpdir(), "pare-store-")), "pare.db"));
}

/** Registers a job in the store (no git call: tests need not run in a checkout). */
export function startJob(
  store: RunStore,
  config: MultiScenarioRunnerConfig,
  ids: readonly string[],
  options: { registry?: ScenarioRegistry; shard?: Shard; split?: string | null } = {},
): Promise<JobHandle> {
  const spec = buildJobSpec({
    config,
    scenarioIds: ids,
    split: options.split ?? null,
    git: { revision: null, dirty: null },
    ...(options.registry ? { registry: options.registry } : {}),
  });
  return store.startJob(spec, { shard: options.shard ?? null });
}

/** Runs a whole job into the store and finishes it. */
export async function runJob(
  store: RunStore,
  config: MultiScenarioRunnerConfig,
  ids: readonly string[],
  options: { registry?: ScenarioRegistry; shard?: Shard } = {},
) {
  const job = await startJob(store, config, ids, options);
  const outcome = await runBenchmark(ids, config, {
    store: job,
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
  });
  const record = await job.finish("finished", { wallSeconds: outcome.wallSeconds });
  return { job, outcome, record };
}
