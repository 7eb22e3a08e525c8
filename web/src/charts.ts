import { h, pct, s } from "./dom.js";

/** Horizontal bars of success rates (0–100%), with passes/validated beside each bar. */
export function rateBars(
  title: string,
  bars: { label: string; passes: number; validated: number; rate: number | null }[],
): HTMLElement {
  const rowH = 22;
  const labelW = 190;
  const barW = 320;
  const height = Math.max(1, bars.length) * rowH + 24;
  const svg = s("svg", { viewBox: `0 0 ${labelW + barW + 90} ${height}`, class: "chart", role: "img" });
  svg.appendChild(s("title", {}, title));
  bars.forEach((b, i) => {
    const y = i * rowH + 4;
    svg.appendChild(s("text", { x: labelW - 6, y: y + 14, "text-anchor": "end", class: "lbl" }, b.label));
    svg.appendChild(s("rect", { x: labelW, y, width: barW, height: rowH - 6, class: "track" }));
    svg.appendChild(s("rect", { x: labelW, y, width: barW * (b.rate ?? 0), height: rowH - 6, class: "bar" }));
    svg.appendChild(
      s(
        "text",
        { x: labelW + barW + 6, y: y + 14, class: "val" },
        `${pct(b.rate, 0)} (${b.passes}/${b.validated})`,
      ),
    );
  });
  for (const t of [0, 0.5, 1])
    svg.appendChild(
      s(
        "text",
        { x: labelW + barW * t, y: height - 4, "text-anchor": "middle", class: "axis" },
        `${t * 100}%`,
      ),
    );
  return h("figure", { class: "plot" }, svg, h("figcaption", {}, title));
}

/** pass^k against k: a line with points, y from 0 to 100%. */
export function passHatKChart(points: { k: number; value: number | null; scenarios: number }[]): HTMLElement {
  const W = 420;
  const H = 200;
  const pad = 36;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img" });
  svg.appendChild(s("title", {}, "pass^k against k"));
  const maxK = Math.max(1, ...points.map((p) => p.k));
  const x = (k: number) => pad + ((k - 1) / Math.max(1, maxK - 1)) * (W - 2 * pad);
  const y = (v: number) => H - pad - v * (H - 2 * pad);
  svg.appendChild(s("line", { x1: pad, y1: y(0), x2: W - pad, y2: y(0), class: "axisline" }));
  svg.appendChild(s("line", { x1: pad, y1: y(0), x2: pad, y2: y(1), class: "axisline" }));
  for (const t of [0, 0.5, 1])
    svg.appendChild(
      s("text", { x: pad - 4, y: y(t) + 4, "text-anchor": "end", class: "axis" }, `${t * 100}%`),
    );
  const defined = points.filter((p) => p.value !== null);
  if (defined.length > 1)
    svg.appendChild(
      s("polyline", {
        points: defined.map((p) => `${x(p.k)},${y(p.value as number)}`).join(" "),
        class: "line",
      }),
    );
  for (const p of points) {
    svg.appendChild(
      s("text", { x: x(p.k), y: H - pad + 16, "text-anchor": "middle", class: "axis" }, `k=${p.k}`),
    );
    if (p.value !== null) {
      const dot = s("circle", { cx: x(p.k), cy: y(p.value), r: 4, class: "dot" });
      dot.appendChild(s("title", {}, `k=${p.k}: ${pct(p.value)} over ${p.scenarios} scenarios`));
      svg.appendChild(dot);
    }
  }
  return h(
    "figure",
    { class: "plot" },
    svg,
    h(
      "figcaption",
      {},
      "pass^k: chance that all of k runs of a scenario succeed (unbiased estimate), mean over scenarios",
    ),
  );
}

/** Histogram of proposal times (simulated seconds since the scenario's start). */
export function histogram(values: number[], caption: string): HTMLElement {
  const W = 420;
  const H = 200;
  const pad = 36;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img" });
  svg.appendChild(s("title", {}, caption));
  if (values.length === 0) {
    svg.appendChild(
      s("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "axis" }, "no proposals (n/a)"),
    );
    return h("figure", { class: "plot" }, svg, h("figcaption", {}, caption));
  }
  const max = Math.max(...values, 1);
  const binsN = Math.min(12, Math.max(3, Math.ceil(Math.sqrt(values.length))));
  const width = max / binsN;
  const bins = new Array<number>(binsN).fill(0);
  for (const v of values)
    bins[Math.min(binsN - 1, Math.floor(v / width))] =
      (bins[Math.min(binsN - 1, Math.floor(v / width))] ?? 0) + 1;
  const top = Math.max(...bins);
  const bw = (W - 2 * pad) / binsN;
  bins.forEach((count, i) => {
    const bh = (count / top) * (H - 2 * pad);
    const rect = s("rect", { x: pad + i * bw + 1, y: H - pad - bh, width: bw - 2, height: bh, class: "bar" });
    rect.appendChild(s("title", {}, `${Math.round(i * width)}–${Math.round((i + 1) * width)} s: ${count}`));
    svg.appendChild(rect);
  });
  svg.appendChild(s("line", { x1: pad, y1: H - pad, x2: W - pad, y2: H - pad, class: "axisline" }));
  svg.appendChild(s("text", { x: pad, y: H - pad + 16, "text-anchor": "middle", class: "axis" }, "0 s"));
  svg.appendChild(
    s(
      "text",
      { x: W - pad, y: H - pad + 16, "text-anchor": "middle", class: "axis" },
      `${Math.round(max)} s`,
    ),
  );
  svg.appendChild(s("text", { x: pad - 4, y: pad + 4, "text-anchor": "end", class: "axis" }, String(top)));
  return h("figure", { class: "plot" }, svg, h("figcaption", {}, caption));
}
