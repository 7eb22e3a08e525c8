import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { discoverScenarios } from "../src/registry/discovery.js";
import { scenarioRegistry } from "../src/registry/scenario-registry.js";
import { writeJsonAtomic } from "../src/util/atomic-write.js";
import { benchEventEngine } from "./event-engine.js";
import { benchHarnessCpu, benchTransportCpu } from "./harness-cpu.js";
import { benchOracleWorkers, benchOracleWorkersWarm, benchTimeout } from "./isolation.js";
import { machineInfo, round } from "./lib/measure.js";
import { SYNTHETIC_100K } from "./lib/synthetic-scenario.js";
import { benchLlmOverhead, startMockServerChild } from "./llm-overhead.js";
import { benchLoopCalls } from "./loop-calls.js";
import { benchNoiseExpansion, noisiestScenario } from "./noise-expansion.js";
import { benchOracleThroughput } from "./oracle-throughput.js";
import { benchPromptCaching } from "./prompt-caching.js";
import { benchCachedRerun, benchResultsReport } from "./results-report.js";
import { benchStartup } from "./startup.js";
import { benchTransport } from "./transport.js";

/*
 * `npm run bench` (tsx bench/run-all.ts [--only startup,harness,llm,oracle,isolation,engine,results,noise,loop,
 * prompts,transport] [--quick] [--out path]). Prints a table and writes bench/results.json: `figures` holds every
 * goal's figure under its stable name (`startup.helpOverNode`, `harness.cpuMsPerCall.c8`, …), `targets` says met
 * or missed. Timings are never asserted; other work on the machine moves them (the load average is recorded).
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const SECTIONS = [
  "startup",
  "harness",
  "llm",
  "oracle",
  "isolation",
  "engine",
  "results",
  "noise",
  "loop",
  "prompts",
  "transport",
] as const;
type Section = (typeof SECTIONS)[number];

function parseArgs(argv: readonly string[]) {
  let only: Set<Section> = new Set(SECTIONS);
  let quick = false;
  let out = join(HERE, "results.json");
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--quick") quick = true;
    else if (arg === "--only") {
      const names = (argv[++i] ?? "").split(",").filter(Boolean);
      const unknown = names.filter((n) => !SECTIONS.includes(n as Section));
      if (unknown.length > 0)
        throw new Error(`--only: unknown section(s) ${unknown.join(", ")}; use ${SECTIONS.join(", ")}`);
      only = new Set(names as Section[]);
    } else if (arg === "--out") out = resolve(argv[++i] ?? out);
    else throw new Error(`unknown argument ${arg}; use --only ${SECTIONS.join(",")}, --quick, --out <path>`);
  }
  return { only, quick, out };
}

interface Target {
  figure: string;
  value: number;
  goal: string;
  met: boolean;
}

interface Row {
  figure: string;
  value: string;
  goal: string;
}

const fmt = (x: number, digits = 2) => x.toLocaleString("en-US", { maximumFractionDigits: digits });

async function main(): Promise<void> {
  const { only, quick, out } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const loadBefore = loadavg();
  const discovery = await discoverScenarios("benchmark");
  if (discovery.failures.length > 0)
    console.warn(`scenario modules that failed to load: ${discovery.failures.map((f) => f.path).join(", ")}`);
  const suite = [...discovery.registered].sort();
  if (suite.length === 0) throw new Error("no bundled scenarios were found");
  const results: Record<string, unknown> = {};
  const targets: Target[] = [];
  const rows: Row[] = [];
  const figures: Record<string, number> = {};
  const target = (figure: string, value: number, goal: string, met: boolean) => {
    targets.push({ figure, value, goal, met });
    figures[figure] = value;
    return `${goal} ${met ? "met" : "MISSED"}`;
  };
  const log = (text: string) =>
    console.error(`[bench ${fmt((performance.now() - started) / 1000, 1)}s] ${text}`);

  if (only.has("startup")) {
    log("start-up: node -e 0, pare --help, pare scenarios list (compiled), interleaved");
    const startup = benchStartup(quick ? 3 : 9);
    results.startup = startup;
    rows.push({
      figure: "Start-up: node -e 0",
      value: `${fmt(startup.nodeMs, 0)} ms`,
      goal: "",
    });
    rows.push({
      figure: "Start-up: pare --help ÷ node -e 0",
      value: `${fmt(startup.helpOverNode)} (${fmt(startup.helpMs, 0)} ms; tsx ${fmt(startup.helpTsxMs, 0)} ms)`,
      goal: target("startup.helpOverNode", startup.helpOverNode, "≤ 6", startup.helpOverNode <= 6),
    });
    rows.push({
      figure: "Start-up: pare scenarios list ÷ node -e 0",
      value: `${fmt(startup.listOverNode)} (${fmt(startup.listMs, 0)} ms${startup.listCpuMs === null ? "" : `; CPU ${fmt(startup.listCpuMs, 0)} ms`})`,
      goal: target("startup.listOverNode", startup.listOverNode, "≤ 15", startup.listOverNode <= 15),
    });
  }

  if (only.has("harness")) {
    const ids = quick ? suite.slice(0, 8) : suite;
    log(
      `harness CPU per model call: instant in-process engine, ${ids.length} scenarios, concurrency 1, 8, 32`,
    );
    const harness = await benchHarnessCpu(ids, [1, 8, 32]);
    results.harnessCpu = harness;
    for (const h of harness)
      rows.push({
        figure: `Harness c=${h.concurrency}: CPU ms per model call (instant engine)`,
        value: `${fmt(h.cpuMsPerCall, 3)} (${h.jobs} runs, ${h.modelCalls} calls)`,
        goal: target(
          `harness.cpuMsPerCall.c${h.concurrency}`,
          h.cpuMsPerCall,
          "≤ 0.5",
          h.cpuMsPerCall <= 0.5,
        ),
      });
    log("transport CPU per call: the real engine against the mock server (child process), no harness");
    const server = await startMockServerChild(0);
    try {
      const transport = await benchTransportCpu(server.url, [1, 8, 32], quick ? 20 : 60);
      results.transportCpu = transport;
      for (const t of transport) {
        figures[`transport.cpuMsPerCall.c${t.concurrency}`] = t.cpuMsPerCall;
        rows.push({
          figure: `Transport c=${t.concurrency}: CPU ms per call (real client → mock)`,
          value: `${fmt(t.cpuMsPerCall, 3)} (${t.calls} calls, ${fmt(t.meanLatencyMs, 1)} ms mean latency)`,
          goal: "(measured, no goal)",
        });
      }
    } finally {
      await server.stop();
    }
  }

  if (only.has("llm")) {
    log(`LLM-bound overhead: ${suite.length} scenarios, mock latency 50 ms, concurrency 1, 8, 32`);
    const llm = await benchLlmOverhead(quick ? suite.slice(0, 8) : suite, {
      latencyMs: 50,
      concurrencies: [1, 8, 32],
    });
    results.llmOverhead = llm;
    for (const level of llm.levels) {
      const c = level.concurrency;
      rows.push({
        figure: `LLM c=${c}: wall ÷ ideal`,
        value: `${fmt(level.wallOverIdeal, 3)} (${level.jobs} runs, ${level.modelCalls} calls)`,
        goal:
          c === 32
            ? target(`llm.c32.wallOverIdeal`, level.wallOverIdeal, "≤ 1.05", level.wallOverIdeal <= 1.05)
            : "",
      });
      rows.push({
        figure: `LLM c=${c}: wall ÷ zero-overhead pool`,
        value: fmt(level.wallOverZeroOverheadPool, 3),
        goal: "",
      });
      rows.push({
        figure: `LLM c=${c}: wall ÷ pool at bare-request latency`,
        value: `${fmt(level.wallOverFloorPool, 3)} (bare request ${fmt(level.transportFloor.latencyMs, 1)} ms/call; a free harness: ${fmt(level.floorOverIdeal, 3)} × ideal)`,
        goal: "",
      });
      rows.push({
        figure: `LLM c=${c}: call latency p50 / p90 / p99 ms`,
        value: `${fmt(level.callLatency.p50, 1)} / ${fmt(level.callLatency.p90, 1)} / ${fmt(level.callLatency.p99, 1)} (mock ${fmt(level.serverMsPerCall, 1)}, event-loop delay ${fmt(level.eventLoopDelay.mean, 1)})`,
        goal: "",
      });
      rows.push({
        figure: `LLM c=${c}: process CPU ms per model call (harness + client)`,
        value: `${fmt(level.cpuMsPerCall, 3)} (bare request ${fmt(level.transportFloor.cpuMsPerCall, 3)})`,
        goal: "",
      });
    }
  }

  if (only.has("oracle")) {
    log("oracle throughput: whole suite × 3 runs");
    const oracle = await benchOracleThroughput(suite, { runsPerScenario: 3, repeats: quick ? 1 : 5 });
    results.oracleThroughput = oracle;
    rows.push({
      figure: `Oracle: suite × 3 (${oracle.runs} runs)`,
      value: `${fmt(oracle.scenarioRunsPerSecond, 1)} runs/s (${fmt(oracle.cpuMsPerRun, 2)} CPU ms/run)`,
      goal: "",
    });
  }

  if (only.has("isolation")) {
    log("oracle suite × 3 on warm pools of 1 and 2 worker threads");
    const warm = await benchOracleWorkersWarm(suite, 3, quick ? 3 : 7);
    results.oracleWorkers = warm;
    rows.push({
      figure: `Oracle: suite × 3 (${warm.runs} runs), 2 warm workers ÷ 1`,
      value: `${fmt(warm.workersSpeedup)}× (${fmt(warm.oneWorkerRunsPerSecond, 0)} → ${fmt(warm.twoWorkersRunsPerSecond, 0)} runs/s; job thread ${fmt(warm.mainThreadMsPerRun, 3)} ms/run)`,
      goal: target("oracle.workersSpeedup", warm.workersSpeedup, "≥ 1.7", warm.workersSpeedup >= 1.7),
    });
    log("oracle suite × 3 through the compiled CLI, --workers 1 and 2 (thread start-up included)");
    const cold = benchOracleWorkers(suite.length, 3, quick ? 1 : 3);
    results.oracleWorkersCli = cold;
    figures["oracle.cliWorkersSpeedup"] = cold.workersSpeedup;
    rows.push({
      figure: `Oracle CLI job: suite × 3, --workers 2 ÷ --workers 1`,
      value: `${fmt(cold.workersSpeedup)}× (${fmt(cold.oneWorkerSeconds)} s → ${fmt(cold.twoWorkersSeconds)} s job wall)`,
      goal: "",
    });
    log("timeout: scenarios that loop in validate() and while populating apps, --timeout 1");
    const timeout = await benchTimeout(1);
    results.timeout = timeout;
    rows.push({
      figure: "Timeout: a looping run stopped past --timeout 1",
      value: `${fmt(timeout.overrunSeconds, 3)} s (other runs completed: ${timeout.othersCompleted})`,
      goal: target(
        "timeout.overrunSeconds",
        timeout.overrunSeconds,
        "≤ 2 s",
        timeout.overrunSeconds <= 2 && timeout.othersCompleted,
      ),
    });
  }

  if (only.has("engine")) {
    log("event engine: synthetic scenario with 100,000 events");
    const shape = quick ? { ...SYNTHETIC_100K, chains: 100 } : SYNTHETIC_100K;
    const engine = await benchEventEngine(shape);
    results.eventEngine = engine;
    rows.push({
      figure: `Event engine: ${fmt(engine.scheduledEvents, 0)} events`,
      value: `${fmt(engine.engineEventsPerSecond, 0)} events/s`,
      goal: target(
        "engine.eventsPerSecond",
        engine.engineEventsPerSecond,
        "≥ 150,000",
        engine.engineEventsPerSecond >= 150_000,
      ),
    });
    rows.push({
      figure: "Event engine: whole oracle run (build, run, validate)",
      value: `${fmt(engine.runScenarioEventsPerSecond, 0)} events/s`,
      goal: "",
    });
  }

  if (only.has("results")) {
    const scenarios = quick ? 1_000 : 10_000;
    log(`results: toPolars + report over ${fmt(scenarios * 10, 0)} synthetic results`);
    const report = await benchResultsReport({ scenarios, runsPerScenario: 10, repeats: quick ? 1 : 5 });
    results.resultsReport = report;
    rows.push({
      figure: `Results: toPolars + text report, ${fmt(report.rows, 0)} rows`,
      value: `${fmt(report.reportTotalMs, 0)} ms (toPolars ${fmt(report.toPolarsMs, 0)} ms)`,
      goal: target("results.reportMs", report.reportTotalMs, "≤ 500 ms", report.reportTotalMs <= 500),
    });
    rows.push({
      figure: "Results: JSON stats report",
      value: `${fmt(report.jsonReportMs, 0)} ms`,
      goal: "",
    });
    log("results: fully cached rerun through the run store and runBenchmark");
    const rerun = await benchCachedRerun(suite, { minResults: 500, repeats: quick ? 1 : 5 });
    results.cachedRerun = rerun;
    rows.push({
      figure: `Results: cached rerun of ${rerun.results} results`,
      value: `${fmt(rerun.rerunMs, 0)} ms (${rerun.cacheHits} hits, ${rerun.executed} executed)`,
      goal: target("results.cachedRerunMs", rerun.rerunMs, "< 1,000 ms", rerun.rerunMs < 1000),
    });
    rows.push({
      figure: `Results: export of that job from the store`,
      value: `${fmt(rerun.exportMs, 0)} ms`,
      goal: "",
    });
  }

  if (only.has("noise")) {
    const registry = scenarioRegistry();
    const id = noisiestScenario(registry, suite);
    log(`noise expansion: ${id}, 60 events/min over 6 h`);
    const noise = await benchNoiseExpansion(registry, id, {
      eventsPerMinute: 60,
      horizonSeconds: 6 * 3600,
      scaleFactor: 100,
    });
    results.noiseExpansion = noise;
    for (const c of noise.cases) {
      rows.push({
        figure: `Noise (${c.data} data): ${fmt(c.noiseEvents, 0)} of ${fmt(c.plannedEvents, 0)} planned`,
        value: `expand ${fmt(c.expansionMs, 0)} ms (${fmt(c.expansionEventsPerSecond, 0)}/s), run ${fmt(c.oracleRunEventsPerSecond, 0)} events/s`,
        goal: "",
      });
    }
  }

  if (only.has("loop")) {
    log("agent loop: model calls per loop option on the whole suite (deterministic counts)");
    const loop = await benchLoopCalls(quick ? suite.slice(0, 8) : suite);
    results.loopCalls = loop;
    const base = new Map(loop.filter((v) => v.variant === "default").map((v) => [v.agent, v.calls.total]));
    for (const v of loop) {
      const saved = (base.get(v.agent) ?? v.calls.total) - v.calls.total;
      rows.push({
        figure: `Loop ${v.agent}, ${v.variant}`,
        value: `${v.passed}/${v.runs} passed, ${fmt(v.calls.total, 0)} calls (observe ${fmt(v.observePerRun.mean)}, execute ${fmt(v.executePerRun.mean)} per run)${v.variant === "default" ? "" : `, ${saved >= 0 ? "saves" : "costs"} ${fmt(Math.abs(saved), 0)}`}`,
        goal: "",
      });
    }
  }

  if (only.has("prompts")) {
    log("prompts: prompt tokens per run and reusable-prefix share per role, text and native tool calling");
    const prompts = await benchPromptCaching(quick ? suite.slice(0, 8) : suite);
    results.promptCaching = prompts;
    const share = (x: number | null) => (x === null ? "n/a" : `${fmt(x * 100, 1)}%`);
    for (const v of prompts) {
      const p = v.promptTokensPerRun;
      const s = v.reusablePrefixShare;
      rows.push({
        figure: `Prompts ${v.toolCalling}${v.appendOnlyUserHistory ? ", append-only user" : ""}: tokens per run (est.)`,
        value: `${fmt(p.total, 0)} (user ${fmt(p.user, 0)}, observe ${fmt(p.observe, 0)}, execute ${fmt(p.execute, 0)}); ${v.passed}/${v.runs} passed`,
        goal: "",
      });
      rows.push({
        figure: `Prompts ${v.toolCalling}${v.appendOnlyUserHistory ? ", append-only user" : ""}: reusable prefix`,
        value: `user ${share(s.user)}, observe ${share(s.observe)}, execute ${share(s.execute)}`,
        goal: "",
      });
    }
  }

  if (only.has("transport")) {
    log("transport: CPU per engine call, undici dispatch vs built-in fetch vs a bare request, c=16");
    const transport = await benchTransport({ concurrency: 16, calls: quick ? 500 : 2000 });
    results.transport = transport;
    rows.push({
      figure: "Transport: CPU ms per engine call",
      value: `engine ${fmt(transport.cpuMsPerCall.engine, 3)}, via fetch ${fmt(transport.cpuMsPerCall.engineViaFetch, 3)}, bare request ${fmt(transport.cpuMsPerCall.bareRequest, 3)} (engine ÷ bare ${fmt(transport.engineOverBare, 3)})`,
      goal: target(
        "transport.engineOverFetch",
        transport.engineOverFetch,
        "≤ 1.05",
        transport.engineOverFetch <= 1.05,
      ),
    });
  }

  const benchSeconds = round((performance.now() - started) / 1000, 1);
  const report = {
    machine: {
      ...machineInfo(),
      loadAverageBefore: loadBefore.map((x) => round(x, 2)),
      loadAverageAfter: loadavg().map((x) => round(x, 2)),
    },
    suite: { scenarios: suite.length, ids: suite },
    quick,
    benchSeconds,
    figures,
    targets,
    ...results,
  };
  writeJsonAtomic(out, report);

  const width = Math.max(...rows.map((r) => r.figure.length));
  const valueWidth = Math.max(...rows.map((r) => r.value.length));
  console.log(
    `\npare-ts benchmarks — node ${process.version}, ${report.machine.cpus} cpus, load ${loadBefore.map((x) => x.toFixed(1)).join(" ")}`,
  );
  for (const row of rows)
    console.log(`${row.figure.padEnd(width)}  ${row.value.padEnd(valueWidth)}  ${row.goal}`);
  const missed = targets.filter((t) => !t.met);
  console.log(
    `\n${targets.length - missed.length}/${targets.length} targets met in ${benchSeconds} s; results in ${out}`,
  );
}

await main();
