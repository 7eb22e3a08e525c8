import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { z } from "zod";
import { AnnotationError, AnnotationStore } from "../annotation/annotation-store.js";
import { type AnnotationSample, TernaryDecision } from "../annotation/decision-point.js";
import { catalogue } from "../scenarios/benchmark-catalogue.js";
import { type RunStore, UnknownRunError } from "../store/run-store.js";
import { ChartQuery, chartsOf } from "./chart-data.js";
import { type ScenarioCatalogue, ViewData } from "./view-data.js";

/** The built front end (`npm run build:web` writes it; it is committed, so `pare view` needs no build). */
export const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), "../../web/dist");
export const WEB_FILES = ["index.html", "app.js", "app.css"] as const;

const CONTENT_TYPES: Record<string, string> = {
  "index.html": "text/html; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
  "app.css": "text/css; charset=utf-8",
};

/** Reads the built front end; a missing build is an installation problem, named as such. */
export function loadWebAssets(dir: string = WEB_DIST): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of WEB_FILES) {
    const path = join(dir, name);
    if (!existsSync(path))
      throw new Error(`infrastructure: the viewer's front end is missing (${path}); run npm run build:web`);
    out[name] = readFileSync(path, "utf8");
  }
  return out;
}

/** Scenario apps and kinds from the bundled catalogue; empty (with a note) when it cannot be built. */
export async function loadCatalogue(): Promise<{ catalogue: ScenarioCatalogue; problem: string | null }> {
  try {
    const rows = await catalogue();
    return { catalogue: new Map(rows.map((r) => [r.id, { apps: r.apps, kind: r.kind }])), problem: null };
  } catch (error) {
    return { catalogue: new Map(), problem: (error as Error).message.split("\n")[0] ?? "unknown" };
  }
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const Answer = z.object({
  sample_id: z.string().min(1).max(300),
  decision: TernaryDecision,
  rationale: z.string().max(4000).nullish(),
});

/** A sample as the annotation page shows it: the timeline, no hint of the simulated user's answer. */
function shownSample(sample: AnnotationSample) {
  return {
    sample_id: sample.sample_id,
    scenario_context: sample.meta_task_description,
    timeline: sample.timeline,
    proposal: sample.agent_proposal,
    tutorial: sample.tutorial,
  };
}

const runNumberOf = (text: string): number | null | undefined => {
  if (text === "single") return null;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
};

export interface ViewAppOptions {
  store: RunStore;
  catalogue?: ScenarioCatalogue | Promise<ScenarioCatalogue>;
  assets?: Record<string, string>;
  /** When set, requests whose Host header is not one of these names are refused (DNS-rebinding guard). */
  allowedHosts?: readonly string[] | null;
}

/** The viewer's HTTP app: the built front end and a JSON API over the run store. */
export function createViewApp(options: ViewAppOptions): Hono {
  const data = new ViewData(options.store, options.catalogue ?? new Map());
  const annotations = new AnnotationStore(options.store);
  const assets = options.assets ?? loadWebAssets();
  const app = new Hono();

  app.use("*", async (c, next) => {
    if (options.allowedHosts) {
      const host = (c.req.header("host") ?? "").replace(/:\d+$/, "");
      if (!options.allowedHosts.includes(host))
        return c.json({ error: `host ${host || "(none)"} not allowed` }, 403);
    }
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
  });

  app.onError((error, c) => {
    if (error instanceof UnknownRunError) return c.json({ error: error.message }, 404);
    if (error instanceof AnnotationError) return c.json({ error: error.message }, 400);
    if (error instanceof z.ZodError)
      return c.json(
        { error: error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") },
        422,
      );
    return c.json({ error: `infrastructure: ${error.message}` }, 500);
  });

  for (const name of WEB_FILES) {
    const path = name === "index.html" ? "/" : `/${name}`;
    app.get(path, (c) => {
      c.header("Content-Type", CONTENT_TYPES[name] as string);
      c.header("Cache-Control", "no-cache");
      return c.body(assets[name] as string);
    });
  }

  // The exported site puts its data here; a live server has none.
  app.get("/data.js", (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    return c.body("window.__PARE_STATIC__ = null;\n");
  });
  app.get("/api/runs", async (c) => c.json({ runs: await data.runs() }));
  app.get("/api/runs/:id", async (c) => c.json(await data.run(c.req.param("id"))));
  app.get("/api/runs/:id/scenarios/:scenario/:run", async (c) => {
    const runNumber = runNumberOf(c.req.param("run"));
    if (runNumber === undefined) return c.json({ error: "run must be a run number or 'single'" }, 400);
    const found = await data.scenarioRun(c.req.param("id"), c.req.param("scenario"), runNumber);
    if (!found)
      return c.json(
        { error: `no run of ${c.req.param("scenario")} #${c.req.param("run")} in that job` },
        404,
      );
    return c.json(found);
  });
  app.get("/api/compare", async (c) => {
    const a = c.req.query("a");
    const b = c.req.query("b");
    if (!a || !b) return c.json({ error: "give two runs: ?a=ID&b=ID" }, 400);
    return c.json(await data.compare(a, b));
  });

  app.get("/api/charts", async (c) =>
    c.json(await chartsOf(options.store, ChartQuery.parse({ runs: c.req.query("runs") }).runs)),
  );

  app.get("/api/annotation/sets", async (c) => c.json({ sets: await annotations.sets() }));
  const annotator = (header: string | undefined): string => {
    if (!header) throw new AnnotationError("X-Annotator-ID header required");
    return header;
  };
  app.get("/api/annotation/:set/next", async (c) => {
    const set = c.req.param("set");
    const who = annotator(c.req.header("x-annotator-id"));
    const next = await annotations.nextSample(set, who);
    const info = await annotations.setInfo(set);
    return c.json({
      set: info.name,
      sample: next.sample ? shownSample(next.sample) : null,
      progress: next.progress,
      tutorialDone: next.tutorialDone,
      message: next.sample ? null : "You have answered every sample that needs you. Thank you!",
    });
  });
  app.post("/api/annotation/:set/answer", async (c) => {
    if (!(c.req.header("content-type") ?? "").startsWith("application/json"))
      return c.json({ error: "send the answer as application/json" }, 415);
    const set = c.req.param("set");
    const who = annotator(c.req.header("x-annotator-id"));
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: "the body is not JSON" }, 400);
    }
    const answer = Answer.parse(body);
    const { annotation, sample } = await annotations.annotate({
      setName: set,
      sampleId: answer.sample_id,
      annotatorId: who,
      decision: answer.decision,
      rationale: answer.rationale ?? null,
    });
    const feedback = sample.tutorial
      ? {
          correct: sample.correct_decision === null ? null : sample.correct_decision === annotation.decision,
          correctDecision: sample.correct_decision,
          explanation: sample.explanation,
        }
      : null;
    let tutorialSummary = null;
    if (sample.tutorial) {
      const next = await annotations.nextSample(set, who);
      if (next.tutorialDone) {
        const mine = (await annotations.annotations(set, { tutorial: true })).filter(
          (a) => a.annotatorId === who,
        );
        const tutorials = (await annotations.samples(set)).filter((s) => s.tutorial);
        const scored = tutorials.filter((t) => t.correct_decision !== null);
        tutorialSummary = {
          correct: scored.filter(
            (t) => mine.find((m) => m.sampleId === t.sample_id)?.decision === t.correct_decision,
          ).length,
          scored: scored.length,
          total: tutorials.length,
        };
      }
    }
    return c.json({ ok: true, annotationId: annotation.annotationId, feedback, tutorialSummary });
  });

  app.notFound((c) =>
    c.req.path.startsWith("/api/")
      ? c.json({ error: `no such endpoint: ${c.req.path}` }, 404)
      : c.text("not found", 404),
  );
  return app;
}

export interface RunningViewServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the app on `host:port` (port 0 picks a free one). */
export function startViewServer(app: Hono, host: string, port: number): Promise<RunningViewServer> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      const shownHost = info.address.includes(":") ? `[${info.address}]` : info.address;
      resolvePromise({
        url: `http://${shownHost}:${info.port}/`,
        port: info.port,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.on("error", reject);
  });
}
