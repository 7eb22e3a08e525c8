import { resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { RESULT_FILE_FORMATS, type ResultFileFormat } from "../../report/results-directory.js";
import { type ComparedRun, compareRuns, type RunComparison } from "../../report/run-comparison.js";
import { exportRun } from "../../store/export.js";
import { MergeRefusedError, mergeStores } from "../../store/merge.js";
import { type RunStore, UnknownRunError } from "../../store/run-store.js";
import { JOB_STATUSES, type JobStatus } from "../../store/schema.js";
import type { JobRecord, StoredRun } from "../../store/store-rows.js";
import { CliError } from "../cli-error.js";
import { openCliStore, withCliStore, withStoreOption } from "../store-option.js";

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
};

/** A run id from a prefix, or one clear line. */
async function runIdOf(store: RunStore, prefix: string): Promise<string> {
  try {
    return await store.resolveRunId(prefix);
  } catch (error) {
    if (error instanceof UnknownRunError) throw new CliError(error.message);
    throw error;
  }
}

const percent = (x: number | null, digits = 1): string =>
  x === null ? "n/a" : `${(x * 100).toFixed(digits)}%`;

/** What a job ran: split name or count of hand-picked scenarios. */
function selectionOf(job: JobRecord): string {
  return job.split ?? `${job.scenarioIds.length} scenario${job.scenarioIds.length === 1 ? "" : "s"}`;
}

/** Who played the roles: the oracle, an offline baseline, or the models (observe/execute, user). */
function modelsOf(job: JobRecord): string {
  if (job.mode === "oracle") return "oracle";
  if (job.mode === "offline") return `${job.agentType} (offline)`;
  const { user, observe, execute } = job.models;
  return `${observe === execute ? observe : `${observe}/${execute}`} · user ${user}`;
}

/** Success fraction over the job's rows with a verdict (exceptions count as failures). */
function successOf(job: JobRecord): number | null {
  const validated = job.counts.success + job.counts.failed;
  return validated > 0 ? job.counts.success / validated : null;
}

function jobSummary(job: JobRecord) {
  return {
    runId: job.runId,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    status: job.status,
    experiment: job.experiment,
    selection: selectionOf(job),
    split: job.split,
    scenarios: job.scenarioIds.length,
    mode: job.mode,
    models: job.models,
    agentType: job.agentType,
    seed: job.seed,
    fingerprint: job.fingerprint,
    runs: job.counts.total,
    plannedRuns: job.plannedRuns,
    success: job.counts.success,
    successRate: successOf(job),
    errors: job.counts.errors,
    wallSeconds: job.wallSeconds,
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

function verdictOf(run: StoredRun): string {
  if (run.result.success === true) return "pass";
  if (run.result.exception) return `error (${run.result.exception.type})`;
  return run.result.success === false ? "fail" : "no validation";
}

function printComparison(a: JobRecord, b: JobRecord, c: RunComparison): void {
  const tally = (t: { passes: number; validated: number } | null) => (t ? `${t.passes}/${t.validated}` : "-");
  const changed = c.scenarios.filter((s) => s.change !== "same");
  console.log(`A: ${a.runId}  ${modelsOf(a)}  (${selectionOf(a)}, fingerprint ${a.fingerprint})`);
  console.log(`B: ${b.runId}  ${modelsOf(b)}  (${selectionOf(b)}, fingerprint ${b.fingerprint})`);
  console.log("");
  if (changed.length === 0) console.log("No scenario changed its verdict.");
  else {
    console.log(
      `Scenarios whose verdict changed (${changed.length} of ${c.scenarios.length}; passes/validated runs):`,
    );
    console.log(
      table(
        ["SCENARIO", "A", "B", "CHANGE"],
        changed.map((s) => [s.scenarioId, tally(s.a), tally(s.b), s.change]),
      ),
    );
  }
  console.log("");
  const p = c.paired;
  console.log(
    `Success rate over the ${p.scenarios} scenarios both runs have: A ${percent(c.a.successRate)} (${c.a.validatedRuns} runs), B ${percent(c.b.successRate)} (${c.b.validatedRuns} runs)`,
  );
  if (p.difference === null || p.ci95 === null) console.log("Difference B − A: n/a (no scenario in common)");
  else {
    const pp = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}`;
    console.log(
      `Difference B − A: ${pp(p.difference)} percentage points, 95% CI [${pp(p.ci95[0])}, ${pp(p.ci95[1])}] (paired bootstrap over scenarios, ${p.resamples} resamples, seed ${p.seed})`,
    );
  }
  const m = c.mcnemar;
  console.log(
    `McNemar exact test on ${m.onlyA + m.onlyB} discordant of ${m.pairs} paired runs (${m.onlyA} pass only in A, ${m.onlyB} only in B): p = ${m.pValue.toPrecision(3)}`,
  );
}

const compared = (runs: readonly StoredRun[]): ComparedRun[] =>
  runs.map((r) => ({ scenarioId: r.scenarioId, runNumber: r.runNumber, success: r.result.success }));

export function registerRunsCommand(program: Command): void {
  const runs = program
    .command("runs")
    .description("Jobs in the run store: list, inspect, export, compare, merge");

  withStoreOption(
    runs
      .command("list")
      .description("Every job: id, when, selection, models, runs, success, errors, wall time, status")
      .option("--json", "machine-readable output")
      .addOption(new Option("--status <status>", "only jobs with this status").choices([...JOB_STATUSES]))
      .option("--fingerprint <hash>", "only jobs with this fingerprint")
      .option("--limit <n>", "at most this many (most recent first)", positiveInt("--limit")),
  ).action(
    async (opts: {
      json?: boolean;
      status?: JobStatus;
      fingerprint?: string;
      limit?: number;
      store?: string;
    }) => {
      await withCliStore(opts.store, async (store) => {
        const jobs = await store.listJobs({
          ...(opts.status ? { status: opts.status } : {}),
          ...(opts.fingerprint ? { fingerprint: opts.fingerprint } : {}),
          ...(opts.limit ? { limit: opts.limit } : {}),
        });
        if (opts.json) {
          console.log(JSON.stringify(jobs.map(jobSummary), null, 2));
          return;
        }
        if (jobs.length === 0) {
          console.log(`No runs in ${store.describe()}.`);
          return;
        }
        console.log(
          table(
            ["RUN ID", "STARTED (UTC)", "SELECTION", "MODELS", "RUNS", "SUCCESS", "ERRORS", "WALL", "STATUS"],
            jobs.map((job) => [
              job.runId,
              job.startedAt.slice(0, 19).replace("T", " "),
              selectionOf(job),
              modelsOf(job),
              job.counts.total === job.plannedRuns
                ? `${job.counts.total}`
                : `${job.counts.total}/${job.plannedRuns}`,
              percent(successOf(job)),
              String(job.counts.errors),
              job.wallSeconds === null ? "n/a" : `${job.wallSeconds.toFixed(1)} s`,
              job.status,
            ]),
          ),
        );
      });
    },
  );

  withStoreOption(
    runs
      .command("show")
      .description("One job: fingerprint and what it covers, config, selection, and every scenario run")
      .argument("<id>", "run id (or a unique prefix)")
      .option("--json", "machine-readable output"),
  ).action(async (id: string, opts: { json?: boolean; store?: string }) => {
    await withCliStore(opts.store, async (store) => {
      const runId = await runIdOf(store, id);
      const job = (await store.getJob(runId)) as JobRecord;
      const rows = await store.jobRuns(runId);
      if (opts.json) {
        console.log(
          JSON.stringify(
            {
              ...jobSummary(job),
              fingerprintFields: job.fingerprintFields,
              config: job.config,
              scenarioIds: job.scenarioIds,
              scenarioHashes: job.scenarioHashes,
              packageVersion: job.packageVersion,
              gitRevision: job.gitRevision,
              gitDirty: job.gitDirty,
              createdAt: job.createdAt,
              runs: rows.map((r) => ({
                scenarioId: r.scenarioId,
                runNumber: r.runNumber,
                seed: r.seed,
                status: r.status,
                success: r.result.success,
                exception: r.result.exception,
                errorClass: r.errorClass,
                stopReason: r.stopReason,
                fromCache: r.fromCache,
                cachedFrom: r.cachedFrom,
                hasTrace: r.hasTrace,
              })),
            },
            null,
            2,
          ),
        );
        return;
      }
      const git = job.gitRevision
        ? `${job.gitRevision.slice(0, 12)}${job.gitDirty ? " (dirty)" : ""}`
        : "n/a";
      console.log(`Run ${job.runId} — ${job.status}`);
      console.log(`  Experiment: ${job.experiment}    Selection: ${selectionOf(job)}    Seed: ${job.seed}`);
      console.log(`  Models: ${modelsOf(job)}`);
      console.log(`  Fingerprint: ${job.fingerprint}    pare-ts ${job.packageVersion}    git ${git}`);
      console.log(
        `  Started ${job.startedAt}, finished ${job.finishedAt ?? "n/a"}, wall ${job.wallSeconds === null ? "n/a" : `${job.wallSeconds.toFixed(1)} s`}`,
      );
      console.log(
        `  Runs: ${job.counts.total} of ${job.plannedRuns} planned | ${job.counts.success} success | ${job.counts.failed} failed | ${job.counts.errors} errors | success rate ${percent(successOf(job))}`,
      );
      console.log("");
      console.log(
        table(
          ["SCENARIO", "RUN", "SEED", "VERDICT", "TURNS", "SIM S", "FROM CACHE"],
          rows.map((r) => [
            r.scenarioId,
            r.runNumber === null ? "-" : String(r.runNumber),
            String(r.seed),
            verdictOf(r),
            String(r.result.numberOfTurns),
            r.result.duration.toFixed(0),
            r.fromCache ? (r.cachedFrom ?? "yes") : "",
          ]),
        ),
      );
    });
  });

  withStoreOption(
    runs
      .command("export")
      .description("Write a job's results (and its traces) into a directory")
      .argument("<id>", "run id (or a unique prefix)")
      .argument("<dir>", "target directory (created if needed)")
      .addOption(
        new Option("--format <format>", "result file format")
          .choices([...RESULT_FILE_FORMATS])
          .makeOptionMandatory(),
      )
      .option("--no-traces", "results only, without traces and deliberations")
      .option("--generated-at <text>", "timestamp in the report header (default: now)"),
  ).action(
    async (
      id: string,
      dir: string,
      opts: { format: ResultFileFormat; traces: boolean; generatedAt?: string; store?: string },
    ) => {
      await withCliStore(opts.store, async (store) => {
        const runId = await runIdOf(store, id);
        const exported = await exportRun(store, runId, resolve(dir), {
          formats: [opts.format],
          traces: opts.traces,
          generatedAt: opts.generatedAt ?? new Date().toISOString(),
        });
        const files = Object.values(exported.paths).filter((p): p is string => p !== null);
        console.log(
          `Exported run ${runId}: ${exported.results.size} rows, ${exported.traceFiles.length} traces → ${resolve(dir)}`,
        );
        for (const file of files) console.log(`  ${file}`);
      });
    },
  );

  withStoreOption(
    runs
      .command("rm")
      .description(
        "Delete a job and its rows (cache entries move to an identical row of another job, if any)",
      )
      .argument("<id>", "run id (or a unique prefix)")
      .option("--yes", "really delete"),
  ).action(async (id: string, opts: { yes?: boolean; store?: string }) => {
    await withCliStore(opts.store, async (store) => {
      const runId = await runIdOf(store, id);
      const job = (await store.getJob(runId)) as JobRecord;
      if (!opts.yes)
        throw new CliError(
          `this would delete run ${runId} (${selectionOf(job)}, ${modelsOf(job)}, ${job.counts.total} rows); add --yes to delete it`,
        );
      const removed = await store.removeJob(runId);
      console.log(
        `Deleted run ${runId}: ${removed.rows} rows; ${removed.cacheEntriesDropped} cache entries had no other copy and were dropped.`,
      );
    });
  });

  withStoreOption(
    runs
      .command("compare")
      .description(
        "Per-scenario verdict changes of B against A, with a paired bootstrap CI and McNemar's test",
      )
      .argument("<a>", "baseline run id (or a unique prefix)")
      .argument("<b>", "run id compared with it")
      .option("--json", "machine-readable output")
      .option("--resamples <n>", "bootstrap resamples (default 10000)", positiveInt("--resamples"))
      .option("--seed <n>", "bootstrap seed (default 0)", positiveInt("--seed")),
  ).action(
    async (
      a: string,
      b: string,
      opts: { json?: boolean; resamples?: number; seed?: number; store?: string },
    ) => {
      await withCliStore(opts.store, async (store) => {
        const [idA, idB] = [await runIdOf(store, a), await runIdOf(store, b)];
        const [jobA, jobB] = [(await store.getJob(idA)) as JobRecord, (await store.getJob(idB)) as JobRecord];
        const comparison = compareRuns(
          compared(await store.jobRuns(idA)),
          compared(await store.jobRuns(idB)),
          {
            ...(opts.resamples ? { resamples: opts.resamples } : {}),
            ...(opts.seed ? { seed: opts.seed } : {}),
          },
        );
        if (opts.json) console.log(JSON.stringify({ runA: idA, runB: idB, ...comparison }, null, 2));
        else printComparison(jobA, jobB, comparison);
      });
    },
  );

  withStoreOption(
    runs
      .command("merge")
      .description(
        "Merge other stores (SQLite files or postgres:// URLs) into this one, refusing mixed fingerprints",
      )
      .argument("<sources...>", "stores to merge from")
      .option("--json", "machine-readable output"),
  ).action(async (sources: string[], opts: { json?: boolean; store?: string }) => {
    await withCliStore(opts.store, async (target) => {
      const opened: RunStore[] = [];
      try {
        for (const source of sources) {
          const store = await openCliStore(source);
          opened.push(store);
          if (store.describe() === target.describe())
            throw new CliError(`cannot merge the store ${target.describe()} into itself`);
        }
        let report: Awaited<ReturnType<typeof mergeStores>>;
        try {
          report = await mergeStores(target, opened);
        } catch (error) {
          if (error instanceof MergeRefusedError) throw new CliError(error.message);
          throw error;
        }
        if (opts.json) console.log(JSON.stringify({ target: target.describe(), ...report }, null, 2));
        else
          console.log(
            `Merged ${report.sources.length} store(s) into ${target.describe()}: ${report.jobsAdded} jobs added, ${report.jobsExtended} extended, ${report.rowsAdded} rows added, ${report.rowsAlreadyPresent} already present, ${report.rowsConflicting} conflicting (kept the target's).`,
          );
        if (
          !opts.json &&
          report.annotationSetsAdded +
            report.annotationSamplesAdded +
            report.annotationsAdded +
            report.annotationsAlreadyPresent +
            report.annotationsConflicting +
            report.annotationSamplesConflicting >
            0
        )
          console.log(
            `Annotations: ${report.annotationSetsAdded} sets added, ${report.annotationSamplesAdded} samples added (${report.annotationSamplesConflicting} conflicting, kept the target's), ${report.annotationsAdded} answers added, ${report.annotationsAlreadyPresent} already present, ${report.annotationsConflicting} conflicting (kept the target's).`,
          );
      } finally {
        for (const store of opened) await store.close();
      }
    });
  });
}
