import type { PareTrace, TraceEvent } from "../../src/evaluation/trace-schema.js";
import type { RunComparison } from "../../src/report/run-comparison.js";
import type { ChartsResponse } from "../../src/view/chart-data.js";
import type { RunDetail, RunSummary, ScenarioRow } from "../../src/view/view-data.js";
import { get, isStatic } from "./api.js";
import { histogram, passHatKChart, rateBars } from "./charts.js";
import { h, mount, num, pct, runLabel, when } from "./dom.js";

const scenarioHref = (runId: string, scenarioId: string, runNumber: number | null) =>
  `#/run/${runId}/s/${encodeURIComponent(scenarioId)}/${runLabel(runNumber)}`;

const modelsText = (r: RunSummary) =>
  r.mode === "oracle"
    ? "oracle"
    : r.mode === "offline"
      ? `${r.agentType} (offline)`
      : `${r.models.observe === r.models.execute ? r.models.observe : `${r.models.observe}/${r.models.execute}`} · user ${r.models.user}`;

const verdict = (success: boolean | null, error: string | null) =>
  h(
    "span",
    { class: `verdict ${success === true ? "ok" : success === false ? "bad" : error ? "err" : "na"}` },
    success === true ? "success" : success === false ? "failed" : error ? "error" : "n/a",
  );

// ---------------------------------------------------------------- runs list

export async function runsPage(root: HTMLElement): Promise<void> {
  const { runs } = await get<{ runs: RunSummary[] }>("/api/runs");
  const models = [...new Set(runs.map(modelsText))].sort();
  const splits = [...new Set(runs.map((r) => r.split ?? "(selection)"))].sort();
  const statuses = [...new Set(runs.map((r) => r.status))].sort();
  const select = (name: string, values: string[]) =>
    h(
      "select",
      { name, "aria-label": name },
      h("option", { value: "" }, `any ${name}`),
      values.map((v) => h("option", { value: v }, v)),
    );
  const filters = h(
    "form",
    { class: "filters", onsubmit: (e: Event) => e.preventDefault() },
    h("input", {
      type: "search",
      name: "q",
      placeholder: "search id, experiment, model, split",
      "aria-label": "search",
    }),
    select("model", models),
    select("split", splits),
    select("status", statuses),
    h("label", {}, "from ", h("input", { type: "date", name: "from" })),
    h("label", {}, "to ", h("input", { type: "date", name: "to" })),
  );
  const body = h("tbody");
  const chosen = new Set<string>();
  const compareButton = h(
    "button",
    {
      type: "button",
      disabled: true,
      id: "compare-selected",
      onclick: () => {
        const [a, b] = [...chosen];
        location.hash = `#/compare/${a}/${b}`;
      },
    },
    "Compare the two selected runs",
  );
  const chartsButton = h(
    "button",
    {
      type: "button",
      disabled: true,
      id: "chart-selected",
      onclick: () => {
        location.hash = `#/charts/${[...chosen].join(",")}`;
      },
    },
    "Chart the selected runs",
  );
  const render = () => {
    const data = new FormData(filters);
    const q = String(data.get("q") ?? "").toLowerCase();
    const from = String(data.get("from") ?? "");
    const to = String(data.get("to") ?? "");
    const shown = runs.filter((r) => {
      const hay = [r.runId, r.experiment, modelsText(r), r.split ?? "", r.fingerprint]
        .join(" ")
        .toLowerCase();
      if (q && !hay.includes(q)) return false;
      if (data.get("model") && modelsText(r) !== data.get("model")) return false;
      if (data.get("split") && (r.split ?? "(selection)") !== data.get("split")) return false;
      if (data.get("status") && r.status !== data.get("status")) return false;
      if (from && r.startedAt.slice(0, 10) < from) return false;
      if (to && r.startedAt.slice(0, 10) > to) return false;
      return true;
    });
    body.replaceChildren(
      ...shown.map((r) =>
        h(
          "tr",
          { "data-run": r.runId },
          h(
            "td",
            {},
            isStatic()
              ? null
              : h("input", {
                  type: "checkbox",
                  "aria-label": `select ${r.runId}`,
                  checked: chosen.has(r.runId),
                  onchange: (e: Event) => {
                    if ((e.target as HTMLInputElement).checked) chosen.add(r.runId);
                    else chosen.delete(r.runId);
                    compareButton.disabled = chosen.size !== 2;
                    chartsButton.disabled = chosen.size === 0;
                  },
                }),
          ),
          h("td", {}, h("a", { href: `#/run/${r.runId}`, class: "mono" }, r.runId)),
          h("td", {}, when(r.startedAt)),
          h("td", {}, r.split ?? `${r.scenarios} scenarios`),
          h("td", {}, modelsText(r)),
          h("td", { class: "num" }, `${r.runs}/${r.plannedRuns}`),
          h("td", { class: "num" }, pct(r.successRate)),
          h("td", { class: "num" }, r.errors),
          h("td", { class: "num" }, num(r.wallSeconds, 1)),
          h("td", {}, h("span", { class: `status ${r.status}` }, r.status)),
        ),
      ),
    );
    count.textContent = `${shown.length} of ${runs.length} runs`;
  };
  const count = h("p", { class: "muted" });
  filters.addEventListener("input", render);
  mount(
    root,
    h("h1", {}, "Runs"),
    filters,
    count,
    h(
      "table",
      { class: "grid", id: "runs" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          [
            "",
            "run",
            "started (UTC)",
            "split",
            "models",
            "runs",
            "success",
            "errors",
            "wall s",
            "status",
          ].map((c) => h("th", {}, c)),
        ),
      ),
      body,
    ),
    isStatic() ? null : h("p", {}, compareButton, " ", chartsButton),
  );
  render();
}

// ---------------------------------------------------------------- one run

export async function runPage(root: HTMLElement, runId: string): Promise<void> {
  const d = await get<RunDetail>(`/api/runs/${runId}`);
  const g = d.statistics.global;
  const p = d.statistics.pas_metrics;
  const figure = (label: string, value: string, note: string) =>
    h(
      "div",
      { class: "figure" },
      h("div", { class: "value" }, value),
      h("div", { class: "label" }, label),
      h("div", { class: "note" }, note),
    );
  const stop = Object.entries(d.statistics.stop_reasons)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const filter = h("input", {
    type: "search",
    placeholder: "filter scenarios",
    "aria-label": "filter scenarios",
  });
  const tbody = h("tbody");
  const rowsOf = (q: string) =>
    d.rows
      .filter(
        (r) =>
          !q ||
          r.scenarioId.includes(q) ||
          (r.kind ?? "").includes(q) ||
          r.apps.join(" ").toLowerCase().includes(q),
      )
      .map((r: ScenarioRow) =>
        h(
          "tr",
          {},
          h(
            "td",
            {},
            r.hasTrace
              ? h("a", { href: scenarioHref(d.run.runId, r.scenarioId, r.runNumber) }, r.scenarioId)
              : r.scenarioId,
          ),
          h("td", { class: "num" }, runLabel(r.runNumber)),
          h("td", {}, verdict(r.success, r.error)),
          h("td", { class: "num" }, r.proposals),
          h("td", { class: "num" }, r.acceptances),
          h("td", { class: "num" }, `${r.reads}/${r.writes}`),
          h("td", { class: "num" }, r.turns),
          h("td", { class: "num" }, num(r.duration, 0)),
          h("td", {}, r.stopReason ?? "n/a"),
          h("td", { class: "small" }, r.error ?? ""),
        ),
      );
  filter.addEventListener("input", () =>
    tbody.replaceChildren(...rowsOf((filter as HTMLInputElement).value.toLowerCase())),
  );
  tbody.replaceChildren(...rowsOf(""));
  mount(
    root,
    h("p", { class: "crumbs" }, h("a", { href: "#/" }, "Runs"), " / ", d.run.runId),
    h("h1", {}, `Run ${d.run.runId}`),
    h(
      "p",
      { class: "muted" },
      `${modelsText(d.run)} · ${d.run.split ?? `${d.run.scenarios} scenarios`} · experiment ${d.run.experiment} · fingerprint ${d.run.fingerprint} · ${d.run.status} · started ${when(d.run.startedAt)}`,
    ),
    h(
      "div",
      { class: "figures" },
      figure(
        "success rate",
        `${num(g.success_rate, 1)}%`,
        `± ${num(g.success_rate_sem, 1)} SEM, ${g.success_runs}/${g.validated_runs} validated runs`,
      ),
      figure(
        "pass@k",
        `${num(g.pass_at_k_percent, 1)}%`,
        `any of k=${g.k} runs; ${g.pass_at_k}/${g.total_scenarios} scenarios`,
      ),
      figure(
        "pass^k",
        `${num(g.pass_k_percent, 1)}%`,
        `all of k=${g.k} runs; ${g.pass_k}/${g.total_scenarios} scenarios`,
      ),
      figure(
        "proposal rate",
        `${num(p.aggregate_proposal_rate, 2)}`,
        `proposals per turn (${p.total_proposals} proposals)`,
      ),
      figure(
        "acceptance rate",
        `${num(p.aggregate_acceptance_rate, 2)}`,
        `accepted per proposal (${p.total_acceptances} accepted)`,
      ),
      figure(
        "reads / writes",
        `${num(p.avg_read_only_actions, 1)} / ${num(p.avg_write_actions, 1)}`,
        "assistant actions per run",
      ),
      figure("run duration", `${num(g.avg_run_duration, 0)} s`, "simulated seconds per run (mean)"),
      figure("exceptions", String(g.exception_runs), `stop reasons: ${stop || "n/a"}`),
    ),
    h(
      "div",
      { class: "plots" },
      rateBars(
        "Success by app (fraction of validated runs; a run counts for each app it uses)",
        d.plots.byApp,
      ),
      rateBars("Success by kind", d.plots.byKind),
      passHatKChart(d.plots.passHatK),
      histogram(
        d.plots.proposalTimes,
        `When proposals were made: simulated seconds since the scenario's start (${d.plots.proposalTimes.length} proposals in ${d.plots.proposalTraces} traces)`,
      ),
    ),
    h("h2", {}, "Scenario runs"),
    filter,
    h(
      "table",
      { class: "grid", id: "scenario-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          [
            "scenario",
            "run",
            "verdict",
            "proposals",
            "accepted",
            "reads/writes",
            "turns",
            "sim s",
            "stop reason",
            "error",
          ].map((c) => h("th", {}, c)),
        ),
      ),
      tbody,
    ),
  );
}

// ---------------------------------------------------------------- one scenario run

type Deliberation = PareTrace["deliberations"][number];

function callText(e: TraceEvent): string {
  if (!e.action) return e.condition ?? e.eventId;
  const args = Object.entries(e.action.args)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(", ");
  return `${e.action.app}.${e.action.function}(${args.length > 300 ? `${args.slice(0, 299)}…` : args})`;
}

const who = (e: TraceEvent) =>
  e.eventType === "AGENT"
    ? `assistant${e.proactiveMode ? ` (${e.proactiveMode})` : ""}`
    : e.eventType === "USER"
      ? "user"
      : e.eventType === "ENV"
        ? "world"
        : e.eventType.toLowerCase();

function pretty(value: unknown): string {
  if (value === undefined) return "(not kept)";
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2);
}

type Message = { role?: string; content?: unknown };

/** The step's prompt: its first call's messages by content hash (full traces that keep requests), or a plain list. */
function promptOf(d: Deliberation, contents: Record<string, unknown> | undefined): Message[] | null {
  const bag = d as unknown as Record<string, unknown>;
  const calls = bag.calls as { request?: { messages?: unknown } }[] | undefined;
  const hashes = calls?.[0]?.request?.messages;
  if (Array.isArray(hashes) && contents) {
    const bodies = hashes.map((h) => contents[String(h)] as Message | undefined);
    if (bodies.every((b) => b && typeof b === "object")) return bodies as Message[];
  }
  const input = bag.input ?? bag.messages ?? (bag.request as Record<string, unknown> | undefined)?.messages;
  return Array.isArray(input) ? (input as Message[]) : null;
}

function modelCall(d: Deliberation, contents: Record<string, unknown> | undefined): HTMLElement {
  const messages = promptOf(d, contents);
  return h(
    "details",
    { class: "model-call" },
    h(
      "summary",
      {},
      `model call · ${d.role}${d.mode ? `/${d.mode}` : ""} · turn ${d.turn} · ${d.action ? d.action.tool : d.parseFailure ? "unparsable output" : "no action"}`,
      d.promptTokens !== null ? ` · ${d.promptTokens}+${d.completionTokens ?? 0} tokens` : "",
    ),
    h("h4", {}, "Prompt"),
    messages
      ? messages.map((m) =>
          h(
            "div",
            { class: "msg" },
            h("div", { class: "role" }, m.role ?? "?"),
            h("pre", {}, pretty(m.content)),
          ),
        )
      : h("p", { class: "muted" }, "This trace does not keep the model's input."),
    h("h4", {}, "Raw output"),
    d.raw !== null
      ? h("pre", {}, d.raw + (d.truncated ? "\n… (cut at 4 KB)" : ""))
      : h("p", { class: "muted" }, "not kept (n/a)"),
    h("h4", {}, "Thought"),
    h("pre", {}, d.thought ?? "n/a"),
    h("h4", {}, "Parsed action"),
    h(
      "pre",
      {},
      d.action ? `${d.action.tool}\n${JSON.stringify(d.action.args, null, 2)}` : (d.parseFailure ?? "none"),
    ),
    d.observation !== null ? [h("h4", {}, "Observation"), h("pre", {}, d.observation)] : null,
    d.error ? [h("h4", {}, "Error"), h("pre", {}, d.error)] : null,
  );
}

function checklist(rationale: string | null, success: boolean | null, events: TraceEvent[]): HTMLElement {
  const items: HTMLElement[] = [];
  const all = rationale ? /^All (\d+) checks? passed/.exec(rationale) : null;
  const missing = rationale?.startsWith("Missing: ") ? rationale.slice(9).split("; ") : [];
  if (all) items.push(h("li", { class: "pass" }, `all ${all[1]} checks of the validator passed`));
  for (const m of missing) items.push(h("li", { class: "fail" }, m));
  if (!all && missing.length === 0)
    items.push(
      h(
        "li",
        { class: success ? "pass" : "fail" },
        rationale ?? (success === null ? "no verdict" : "no rationale given"),
      ),
    );
  const conditions = events.filter((e) => e.eventType === "CONDITION");
  const last = new Map<string, TraceEvent>();
  for (const c of conditions) last.set(c.condition ?? c.eventId, c);
  for (const [name, c] of last)
    items.push(
      h(
        "li",
        { class: c.returnValue === true ? "pass" : "fail" },
        `condition: ${name} (${c.returnValue === true ? "met" : "not met"} at its last check)`,
      ),
    );
  return h("ul", { class: "checklist" }, items);
}

export async function scenarioPage(
  root: HTMLElement,
  runId: string,
  scenarioId: string,
  run: string,
): Promise<void> {
  const found = await get<{
    run: RunSummary;
    row: ScenarioRow;
    trace: PareTrace | null;
    problem: string | null;
  }>(`/api/runs/${runId}/scenarios/${encodeURIComponent(scenarioId)}/${run}`);
  const { row, trace } = found;
  const header = [
    h(
      "p",
      { class: "crumbs" },
      h("a", { href: "#/" }, "Runs"),
      " / ",
      h("a", { href: `#/run/${found.run.runId}` }, found.run.runId),
      " / ",
      `${scenarioId} #${run}`,
    ),
    h("h1", {}, scenarioId, " ", verdict(row.success, row.error)),
    h(
      "p",
      { class: "muted" },
      `run ${run} · ${row.proposals} proposals, ${row.acceptances} accepted · ${row.reads} reads, ${row.writes} writes · ${row.turns} turns · ${num(row.duration, 0)} simulated s · stop: ${row.stopReason ?? "n/a"}`,
    ),
  ];
  if (!trace) {
    mount(root, ...header, h("p", { class: "error" }, found.problem ?? "no trace"));
    return;
  }
  const showAll = h("input", { type: "checkbox", id: "show-all" });
  const timeline = h("ol", { class: "timeline", id: "timeline" });
  const render = () => {
    const all = (showAll as HTMLInputElement).checked;
    const events = trace.events.filter(
      (e) => all || (e.parentEventId === null && e.eventType !== "CONDITION"),
    );
    type Item = { t: number; order: number; el: HTMLElement };
    const items: Item[] = events.map((e, i) => ({
      t: e.eventTime,
      order: i * 2 + 1,
      el: h(
        "li",
        {
          class: `ev ${e.eventType.toLowerCase()}${e.action?.operation === "write" ? " write" : ""}${e.noise ? " noise" : ""}`,
        },
        h("span", { class: "time" }, `+${num(e.relativeTime, 1)}s`),
        h("span", { class: "who" }, who(e)),
        h("span", { class: "what" }, callText(e)),
        e.exception ? h("div", { class: "exc" }, `error: ${e.exception}`) : null,
        e.returnValue !== undefined && e.returnValue !== null && e.eventType !== "CONDITION"
          ? h("details", { class: "ret" }, h("summary", {}, "returned"), h("pre", {}, pretty(e.returnValue)))
          : null,
      ),
    }));
    const contents = (trace as unknown as { contents?: Record<string, unknown> }).contents;
    trace.deliberations.forEach((d, i) => {
      items.push({
        t: d.simulatedTime,
        order: i * 2,
        el: h("li", { class: "ev call" }, modelCall(d, contents)),
      });
    });
    for (const l of trace.loopEvents)
      items.push({
        t: l.simulatedTime,
        order: 0,
        el: h(
          "li",
          { class: "ev loop" },
          h("span", { class: "who" }, "agent loop"),
          h("span", { class: "what" }, `${l.kind}: ${l.detail}`),
        ),
      });
    items.sort((a, b) => a.t - b.t || a.order - b.order);
    timeline.replaceChildren(...items.map((i) => i.el));
  };
  showAll.addEventListener("change", render);
  render();
  const apps = trace.apps ?? [];
  mount(
    root,
    ...header,
    h("h2", {}, "Validator"),
    checklist(trace.result.rationale, trace.result.success, trace.events),
    h("h2", {}, "Timeline"),
    h("label", {}, showAll, " also condition checks and nested calls"),
    h(
      "p",
      { class: "muted small" },
      "Times are simulated seconds since the scenario's start. Model calls open to show their prompt, raw output, thought and parsed action.",
    ),
    timeline,
    h("h2", {}, "App states"),
    apps.length === 0
      ? h("p", { class: "muted" }, "This is a lite trace: it keeps no app states.")
      : apps.map((a) => {
          const before = pretty(a.initialState);
          const after = pretty(a.finalState);
          return h(
            "details",
            { class: "app-state", open: before !== after },
            h("summary", {}, `${a.name}${before === after ? " (unchanged)" : " (changed)"}`),
            h(
              "div",
              { class: "side" },
              h("div", {}, h("h4", {}, "initial"), h("pre", {}, before)),
              h("div", {}, h("h4", {}, "final"), h("pre", {}, after)),
            ),
          );
        }),
  );
}

// ---------------------------------------------------------------- charts

/** The comparison and robustness charts of `pare plot` for the chosen jobs, drawn by the server (vega). */
export async function chartsPage(root: HTMLElement, ids: string): Promise<void> {
  const data = await get<ChartsResponse>(`/api/charts?runs=${encodeURIComponent(ids)}`);
  mount(
    root,
    h("p", { class: "crumbs" }, h("a", { href: "#/" }, "Runs"), " / charts"),
    h("h1", {}, `Charts of ${data.runIds.length} run${data.runIds.length === 1 ? "" : "s"}`),
    h(
      "p",
      { class: "muted" },
      data.runIds.map((id, i) => [i ? ", " : "", h("a", { href: `#/run/${id}`, class: "mono" }, id)]),
    ),
    data.notes.length
      ? h(
          "ul",
          { id: "chart-notes" },
          data.notes.map((n) => h("li", { class: "muted" }, n)),
        )
      : null,
    h(
      "div",
      { class: "plots", id: "charts" },
      data.charts.map((c) =>
        h(
          "figure",
          { class: "plot served-chart", "data-chart": c.id },
          // As an image, never as inline markup: nothing in the SVG can run or restyle the page.
          h("img", { src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}`, alt: c.title }),
          h("figcaption", {}, c.title),
        ),
      ),
    ),
    h(
      "details",
      {},
      h("summary", {}, "The data points"),
      h("pre", { class: "mono" }, JSON.stringify(data.points, null, 2)),
    ),
  );
}

// ---------------------------------------------------------------- compare

export async function comparePick(root: HTMLElement): Promise<void> {
  const { runs } = await get<{ runs: RunSummary[] }>("/api/runs");
  const pick = (name: string) =>
    h(
      "select",
      { name, "aria-label": name },
      runs.map((r) => h("option", { value: r.runId }, `${r.runId} · ${modelsText(r)} · ${r.split ?? ""}`)),
    );
  const a = pick("a");
  const b = pick("b");
  if (runs[1]) (b as HTMLSelectElement).value = runs[1].runId;
  mount(
    root,
    h("h1", {}, "Compare two runs"),
    h(
      "form",
      {
        class: "filters",
        onsubmit: (e: Event) => {
          e.preventDefault();
          location.hash = `#/compare/${(a as HTMLSelectElement).value}/${(b as HTMLSelectElement).value}`;
        },
      },
      "A ",
      a,
      " B ",
      b,
      h("button", { type: "submit" }, "Compare"),
    ),
  );
}

export async function comparePage(root: HTMLElement, a: string, b: string): Promise<void> {
  const data = await get<{ a: RunSummary; b: RunSummary; comparison: RunComparison }>(
    `/api/compare?a=${a}&b=${b}`,
  );
  const c = data.comparison;
  const changed = c.scenarios.filter((s) => s.change !== "same");
  const firstRun = (runId: string, scenarioId: string) => scenarioHref(runId, scenarioId, null);
  const tally = (t: { passes: number; validated: number } | null) => (t ? `${t.passes}/${t.validated}` : "—");
  const signed = (x: number | null) =>
    x === null ? "n/a" : `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} pts`;
  const only = h("input", { type: "checkbox", checked: true, id: "only-changed" });
  const tbody = h("tbody");
  const render = () =>
    tbody.replaceChildren(
      ...((only as HTMLInputElement).checked ? changed : c.scenarios).map((s) =>
        h(
          "tr",
          { class: `change-${s.change}` },
          h("td", {}, s.scenarioId),
          h("td", { class: "num" }, tally(s.a)),
          h("td", { class: "num" }, tally(s.b)),
          h("td", {}, h("span", { class: `change ${s.change}` }, s.change)),
          h(
            "td",
            {},
            s.a ? h("a", { href: traceLink(data.a.runId, s.scenarioId) }, "trace A") : null,
            " ",
            s.b ? h("a", { href: traceLink(data.b.runId, s.scenarioId) }, "trace B") : null,
          ),
        ),
      ),
    );
  const traceLink = (runId: string, scenarioId: string) =>
    `#/trace/${runId}/${encodeURIComponent(scenarioId)}`;
  void firstRun;
  only.addEventListener("change", render);
  render();
  mount(
    root,
    h("p", { class: "crumbs" }, h("a", { href: "#/" }, "Runs"), " / compare"),
    h("h1", {}, `Compare ${data.a.runId} → ${data.b.runId}`),
    h(
      "div",
      { class: "figures" },
      h(
        "div",
        { class: "figure" },
        h("div", { class: "value" }, pct(c.a.successRate)),
        h("div", { class: "label" }, `A: ${modelsText(data.a)}`),
        h(
          "div",
          { class: "note" },
          `${c.a.validatedRuns} validated runs over ${c.a.scenarios} shared scenarios`,
        ),
      ),
      h(
        "div",
        { class: "figure" },
        h("div", { class: "value" }, pct(c.b.successRate)),
        h("div", { class: "label" }, `B: ${modelsText(data.b)}`),
        h("div", { class: "note" }, `${c.b.validatedRuns} validated runs`),
      ),
      h(
        "div",
        { class: "figure", id: "paired" },
        h("div", { class: "value" }, signed(c.paired.difference)),
        h("div", { class: "label" }, "B − A success (percentage points)"),
        h(
          "div",
          { class: "note" },
          `paired bootstrap 95% interval ${c.paired.ci95 ? `[${signed(c.paired.ci95[0])}, ${signed(c.paired.ci95[1])}]` : "n/a"} over ${c.paired.scenarios} scenarios (${c.paired.resamples} resamples, seed ${c.paired.seed})`,
        ),
      ),
      h(
        "div",
        { class: "figure", id: "mcnemar" },
        h(
          "div",
          { class: "value" },
          `p = ${c.mcnemar.pValue < 0.001 ? c.mcnemar.pValue.toExponential(2) : c.mcnemar.pValue.toFixed(3)}`,
        ),
        h("div", { class: "label" }, "exact McNemar test"),
        h(
          "div",
          { class: "note" },
          `${c.mcnemar.pairs} paired runs: only A passed ${c.mcnemar.onlyA}, only B passed ${c.mcnemar.onlyB}`,
        ),
      ),
    ),
    h("h2", {}, `Per scenario (${changed.length} changed of ${c.scenarios.length})`),
    h("label", {}, only, " only scenarios whose verdict changed"),
    h(
      "table",
      { class: "grid", id: "compare-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["scenario", "A passes", "B passes", "change", "traces"].map((x) => h("th", {}, x)),
        ),
      ),
      tbody,
    ),
  );
}

/** `#/trace/RUN/SCENARIO`: the first run of that scenario in that job. */
export async function traceRedirect(runId: string, scenarioId: string): Promise<void> {
  const d = await get<RunDetail>(`/api/runs/${runId}`);
  const row = d.rows.find((r) => r.scenarioId === scenarioId);
  location.replace(row ? scenarioHref(d.run.runId, scenarioId, row.runNumber) : `#/run/${runId}`);
}
