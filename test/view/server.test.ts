import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunStore } from "../../src/store/run-store.js";
import type { ChartsResponse } from "../../src/view/chart-data.js";
import { exportSite } from "../../src/view/export-site.js";
import { createViewApp, isLoopback } from "../../src/view/server.js";
import type { RunDetail } from "../../src/view/view-data.js";
import { passHatK } from "../../src/view/view-data.js";
import { VIEW_SCENARIOS, viewFixtureStore } from "../support/view-fixture.js";

let fixture: Awaited<ReturnType<typeof viewFixtureStore>>;
let store: RunStore;
let app: Hono;

beforeAll(async () => {
  fixture = await viewFixtureStore();
  store = await RunStore.open(fixture.store);
  app = createViewApp({
    store,
    catalogue: new Map([
      ["apartment_compare_note", { apps: ["Apartment", "Notes"], kind: "information-extraction" }],
    ]),
    allowedHosts: ["127.0.0.1", "localhost"],
  });
});
afterAll(async () => {
  await store?.close();
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const response = await app.request(path, { headers: { Host: "127.0.0.1:1", ...headers } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await app.request(path, {
    method: "POST",
    headers: { Host: "127.0.0.1:1", "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("the viewer's API", () => {
  it("lists both runs and serves the front end", async () => {
    const { body } = await get("/api/runs");
    expect((body.runs as { runId: string }[]).map((r) => r.runId).sort()).toEqual(
      [fixture.runA, fixture.runB].sort(),
    );
    const page = await app.request("/", { headers: { Host: "localhost" } });
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain('<script src="app.js">');
    const script = await app.request("/data.js", { headers: { Host: "localhost" } });
    expect(await script.text()).toContain("__PARE_STATIC__ = null");
  });

  it("gives a run's figures, rows and plots", async () => {
    const { status, body } = await get(`/api/runs/${fixture.runA.slice(0, 6)}`);
    expect(status).toBe(200);
    const d = body as unknown as RunDetail;
    expect(d.rows.map((r) => r.scenarioId).sort()).toEqual([...VIEW_SCENARIOS].sort());
    expect(d.statistics.global.success_rate).toBe(100);
    expect(d.plots.byApp.find((b) => b.label === "Apartment")).toMatchObject({
      passes: 1,
      validated: 1,
      rate: 1,
    });
    expect(d.plots.byKind.map((b) => b.label)).toContain("(not in the catalogue)");
    expect(d.plots.passHatK).toEqual([{ k: 1, value: 1, scenarios: 3 }]);
    expect(d.plots.proposalTraces).toBe(3);
    expect(d.plots.proposalTimes.length).toBeGreaterThanOrEqual(3);
  });

  it("gives a scenario run with its trace", async () => {
    const { status, body } = await get(`/api/runs/${fixture.runA}/scenarios/apartment_compare_note/single`);
    expect(status).toBe(200);
    const trace = body.trace as { events: unknown[]; apps: unknown[]; deliberations: unknown[] };
    expect(trace.events.length).toBeGreaterThan(5);
    expect(trace.apps.length).toBeGreaterThan(0);
    expect(trace.deliberations.length).toBeGreaterThan(0);
  });

  it("refuses unknown runs, scenarios and run numbers with a clear error", async () => {
    expect((await get("/api/runs/ffffffffffff")).status).toBe(404);
    expect((await get("/api/runs/not-hex")).body.error).toMatch(/not a run id/);
    expect((await get(`/api/runs/${fixture.runA}/scenarios/nope/single`)).status).toBe(404);
    expect((await get(`/api/runs/${fixture.runA}/scenarios/apartment_compare_note/0`)).status).toBe(400);
    expect((await get("/api/compare?a=1")).status).toBe(400);
    expect((await get("/api/nothing")).status).toBe(404);
  });

  it("compares two runs: verdict changes, paired interval and McNemar", async () => {
    const { body } = await get(`/api/compare?a=${fixture.runA}&b=${fixture.runB}`);
    const c = body.comparison as {
      scenarios: { change: string }[];
      paired: { difference: number; ci95: [number, number] };
      mcnemar: { onlyA: number; onlyB: number; pValue: number };
    };
    expect(c.scenarios.map((s) => s.change)).toEqual(["broken", "broken", "broken"]);
    expect(c.paired.difference).toBe(-1);
    expect(c.paired.ci95).toEqual([-1, -1]);
    expect(c.mcnemar).toMatchObject({ onlyA: 3, onlyB: 0, pValue: 0.25 });
  });

  it("draws the comparison chart of the chosen runs and says why a robustness chart is missing", async () => {
    const { status, body } = await get(
      `/api/charts?runs=${fixture.runA},${fixture.runB.slice(0, 8)},${fixture.runA}`,
    );
    expect(status).toBe(200);
    const data = body as unknown as ChartsResponse;
    expect(data.runIds).toEqual([fixture.runA, fixture.runB]);
    expect(data.charts.map((c) => c.id)).toEqual(["compare"]);
    expect(data.charts[0]?.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(data.notes.join(" ")).toMatch(/one tool failure probability .* one noise rate/);
    // Run A wins every scenario, run B none: the points say so, per job.
    const success = data.points.compare.filter((p) => p.metric === "success").map((p) => p.value);
    expect(success).toEqual([100, 0]); // percent
  }, 60_000);

  it("refuses chart requests without runs, with bad, too many or unknown ids", async () => {
    const bad = async (query: string) => (await get(`/api/charts${query}`)).body.error as string;
    expect(await bad("")).toMatch(/runs: give the jobs/);
    expect(await bad("?runs=")).toMatch(/runs: give at least one run id/);
    expect(await bad("?runs=,,,")).toMatch(/runs: give at least one run id/);
    expect(await bad("?runs=%3Cscript%3E")).toMatch(/runs\.0: run ids are hexadecimal/);
    expect(await bad(`?runs=${Array.from({ length: 25 }, (_, i) => i.toString(16)).join(",")}`)).toMatch(
      /at most 24 jobs/,
    );
    expect(await bad(`?runs=${"a".repeat(5000)}`)).toMatch(/runs: too long/);
    const unknown = await get("/api/charts?runs=ffffffffffff");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/no run ffffffffffff/);
  });

  it("refuses requests for other host names (DNS rebinding)", async () => {
    expect((await get("/api/runs", { Host: "attacker.example:80" })).status).toBe(403);
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("0.0.0.0")).toBe(false);
    expect(isLoopback("192.168.1.2")).toBe(false);
  });
});

describe("the annotation API", () => {
  const path = "/api/annotation/study";
  const who = { "X-Annotator-ID": "ann-1" };

  it("needs an annotator id and a known set", async () => {
    expect((await get(`${path}/next`)).body.error).toMatch(/X-Annotator-ID/);
    expect((await get("/api/annotation/other/next", who)).body.error).toMatch(/no annotation set/);
    expect((await get(`${path}/next`, { "X-Annotator-ID": "bad id!" })).status).toBe(200);
    expect(
      (
        await post(
          `${path}/answer`,
          { sample_id: "tutorial_1", decision: "accept" },
          { "X-Annotator-ID": "bad id!" },
        )
      ).status,
    ).toBe(400);
  });

  it("hands out the tutorial first, with feedback, then real samples; refuses bad answers", async () => {
    const first = await get(`${path}/next`, who);
    const sample = first.body.sample as { sample_id: string; tutorial: boolean; timeline: unknown[] };
    expect(sample.tutorial).toBe(true);
    expect(JSON.stringify(first.body)).not.toContain("correct_decision");
    expect(
      (await post(`${path}/answer`, { sample_id: sample.sample_id, decision: "maybe" }, who)).status,
    ).toBe(422);
    expect((await post(`${path}/answer`, { sample_id: sample.sample_id, decision: true }, who)).status).toBe(
      422,
    );
    expect((await post(`${path}/answer`, "{", who)).status).toBe(400);
    const noType = await app.request(`${path}/answer`, {
      method: "POST",
      headers: { Host: "localhost", ...who },
      body: "{}",
    });
    expect(noType.status).toBe(415);
    const vague = await post(
      `${path}/answer`,
      { sample_id: sample.sample_id, decision: "gather_context", rationale: "  " },
      who,
    );
    expect(vague.body.error).toMatch(/rationale/);
    const ok = await post(`${path}/answer`, { sample_id: sample.sample_id, decision: "accept" }, who);
    expect(ok.body.feedback).toEqual({
      correct: true,
      correctDecision: "accept",
      explanation: expect.any(String),
    });
    expect(
      (await post(`${path}/answer`, { sample_id: sample.sample_id, decision: "accept" }, who)).body.error,
    ).toMatch(/already answered/);
    expect(
      (await post(`${path}/answer`, { sample_id: "ghost", decision: "accept" }, who)).body.error,
    ).toMatch(/not found/);
    // answer the remaining five tutorial examples
    let summary: unknown = null;
    for (let i = 0; i < 5; i++) {
      const next = (await get(`${path}/next`, who)).body.sample as { sample_id: string };
      summary = (await post(`${path}/answer`, { sample_id: next.sample_id, decision: "reject" }, who)).body
        .tutorialSummary;
    }
    expect(summary).toEqual({ correct: 3, scored: 6, total: 6 });
    const real = await get(`${path}/next`, who);
    expect((real.body.sample as { tutorial: boolean }).tutorial).toBe(false);
    expect(real.body.progress).toEqual({ completed: 0, total: 4 });
  });
});

describe("passHatK", () => {
  it("is the unbiased all-of-k estimate averaged over scenarios with k runs", () => {
    const row = (scenarioId: string, success: boolean) =>
      ({ scenarioId, success, error: null }) as unknown as Parameters<typeof passHatK>[0][number];
    // s1: 2 of 3 pass → k=1: 2/3, k=2: C(2,2)/C(3,2) = 1/3, k=3: 0; s2: 1 of 1 → only k=1
    const rows = [row("s1", true), row("s1", true), row("s1", false), row("s2", true)];
    expect(passHatK(rows, 3)).toEqual([
      { k: 1, value: (2 / 3 + 1) / 2, scenarios: 2 },
      { k: 2, value: 1 / 3, scenarios: 1 },
      { k: 3, value: 0, scenarios: 1 },
    ]);
    expect(passHatK([], 1)).toEqual([{ k: 1, value: null, scenarios: 0 }]);
  });
});

describe("the exported site", () => {
  it("writes the front end and every answer the run's pages need", async () => {
    const dir = join(fixture.dir, "site");
    const written = await exportSite(store, [fixture.runA], dir);
    expect(written.files.sort()).toEqual(["app.css", "app.js", "data.js", "index.html"]);
    expect(written.scenarioRuns).toBe(3);
    const data = readFileSync(join(dir, "data.js"), "utf8");
    expect(data).toContain(`/api/runs/${fixture.runA}/scenarios/apartment_compare_note/single`);
    expect(data).not.toContain(fixture.runB);
    expect(data).not.toContain("</script");
    expect(existsSync(join(dir, "index.html"))).toBe(true);
  });
});
