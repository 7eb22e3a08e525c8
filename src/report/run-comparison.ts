import seedrandom from "seedrandom";

/** One scenario run's verdict, as compared: `success` null means it was not validated (left out). */
export interface ComparedRun {
  scenarioId: string;
  runNumber: number | null;
  success: boolean | null;
}

export interface ScenarioTally {
  passes: number;
  /** Runs with a verdict (exceptions count as failures, runs without validation are left out). */
  validated: number;
}

export type VerdictChange = "same" | "fixed" | "broken" | "better" | "worse" | "only-a" | "only-b";

export interface ScenarioComparison {
  scenarioId: string;
  a: ScenarioTally | null;
  b: ScenarioTally | null;
  change: VerdictChange;
}

export interface RunComparison {
  /** Success rates are fractions in [0, 1] over validated runs of the scenarios both runs have. */
  a: { successRate: number | null; scenarios: number; validatedRuns: number };
  b: { successRate: number | null; scenarios: number; validatedRuns: number };
  scenarios: ScenarioComparison[];
  paired: {
    /** Scenarios with a verdict in both runs. */
    scenarios: number;
    /** Mean over those scenarios of (B's success rate − A's), a fraction; null when there are none. */
    difference: number | null;
    /** Paired bootstrap over scenarios, percentile 95% interval of the difference. */
    ci95: [number, number] | null;
    resamples: number;
    seed: number;
  };
  mcnemar: {
    /** (scenario, run) pairs with a verdict in both runs; a single run is paired with run 1. */
    pairs: number;
    /** Pairs where only A passed / only B passed. */
    onlyA: number;
    onlyB: number;
    /** Exact two-sided binomial test on the discordant pairs; 1 when there are none. */
    pValue: number;
  };
}

function tallies(runs: readonly ComparedRun[]): Map<string, ScenarioTally> {
  const out = new Map<string, ScenarioTally>();
  for (const run of runs) {
    const tally = out.get(run.scenarioId) ?? { passes: 0, validated: 0 };
    if (run.success !== null) {
      tally.validated += 1;
      if (run.success) tally.passes += 1;
    }
    out.set(run.scenarioId, tally);
  }
  return out;
}

const rate = (t: ScenarioTally): number => t.passes / t.validated;

function classify(a: ScenarioTally | null, b: ScenarioTally | null): VerdictChange {
  if (!a || a.validated === 0) return "only-b";
  if (!b || b.validated === 0) return "only-a";
  const ra = rate(a);
  const rb = rate(b);
  if (ra === rb) return "same";
  if (ra === 0 && rb === 1) return "fixed";
  if (ra === 1 && rb === 0) return "broken";
  return rb > ra ? "better" : "worse";
}

/** log(exp(x) + exp(y)) without overflow. */
function logAdd(x: number, y: number): number {
  if (x === Number.NEGATIVE_INFINITY) return y;
  const hi = Math.max(x, y);
  return hi + Math.log1p(Math.exp(Math.min(x, y) - hi));
}

/** Exact McNemar test: two-sided binomial(b + c, 1/2) p-value of the smaller discordant count. */
export function mcnemarExact(onlyA: number, onlyB: number): number {
  const n = onlyA + onlyB;
  if (n === 0) return 1;
  const k = Math.min(onlyA, onlyB);
  if (n <= 1000) {
    // 0.5^n stays a normal double up to n = 1022: sum the binomial terms directly (exact for small n).
    let pmf = 0.5 ** n;
    let tail = pmf;
    for (let i = 0; i < k; i++) {
      pmf = (pmf * (n - i)) / (i + 1);
      tail += pmf;
    }
    return Math.min(1, 2 * tail);
  }
  let logPmf = n * Math.log(0.5);
  let logTail = logPmf;
  for (let i = 0; i < k; i++) {
    logPmf += Math.log((n - i) / (i + 1));
    logTail = logAdd(logTail, logPmf);
  }
  return Math.min(1, 2 * Math.exp(logTail));
}

function percentile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/** Paired bootstrap over scenarios: percentile interval of the mean per-scenario difference. Seeded. */
export function pairedBootstrapCi(
  differences: readonly number[],
  resamples: number,
  seed: number,
  level = 0.95,
): [number, number] | null {
  const n = differences.length;
  if (n === 0) return null;
  const random = seedrandom(`pare-compare:${seed}`);
  const means = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += differences[Math.floor(random() * n)] as number;
    means[r] = sum / n;
  }
  means.sort((x, y) => x - y);
  const alpha = (1 - level) / 2;
  return [percentile(means, alpha), percentile(means, 1 - alpha)];
}

/**
 * Compares two runs scenario by scenario: verdict changes, the difference in success rate (B − A) with a paired
 * bootstrap 95% interval over the scenarios both have, and an exact McNemar test on discordant (scenario, run)
 * pairs.
 */
export function compareRuns(
  a: readonly ComparedRun[],
  b: readonly ComparedRun[],
  options: { resamples?: number; seed?: number } = {},
): RunComparison {
  const resamples = options.resamples ?? 10_000;
  const seed = options.seed ?? 0;
  const ta = tallies(a);
  const tb = tallies(b);
  const ids = [...new Set([...ta.keys(), ...tb.keys()])].sort();
  const scenarios = ids.map((scenarioId) => {
    const sa = ta.get(scenarioId) ?? null;
    const sb = tb.get(scenarioId) ?? null;
    return { scenarioId, a: sa, b: sb, change: classify(sa, sb) };
  });
  const both = scenarios.filter((s) => s.change !== "only-a" && s.change !== "only-b");
  const differences = both.map((s) => rate(s.b as ScenarioTally) - rate(s.a as ScenarioTally));
  const overall = (pick: (s: ScenarioComparison) => ScenarioTally) => {
    const passes = both.reduce((sum, s) => sum + pick(s).passes, 0);
    const validated = both.reduce((sum, s) => sum + pick(s).validated, 0);
    return {
      successRate: validated > 0 ? passes / validated : null,
      scenarios: both.length,
      validatedRuns: validated,
    };
  };
  const slot = (run: ComparedRun) => `${run.scenarioId}\u0000${run.runNumber ?? 1}`;
  const verdictsA = new Map(a.filter((r) => r.success !== null).map((r) => [slot(r), r.success as boolean]));
  let pairs = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (const run of b) {
    if (run.success === null) continue;
    const other = verdictsA.get(slot(run));
    if (other === undefined) continue;
    pairs += 1;
    if (other && !run.success) onlyA += 1;
    if (!other && run.success) onlyB += 1;
  }
  return {
    a: overall((s) => s.a as ScenarioTally),
    b: overall((s) => s.b as ScenarioTally),
    scenarios,
    paired: {
      scenarios: both.length,
      difference: both.length > 0 ? differences.reduce((x, y) => x + y, 0) / both.length : null,
      ci95: pairedBootstrapCi(differences, resamples, seed),
      resamples,
      seed,
    },
    mcnemar: { pairs, onlyA, onlyB, pValue: mcnemarExact(onlyA, onlyB) },
  };
}
