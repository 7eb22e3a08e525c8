export { type AppUsage, appUsage, appUsageSpec } from "./app-usage.js";
export { CHART_FONT, type ChartSpec } from "./chart-spec.js";
export { type ComparePoint, comparePoints, compareSpec } from "./compare.js";
export {
  METRIC_TITLES,
  type PlotRun,
  type RobustnessAxis,
  type RobustnessMetric,
  type RobustnessPoint,
  robustnessPoints,
  robustnessSpec,
} from "./robustness.js";

import { appUsage, appUsageSpec } from "./app-usage.js";
import type { ChartSpec } from "./chart-spec.js";
import { comparePoints, compareSpec } from "./compare.js";
import { type PlotRun, type RobustnessAxis, robustnessPoints, robustnessSpec } from "./robustness.js";

/**
 * A chart spec as SVG. vega, vega-lite and resvg load on first use (`./render.js`), so importing pare-ts or
 * starting the CLI does not pay for them.
 */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  return (await import("./render.js")).renderSvg(spec);
}

/** An SVG as PNG (resvg; `scale` PNG pixels per SVG pixel, default 2). */
export async function renderPng(svg: string, options: { scale?: number } = {}): Promise<Buffer> {
  return (await import("./render.js")).svgToPng(svg, options);
}

/** The robustness chart of some jobs as an SVG string (for `pare view` and other callers). */
export function robustnessSvg(runs: readonly PlotRun[], axis: RobustnessAxis): Promise<string> {
  return renderSvg(robustnessSpec(robustnessPoints(runs), axis));
}

/** The comparison chart of some jobs as an SVG string. */
export function compareSvg(runs: readonly PlotRun[]): Promise<string> {
  return renderSvg(compareSpec(comparePoints(runs)));
}

/** The app-usage chart of a suite as an SVG string. */
export function appUsageSvg(
  scenarios: readonly { id: string; apps: readonly string[] }[],
  suite: string,
): Promise<string> {
  return renderSvg(appUsageSpec(appUsage(scenarios), suite, scenarios.length));
}
