import pl from "nodejs-polars";
import { calculateStatistics } from "../statistics.js";
import { CHART_FONT, type ChartSpec } from "./chart-spec.js";

/** One job's results, as the store gives them. */
export interface PlotRun {
  runId: string;
  frame: pl.DataFrame;
}

export type RobustnessMetric = "success" | "proposal" | "acceptance";

/** What each metric measures, with its unit (axis titles, data files). */
export const METRIC_TITLES: Record<RobustnessMetric, string> = {
  success: "success rate (% of validated runs)",
  proposal: "proposal rate (proposals per turn)",
  acceptance: "acceptance rate (% of proposals)",
};

/** One plotted figure: a metric of one model at one tool-failure probability and noise rate. */
export interface RobustnessPoint {
  model: string;
  toolFailureProbability: number;
  /** Environmental events per simulated minute. */
  noiseRate: number;
  metric: RobustnessMetric;
  /** null: undefined (no validated run, no turn or no proposal), shown as n/a and not drawn. */
  value: number | null;
  /** Standard error over the replicates (seed × run number); null with fewer than two replicates. */
  sem: number | null;
  /** Scenario runs behind the figure. */
  runs: number;
  replicates: number;
  runIds: string[];
}

function single(frame: pl.DataFrame, column: string): string | number | null {
  const values = frame.getColumn(column).unique().toArray() as (string | number | null)[];
  return values.length === 1 ? (values[0] ?? null) : null;
}

/** The label a job's assistant gets: its model, or `observe/execute` when they differ (and the user when several). */
function modelLabel(frame: pl.DataFrame, withUser: boolean): string {
  const observe = String(single(frame, "observe_model") ?? "?");
  const execute = String(single(frame, "execute_model") ?? "?");
  const model = observe === execute ? observe : `${observe}/${execute}`;
  return withUser ? `${model} (user ${single(frame, "user_model") ?? "?"})` : model;
}

/**
 * The robustness figures of a set of jobs (a sweep's cells): jobs of the same model, tool-failure probability
 * and noise rate (other seeds) are pooled, each (job, run number) a replicate. Values are the report's
 * statistics (`calculateStatistics`): success rate over validated runs, PARE's aggregate proposal and acceptance
 * rates; error bars are their standard errors over replicates.
 */
export function robustnessPoints(runs: readonly PlotRun[]): RobustnessPoint[] {
  const nonEmpty = runs.filter((r) => r.frame.height > 0);
  const users = new Set(nonEmpty.map((r) => String(single(r.frame, "user_model"))));
  const groups = new Map<string, { model: string; tfp: number; noise: number; runs: PlotRun[] }>();
  for (const run of nonEmpty) {
    const model = modelLabel(run.frame, users.size > 1);
    const tfp = Number(single(run.frame, "tool_failure_probability") ?? 0);
    const noise = Number(single(run.frame, "num_env_events_per_minute") ?? 0);
    const key = JSON.stringify([model, tfp, noise]);
    const group = groups.get(key) ?? { model, tfp, noise, runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  }
  const points: RobustnessPoint[] = [];
  for (const g of groups.values()) {
    // Run numbers made unique per job, so the run-level spread is over every (job, run) replicate.
    const frames = g.runs.map((r, i) =>
      r.frame.withColumn(
        pl
          .col("run_number")
          .add(pl.lit((i + 1) * 1_000_000))
          .alias("run_number"),
      ),
    );
    const frame = frames.length === 1 ? (frames[0] as pl.DataFrame) : pl.concat(frames);
    const stats = calculateStatistics(frame);
    const replicates = frame.getColumn("run_number").nUnique();
    const sem = (s: number) => (replicates > 1 && Number.isFinite(s) ? s : null);
    const { global: gl, pas_metrics: pm } = stats;
    const base = {
      model: g.model,
      toolFailureProbability: g.tfp,
      noiseRate: g.noise,
      runs: frame.height,
      replicates,
      runIds: g.runs.map((r) => r.runId),
    };
    points.push(
      {
        ...base,
        metric: "success",
        value: gl.validated_runs > 0 ? gl.success_rate : null,
        sem: gl.validated_runs > 0 ? sem(gl.success_rate_sem) : null,
      },
      {
        ...base,
        metric: "proposal",
        value: pm.total_turns > 0 ? pm.aggregate_proposal_rate : null,
        sem: pm.total_turns > 0 ? sem(pm.aggregate_proposal_rate_sem) : null,
      },
      {
        ...base,
        metric: "acceptance",
        value: pm.total_proposals > 0 ? pm.aggregate_acceptance_rate * 100 : null,
        sem: pm.total_proposals > 0 ? sem(pm.aggregate_acceptance_rate_sem * 100) : null,
      },
    );
  }
  return points.sort(
    (a, b) =>
      (a.model < b.model ? -1 : a.model > b.model ? 1 : 0) ||
      a.toolFailureProbability - b.toolFailureProbability ||
      a.noiseRate - b.noiseRate ||
      a.metric.localeCompare(b.metric),
  );
}

export type RobustnessAxis = "toolFailureProbability" | "noiseRate";

const AXIS_TITLE: Record<RobustnessAxis, string> = {
  toolFailureProbability: "tool failure probability",
  noiseRate: "noise rate (events per simulated minute)",
};

/**
 * One chart per axis: the three metrics side by side against tool-failure probability (or noise rate), one line
 * per model, dashed per level of the other factor when it has several, error bars ± 1 SEM.
 */
export function robustnessSpec(points: readonly RobustnessPoint[], axis: RobustnessAxis): ChartSpec {
  const other: RobustnessAxis = axis === "toolFailureProbability" ? "noiseRate" : "toolFailureProbability";
  const otherLevels = new Set(points.map((p) => p[other]));
  const otherTitle = other === "noiseRate" ? "noise rate (/min)" : "tool failure probability";
  const rows = points
    .filter((p) => p.value !== null)
    .map((p) => ({
      model: p.model,
      x: p[axis],
      [otherTitle]: p[other],
      metric: p.metric,
      value: Number((p.value as number).toFixed(6)),
      low: Number(((p.value as number) - (p.sem ?? 0)).toFixed(6)),
      high: Number(((p.value as number) + (p.sem ?? 0)).toFixed(6)),
      runs: p.runs,
    }));
  const panel = (metric: RobustnessMetric) => ({
    width: 220,
    height: 180,
    title: METRIC_TITLES[metric],
    transform: [{ filter: { field: "metric", equal: metric } }],
    encoding: {
      x: { field: "x", type: "quantitative" as const, title: AXIS_TITLE[axis] },
      color: { field: "model", type: "nominal" as const, title: "model" },
      ...(otherLevels.size > 1
        ? { strokeDash: { field: otherTitle, type: "ordinal" as const, title: otherTitle } }
        : {}),
    },
    layer: [
      {
        mark: { type: "line" as const },
        encoding: {
          y: {
            field: "value",
            type: "quantitative" as const,
            title: METRIC_TITLES[metric],
            // Percentages on their whole range; proposals per turn from zero.
            scale: metric === "proposal" ? { zero: true } : { domain: [0, 100] },
          },
        },
      },
      {
        mark: { type: "point" as const, filled: true, size: 50 },
        encoding: {
          y: { field: "value", type: "quantitative" as const, title: METRIC_TITLES[metric] },
          tooltip: [
            { field: "model", type: "nominal" as const },
            { field: "x", type: "quantitative" as const, title: AXIS_TITLE[axis] },
            { field: "value", type: "quantitative" as const, title: METRIC_TITLES[metric] },
            { field: "runs", type: "quantitative" as const, title: "runs" },
          ],
        },
      },
      {
        mark: { type: "rule" as const },
        encoding: { y: { field: "low", type: "quantitative" as const }, y2: { field: "high" } },
      },
    ],
  });
  const fixed =
    otherLevels.size === 1
      ? `${otherTitle} ${[...otherLevels][0]}`
      : `dashes: ${otherTitle} ${[...otherLevels].sort((a, b) => a - b).join(", ")}`;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `Robustness against ${AXIS_TITLE[axis]}`,
      subtitle: `one line per model; error bars ± 1 standard error over runs; ${fixed}`,
    },
    data: { values: rows },
    hconcat: (["success", "proposal", "acceptance"] as const).map(panel),
    config: { font: CHART_FONT, background: "white" },
  } as ChartSpec;
}
