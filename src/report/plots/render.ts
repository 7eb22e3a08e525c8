import { Resvg } from "@resvg/resvg-js";
import { parse, View } from "vega";
import { compile } from "vega-lite";
import type { ChartSpec } from "./chart-spec.js";

/**
 * Renders a vega-lite spec to an SVG string headless: vega-lite compiles it to a vega spec, vega lays it out
 * with no renderer and writes SVG (no browser, no canvas; text widths are vega's estimates). Each mark carries
 * an `aria-label` with its data (`x: 0.5; success rate (%): 50; model: a`), so the figures can be read back.
 */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const vega = compile(spec).spec;
  const view = new View(parse(vega), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises an SVG to PNG with resvg (prebuilt binaries from the registry; system fonts for text). */
export function svgToPng(svg: string, options: { scale?: number } = {}): Buffer {
  const resvg = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: options.scale ?? 2 },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}
