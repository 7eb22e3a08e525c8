import type { Selectable } from "kysely";
import { canonicalJson } from "../util/canonical-json.js";
import {
  type AnnotationMergeReport,
  emptyAnnotationMergeReport,
  mergeAnnotations,
} from "./merge-annotations.js";
import type { RunStore } from "./run-store.js";
import type { ArtifactsTable, JobsTable } from "./schema.js";

/** A merge that would mix results computed under different fingerprints. Nothing was written. */
export class MergeRefusedError extends Error {
  override readonly name = "MergeRefusedError";
  readonly errorClass = "configuration";
}

export interface MergeReport extends AnnotationMergeReport {
  sources: string[];
  jobsAdded: number;
  jobsExtended: number;
  rowsAdded: number;
  /** Rows the target already had with the same result. */
  rowsAlreadyPresent: number;
  /** Rows the target already had with another result: the target's row is kept (results are never overwritten). */
  rowsConflicting: number;
  artifactsAdded: number;
  cacheEntriesAdded: number;
}

type JobRow = Selectable<JobsTable>;

function flatten(value: unknown, prefix = "", out: Map<string, string> = new Map()): Map<string, string> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, canonicalJson(value));
  }
  return out;
}

/** The fingerprint fields two jobs disagree on, as `path: a vs b` (at most five). */
export function fingerprintDifferences(a: string, b: string): string[] {
  const fa = flatten(JSON.parse(a));
  const fb = flatten(JSON.parse(b));
  const paths = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  return paths
    .filter((p) => fa.get(p) !== fb.get(p))
    .slice(0, 5)
    .map((p) => `${p}: ${fa.get(p) ?? "(absent)"} vs ${fb.get(p) ?? "(absent)"}`);
}

const CHUNK = 200;

/**
 * Merges source stores into `target` (a shard per machine into one store). Refuses, before writing anything,
 * rows whose fingerprint is not their job's, a job whose fingerprint differs from the target's job of the same
 * run id, and the same benchmark (same config, label and selection) run under a different fingerprint (other code
 * or scenario sources): such results must not be combined. Rows already in the target are kept. Annotation sets,
 * samples and answers are merged after the jobs, never overwriting the target's (see `mergeAnnotations`).
 */
export async function mergeStores(target: RunStore, sources: readonly RunStore[]): Promise<MergeReport> {
  const report: MergeReport = {
    sources: sources.map((s) => s.describe()),
    jobsAdded: 0,
    jobsExtended: 0,
    rowsAdded: 0,
    rowsAlreadyPresent: 0,
    rowsConflicting: 0,
    artifactsAdded: 0,
    cacheEntriesAdded: 0,
    ...emptyAnnotationMergeReport(),
  };
  const known = new Map<string, JobRow>();
  for (const job of await target.db.selectFrom("jobs").selectAll().execute()) known.set(job.run_id, job);
  const plan: { source: RunStore; jobs: JobRow[] }[] = [];
  for (const source of sources) {
    const jobs = await source.db.selectFrom("jobs").selectAll().orderBy("run_id").execute();
    for (const job of jobs) {
      const stray = await source.db
        .selectFrom("scenario_runs")
        .select(["base_scenario_id", "run_number", "config_hash"])
        .where("run_id", "=", job.run_id)
        .where("config_hash", "!=", job.fingerprint)
        .executeTakeFirst();
      if (stray)
        throw new MergeRefusedError(
          `${source.describe()}: run ${job.run_id} has a row (${stray.base_scenario_id}, run ${stray.run_number ?? "single"}) with fingerprint ${stray.config_hash}, not its job's ${job.fingerprint}; nothing was merged`,
        );
      const same = known.get(job.run_id);
      if (same && same.fingerprint !== job.fingerprint)
        throw new MergeRefusedError(
          `run ${job.run_id} has fingerprint ${job.fingerprint} in ${source.describe()} but ${same.fingerprint} in the target; nothing was merged`,
        );
      for (const other of known.values()) {
        if (other.config_key === job.config_key && other.fingerprint !== job.fingerprint)
          throw new MergeRefusedError(
            `run ${job.run_id} (${source.describe()}) and run ${other.run_id} are the same benchmark (config, experiment and selection) under different fingerprints ${job.fingerprint} and ${other.fingerprint}; their results must not be combined. Differences: ${fingerprintDifferences(other.fingerprint_json, job.fingerprint_json).join("; ")}. Nothing was merged`,
          );
      }
      known.set(job.run_id, same ?? job);
    }
    plan.push({ source, jobs });
  }
  for (const { source, jobs } of plan) {
    for (const job of jobs) {
      const rows = await source.db
        .selectFrom("scenario_runs")
        .selectAll()
        .where("run_id", "=", job.run_id)
        .execute();
      const executions = await source.db
        .selectFrom("executions")
        .selectAll()
        .where("run_id", "=", job.run_id)
        .execute();
      const entries = await source.db
        .selectFrom("result_cache")
        .selectAll()
        .where("run_id", "=", job.run_id)
        .execute();
      const hashes = [
        ...new Set(
          rows.flatMap((r) => [r.trace_hash, r.deliberations_hash]).filter((h): h is string => h !== null),
        ),
      ];
      const artifacts: Selectable<ArtifactsTable>[] = [];
      for (let i = 0; i < hashes.length; i += CHUNK) {
        artifacts.push(
          ...(await source.db
            .selectFrom("artifacts")
            .selectAll()
            .where("hash", "in", hashes.slice(i, i + CHUNK))
            .execute()),
        );
      }
      await target.db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom("jobs")
          .select("run_id")
          .where("run_id", "=", job.run_id)
          .executeTakeFirst();
        if (existing) report.jobsExtended += 1;
        else {
          await trx.insertInto("jobs").values(job).execute();
          report.jobsAdded += 1;
        }
        for (const artifact of artifacts) {
          const added = await trx
            .insertInto("artifacts")
            .values(artifact)
            .onConflict((oc) => oc.column("hash").doNothing())
            .executeTakeFirst();
          report.artifactsAdded += Number(added.numInsertedOrUpdatedRows ?? 0n);
        }
        for (const row of rows) {
          const present = await trx
            .selectFrom("scenario_runs")
            .select("result_json")
            .where("run_id", "=", row.run_id)
            .where("base_scenario_id", "=", row.base_scenario_id)
            .where("run_slot", "=", row.run_slot)
            .executeTakeFirst();
          if (present) {
            if (present.result_json === row.result_json) report.rowsAlreadyPresent += 1;
            else report.rowsConflicting += 1;
            continue;
          }
          await trx.insertInto("scenario_runs").values(row).execute();
          report.rowsAdded += 1;
        }
        for (const execution of executions)
          await trx
            .insertInto("executions")
            .values(execution)
            .onConflict((oc) => oc.column("execution_id").doNothing())
            .execute();
        for (const entry of entries) {
          const added = await trx
            .insertInto("result_cache")
            .values(entry)
            .onConflict((oc) => oc.column("cache_key").doNothing())
            .executeTakeFirst();
          report.cacheEntriesAdded += Number(added.numInsertedOrUpdatedRows ?? 0n);
        }
        await target.refreshJob(trx, job.run_id);
      });
    }
  }
  // Annotation sets and people's answers (`pare annotate`) are part of a store too: a merge must not lose them.
  for (const source of sources)
    await target.db.transaction().execute((trx) => mergeAnnotations(trx, source.db, report));
  return report;
}
