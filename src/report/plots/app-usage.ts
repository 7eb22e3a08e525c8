import { CHART_FONT, type ChartSpec } from "./chart-spec.js";

export interface AppUsage {
  app: string;
  /** Scenarios of the suite that use the app. */
  scenarios: number;
}

/** Scenarios per app over a suite (each scenario lists the apps it installs). */
export function appUsage(scenarios: readonly { id: string; apps: readonly string[] }[]): AppUsage[] {
  const counts = new Map<string, number>();
  for (const s of scenarios) for (const app of new Set(s.apps)) counts.set(app, (counts.get(app) ?? 0) + 1);
  return [...counts]
    .map(([app, n]) => ({ app, scenarios: n }))
    .sort((a, b) => b.scenarios - a.scenarios || (a.app < b.app ? -1 : a.app > b.app ? 1 : 0));
}

/** A horizontal bar per app: how many of the suite's scenarios use it. */
export function appUsageSpec(usage: readonly AppUsage[], suite: string, scenarioCount: number): ChartSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: `App usage: ${suite}`,
      subtitle: `scenarios using each app, of ${scenarioCount} scenarios`,
    },
    data: { values: usage.map((u) => ({ ...u })) },
    width: 360,
    height: { step: 20 },
    mark: { type: "bar" },
    encoding: {
      y: { field: "app", type: "nominal", title: null, sort: usage.map((u) => u.app) },
      x: { field: "scenarios", type: "quantitative", title: "scenarios (count)" },
      tooltip: [
        { field: "app", type: "nominal" },
        { field: "scenarios", type: "quantitative", title: "scenarios" },
      ],
    },
    config: { font: CHART_FONT, background: "white" },
  } as ChartSpec;
}
