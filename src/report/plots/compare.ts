import { CHART_FONT, type ChartSpec } from "./chart-spec.js";
import {
  METRIC_TITLES,
  type PlotRun,
  type RobustnessMetric,
  type RobustnessPoint,
  robustnessPoints,
} from "./robustness.js";

export interface ComparePoint extends RobustnessPoint {
  /** `model · tfp · noise · run id`: one bar per job. */
  label: string;
}

/** Each job's figures on its own (no pooling), labelled by model, noise settings and run id. */
export function comparePoints(runs: readonly PlotRun[]): ComparePoint[] {
  return runs.flatMap((run) =>
    robustnessPoints([run]).map((p) => ({
      ...p,
      label: `${p.model} · tfp ${p.toolFailureProbability} · noise ${p.noiseRate}/min · ${run.runId}`,
    })),
  );
}

/** Bars per job for the three metrics, with ± 1 SEM error bars. */
export function compareSpec(points: readonly ComparePoint[]): ChartSpec {
  const rows = points
    .filter((p) => p.value !== null)
    .map((p) => ({
      label: p.label,
      model: p.model,
      metric: p.metric,
      value: Number((p.value as number).toFixed(6)),
      low: Number(((p.value as number) - (p.sem ?? 0)).toFixed(6)),
      high: Number(((p.value as number) + (p.sem ?? 0)).toFixed(6)),
      runs: p.runs,
    }));
  const order = [...new Set(points.map((p) => p.label))];
  const panel = (metric: RobustnessMetric) => ({
    width: 200,
    height: { step: 22 },
    title: METRIC_TITLES[metric],
    transform: [{ filter: { field: "metric", equal: metric } }],
    encoding: {
      y: { field: "label", type: "nominal" as const, title: null, sort: order },
    },
    layer: [
      {
        mark: { type: "bar" as const },
        encoding: {
          x: { field: "value", type: "quantitative" as const, title: METRIC_TITLES[metric] },
          color: { field: "model", type: "nominal" as const, title: "model" },
          tooltip: [
            { field: "label", type: "nominal" as const, title: "job" },
            { field: "value", type: "quantitative" as const, title: METRIC_TITLES[metric] },
            { field: "runs", type: "quantitative" as const, title: "runs" },
          ],
        },
      },
      {
        mark: { type: "rule" as const },
        encoding: { x: { field: "low", type: "quantitative" as const }, x2: { field: "high" } },
      },
    ],
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Jobs compared", subtitle: "error bars ± 1 standard error over runs" },
    data: { values: rows },
    vconcat: (["success", "proposal", "acceptance"] as const).map(panel),
    config: { font: CHART_FONT, background: "white" },
  } as ChartSpec;
}
