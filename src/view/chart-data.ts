import { z } from "zod";
import { comparePoints, compareSpec } from "../report/plots/compare.js";
import { renderSvg } from "../report/plots/index.js";
import {
  type PlotRun,
  type RobustnessAxis,
  robustnessPoints,
  robustnessSpec,
} from "../report/plots/robustness.js";
import type { RunStore } from "../store/run-store.js";
import { resultsOfRows } from "../store/store-rows.js";

/** At most this many jobs on one chart page (each is a bar group of the comparison chart). */
export const MAX_CHART_RUNS = 24;

/** `?runs=ID,ID,…`: 1 to 24 comma-separated run ids or unique hexadecimal prefixes. */
export const ChartQuery = z.object({
  runs: z
    .string({ error: "give the jobs as ?runs=ID,ID,…" })
    .max(MAX_CHART_RUNS * 65, "too long")
    .transform((v) => [
      ...new Set(
        v
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s.length > 0),
      ),
    ])
    .pipe(
      z
        .array(z.string().regex(/^[0-9a-f]{1,64}$/, "run ids are hexadecimal"))
        .min(1, "give at least one run id")
        .max(MAX_CHART_RUNS, `at most ${MAX_CHART_RUNS} jobs on one page`),
    ),
});

export interface ChartImage {
  id: "compare" | "robustness_tfp" | "robustness_noise";
  title: string;
  svg: string;
}

export interface ChartsResponse {
  runIds: string[];
  charts: ChartImage[];
  /** Why a chart is missing (one tool-failure probability, no results yet). */
  notes: string[];
  /** The data points behind the charts, as `pare plot` writes them beside its files. */
  points: { compare: ReturnType<typeof comparePoints>; robustness: ReturnType<typeof robustnessPoints> };
}

/** Each job of the store as a plot input: its result frame, rebuilt from its stored rows. */
export async function loadPlotRuns(store: RunStore, runIds: readonly string[]): Promise<PlotRun[]> {
  const runs: PlotRun[] = [];
  for (const runId of [...new Set(runIds)]) {
    const job = await store.getJob(runId);
    if (!job) throw new Error(`no run ${runId} in the store ${store.describe()}`);
    runs.push({ runId, frame: resultsOfRows(job, await store.jobRuns(runId)).toPolars() });
  }
  return runs;
}

const AXES: readonly [RobustnessAxis, ChartImage["id"], string][] = [
  ["toolFailureProbability", "robustness_tfp", "tool failure probability"],
  ["noiseRate", "robustness_noise", "noise rate"],
];

/**
 * The charts of `pare plot compare` and `pare plot robustness` for some jobs of the store, as SVG text for the
 * viewer: the comparison always, a robustness chart for each axis along which the jobs differ.
 */
export async function chartsOf(store: RunStore, refs: readonly string[]): Promise<ChartsResponse> {
  const runIds: string[] = [];
  for (const ref of refs) runIds.push(await store.resolveRunId(ref));
  const runs = await loadPlotRuns(store, runIds);
  const unique = runs.map((r) => r.runId);
  const empty: ChartsResponse = {
    runIds: unique,
    charts: [],
    notes: [],
    points: { compare: [], robustness: [] },
  };
  if (runs.every((r) => r.frame.height === 0)) return { ...empty, notes: ["the runs hold no results yet"] };
  const compare = comparePoints(runs);
  const robustness = robustnessPoints(runs);
  const charts: ChartImage[] = [
    { id: "compare", title: "The jobs side by side (± 1 SEM)", svg: await renderSvg(compareSpec(compare)) },
  ];
  const notes: string[] = [];
  for (const [axis, id, title] of AXES) {
    const levels = [...new Set(robustness.map((p) => p[axis]))];
    if (levels.length < 2) {
      notes.push(`the jobs have one ${title} (${levels.join(", ")}): no robustness chart against it`);
      continue;
    }
    charts.push({
      id,
      title: `Rates against ${title}, one line per model (± 1 SEM)`,
      svg: await renderSvg(robustnessSpec(robustness, axis)),
    });
  }
  return { runIds: unique, charts, notes, points: { compare, robustness } };
}
