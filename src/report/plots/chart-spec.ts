import type { TopLevelSpec } from "vega-lite";

/** A vega-lite chart spec (inline data only: nothing is loaded from outside). */
export type ChartSpec = TopLevelSpec;

/** The font charts name; resvg falls back to any sans-serif font on the machine. */
export const CHART_FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif";
