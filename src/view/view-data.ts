import { parseTrace } from "../evaluation/trace-io.js";
import type { PareTrace } from "../evaluation/trace-schema.js";
import { type ComparedRun, compareRuns, type RunComparison } from "../report/run-comparison.js";
import { calculateStatistics, type Statistics } from "../report/statistics.js";
import type { RunStore } from "../store/run-store.js";
import { type JobRecord, resultsOfRows, type StoredRun } from "../store/store-rows.js";

/** What the viewer knows about a scenario beyond its id (from the bundled catalogue); null when not bundled. */
export interface ScenarioInfo {
  apps: string[];
  kind: string;
}
export type ScenarioCatalogue = ReadonlyMap<string, ScenarioInfo>;

export interface RunSummary {
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  experiment: string;
  split: string | null;
  scenarios: number;
  mode: string;
  agentType: string;
  models: { user: string; observe: string; execute: string };
  fingerprint: string;
  runs: number;
  plannedRuns: number;
  success: number;
  /** Fraction in [0, 1] over runs with a verdict; null when none. */
  successRate: number | null;
  errors: number;
  /** Wall seconds of the latest execution. */
  wallSeconds: number | null;
}

export function runSummary(job: JobRecord): RunSummary {
  const validated = job.counts.success + job.counts.failed;
  return {
    runId: job.runId,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    status: job.status,
    experiment: job.experiment,
    split: job.split,
    scenarios: job.scenarioIds.length,
    mode: job.mode,
    agentType: job.agentType,
    models: job.models,
    fingerprint: job.fingerprint,
    runs: job.counts.total,
    plannedRuns: job.plannedRuns,
    success: job.counts.success,
    successRate: validated > 0 ? job.counts.success / validated : null,
    errors: job.counts.errors,
    wallSeconds: job.wallSeconds,
  };
}

export interface ScenarioRow {
  scenarioId: string;
  runNumber: number | null;
  status: string;
  success: boolean | null;
  proposals: number;
  acceptances: number;
  reads: number;
  writes: number;
  turns: number;
  /** Simulated seconds. */
  duration: number;
  stopReason: string | null;
  error: string | null;
  errorClass: string | null;
  rationale: string | null;
  fromCache: boolean;
  hasTrace: boolean;
  apps: string[];
  kind: string | null;
}

export interface RateBar {
  label: string;
  passes: number;
  validated: number;
  /** Fraction, null when nothing was validated. */
  rate: number | null;
}

export interface RunDetail {
  run: RunSummary;
  config: unknown;
  statistics: Statistics;
  rows: ScenarioRow[];
  plots: {
    byApp: RateBar[];
    byKind: RateBar[];
    /** Mean over scenarios with at least k validated runs of C(c,k)/C(n,k) (all k succeed), a fraction. */
    passHatK: { k: number; value: number | null; scenarios: number }[];
    /** Simulated seconds from the scenario's start to each proposal (observe-mode send_message_to_user). */
    proposalTimes: number[];
    /** Runs whose trace was read for the proposal times (runs without a kept trace are left out). */
    proposalTraces: number;
  };
}

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return out;
}

function bars(rows: readonly ScenarioRow[], keys: (row: ScenarioRow) => string[]): RateBar[] {
  const tally = new Map<string, { passes: number; validated: number }>();
  for (const row of rows) {
    if (row.success === null && row.error === null) continue;
    for (const key of keys(row)) {
      const t = tally.get(key) ?? { passes: 0, validated: 0 };
      t.validated += 1;
      if (row.success === true) t.passes += 1;
      tally.set(key, t);
    }
  }
  return [...tally.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([label, t]) => ({ label, ...t, rate: t.validated > 0 ? t.passes / t.validated : null }));
}

export function passHatK(rows: readonly ScenarioRow[], maxK: number): RunDetail["plots"]["passHatK"] {
  const per = new Map<string, { n: number; c: number }>();
  for (const row of rows) {
    if (row.success === null && row.error === null) continue;
    const t = per.get(row.scenarioId) ?? { n: 0, c: 0 };
    t.n += 1;
    if (row.success === true) t.c += 1;
    per.set(row.scenarioId, t);
  }
  const out: RunDetail["plots"]["passHatK"] = [];
  for (let k = 1; k <= Math.max(1, maxK); k++) {
    const eligible = [...per.values()].filter((t) => t.n >= k);
    out.push({
      k,
      scenarios: eligible.length,
      value:
        eligible.length === 0
          ? null
          : eligible.reduce((s, t) => s + choose(t.c, k) / choose(t.n, k), 0) / eligible.length,
    });
  }
  return out;
}

function scenarioRow(run: StoredRun, catalogue: ScenarioCatalogue): ScenarioRow {
  const r = run.result;
  const info = catalogue.get(run.scenarioId);
  return {
    scenarioId: run.scenarioId,
    runNumber: run.runNumber,
    status: run.status,
    success: r.success,
    proposals: r.proposalCount,
    acceptances: r.acceptanceCount,
    reads: r.readOnlyActions,
    writes: r.writeActions,
    turns: r.numberOfTurns,
    duration: r.duration,
    stopReason: run.stopReason,
    error: r.exception ? `${r.exception.type} (${r.exception.kind}): ${r.exception.message}` : null,
    errorClass: run.errorClass ?? r.exception?.kind ?? null,
    rationale: r.rationale,
    fromCache: run.fromCache,
    hasTrace: run.hasTrace,
    apps: info?.apps ?? [],
    kind: info?.kind ?? null,
  };
}

/** Proposal times (simulated seconds since start) in one trace. */
export function proposalTimes(trace: PareTrace): number[] {
  return trace.events
    .filter(
      (e) =>
        e.eventType === "AGENT" &&
        e.parentEventId === null &&
        e.action?.function === "send_message_to_user" &&
        e.proactiveMode !== "execute",
    )
    .map((e) => e.relativeTime);
}

/** Reads the views a browser asks for from the run store. */
export class ViewData {
  private readonly details = new Map<string, RunDetail>();
  private readonly catalogue: Promise<ScenarioCatalogue>;
  /** `catalogue` may still be loading (the bundled one takes seconds to build); run pages wait for it. */
  constructor(
    readonly store: RunStore,
    catalogue: ScenarioCatalogue | Promise<ScenarioCatalogue> = new Map(),
  ) {
    this.catalogue = Promise.resolve(catalogue).catch(() => new Map());
  }

  async runs(): Promise<RunSummary[]> {
    return (await this.store.listJobs()).map(runSummary);
  }

  private async job(prefix: string): Promise<JobRecord> {
    const runId = await this.store.resolveRunId(prefix);
    const job = await this.store.getJob(runId);
    if (!job) throw new Error(`run ${runId} vanished from the store`);
    return job;
  }

  async run(prefix: string): Promise<RunDetail> {
    const job = await this.job(prefix);
    const cached = this.details.get(job.runId);
    if (cached && cached.run.status !== "running" && cached.run.runs === job.counts.total) return cached;
    const stored = await this.store.jobRuns(job.runId);
    const catalogue = await this.catalogue;
    const rows = stored.map((run) => scenarioRow(run, catalogue));
    const statistics = calculateStatistics(resultsOfRows(job, stored).toPolars());
    const times: number[] = [];
    let traces = 0;
    for (const run of stored) {
      if (!run.hasTrace) continue;
      const files = await this.store.runArtifacts(job.runId, run.scenarioId, run.runNumber);
      if (!files?.trace) continue;
      try {
        times.push(...proposalTimes(parseTrace(JSON.parse(files.trace))));
        traces += 1;
      } catch {
        // A trace that does not parse is shown as such on its own page; the plot leaves it out.
      }
    }
    const detail: RunDetail = {
      run: runSummary(job),
      config: job.config,
      statistics,
      rows,
      plots: {
        byApp: bars(rows, (r) => (r.apps.length > 0 ? r.apps : ["(not in the catalogue)"])),
        byKind: bars(rows, (r) => [r.kind ?? "(not in the catalogue)"]),
        passHatK: passHatK(rows, job.runsPerScenario),
        proposalTimes: times.sort((a, b) => a - b),
        proposalTraces: traces,
      },
    };
    this.details.set(job.runId, detail);
    return detail;
  }

  /** One scenario run: its row, trace (null when none was kept) and any problem reading it. */
  async scenarioRun(
    prefix: string,
    scenarioId: string,
    runNumber: number | null,
  ): Promise<{ run: RunSummary; row: ScenarioRow; trace: PareTrace | null; problem: string | null } | null> {
    const job = await this.job(prefix);
    const stored = (await this.store.jobRuns(job.runId)).find(
      (r) => r.scenarioId === scenarioId && r.runNumber === runNumber,
    );
    if (!stored) return null;
    const files = await this.store.runArtifacts(job.runId, scenarioId, runNumber);
    let trace: PareTrace | null = null;
    let problem: string | null = files?.trace ? null : "no trace was kept for this run";
    if (files?.trace) {
      try {
        trace = parseTrace(JSON.parse(files.trace));
      } catch (error) {
        problem = `the stored trace does not read: ${(error as Error).message}`;
      }
    }
    return { run: runSummary(job), row: scenarioRow(stored, await this.catalogue), trace, problem };
  }

  async compare(
    a: string,
    b: string,
    options: { resamples?: number; seed?: number } = {},
  ): Promise<{ a: RunSummary; b: RunSummary; comparison: RunComparison }> {
    const ja = await this.job(a);
    const jb = await this.job(b);
    const compared = (runs: StoredRun[]): ComparedRun[] =>
      runs.map((r) => ({ scenarioId: r.scenarioId, runNumber: r.runNumber, success: r.result.success }));
    return {
      a: runSummary(ja),
      b: runSummary(jb),
      comparison: compareRuns(
        compared(await this.store.jobRuns(ja.runId)),
        compared(await this.store.jobRuns(jb.runId)),
        {
          resamples: options.resamples ?? 10_000,
          seed: options.seed ?? 0,
        },
      ),
    };
  }
}
