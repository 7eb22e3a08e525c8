import {
  type ExceptionKind,
  MultiScenarioValidationResult,
  type ResultException,
  type ResultRunColumns,
  ScenarioValidationResult,
  StopReason,
} from "../../src/scenarios/validation-result.js";

/** mulberry32: a small seeded generator, so the synthetic results are the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RATIONALES = [
  "All 3 checks passed.",
  "Missing: a reply",
  "",
  'quote \' and "double" and \\ backslash',
  "line one\nline two\ttabbed",
  "ünïcödé — 日本語 — emoji 🎉",
];

/** A rationale much longer than any real one (strings are copied into polars buffers). */
const HUGE_RATIONALE = "x".repeat(100_000);

const KINDS: ExceptionKind[] = ["agent", "infrastructure", "scenario", "timeout", "config"];

/** Durations that stress float sums: arbitrary doubles, zero, negative zero, tiny and huge values. */
function duration(rng: () => number): number {
  const pick = rng();
  if (pick < 0.02) return 0;
  if (pick < 0.03) return -0;
  if (pick < 0.04) return 1e-300 * rng();
  if (pick < 0.05) return 1e12 * rng();
  return rng() * 1000;
}

function rationale(rng: () => number): string | null {
  const pick = rng();
  if (pick < 0.1) return null;
  if (pick < 0.1005) return HUGE_RATIONALE;
  return RATIONALES[Math.floor(rng() * RATIONALES.length)] as string;
}

export interface GoldenJob {
  name: string;
  multi: MultiScenarioValidationResult;
}

function job(
  name: string,
  seed: number,
  runColumns: Partial<ResultRunColumns>,
  scenarios: number,
  runs: number,
  options: { nullRunNumbers?: boolean; infrastructureOnly?: boolean; identity?: boolean } = {},
): GoldenJob {
  const rng = seededRandom(seed);
  const multi = new MultiScenarioValidationResult({
    userModel: "gpt-5-mini",
    observeModel: "gpt-5",
    executeModel: "gpt-5",
    ...runColumns,
  });
  if (options.identity) multi.identity = { runId: `run-${name}`, configHash: `hash-${seed}` };
  for (let s = 0; s < scenarios; s++) {
    for (let r = 1; r <= runs; r++) {
      const roll = rng();
      let exception: ResultException | null = null;
      if (options.infrastructureOnly) {
        exception = { type: "LLMServerError", message: "HTTP 500", kind: "infrastructure" };
      } else if (roll < 0.12) {
        const kind = KINDS[Math.floor(rng() * KINDS.length)] as ExceptionKind;
        exception = { type: `${kind}Error`, message: `failed at step ${Math.floor(rng() * 5)}`, kind };
      }
      const verdict = rng();
      // An exception may come with or without a verdict; some runs end without validation.
      const success = exception && verdict < 0.7 ? null : verdict < 0.05 ? null : verdict < 0.6;
      const turns = Math.floor(rng() * 12);
      const proposals = Math.floor(rng() * 4);
      const stopRoll = Math.floor(rng() * (StopReason.options.length + 1));
      multi.addResult(
        new ScenarioValidationResult({
          success,
          exception,
          rationale: rationale(rng),
          exportPath: rng() < 0.3 ? `/tmp/traces/${name}_${s}_${r}.json` : null,
          duration: duration(rng),
          proposalCount: proposals,
          acceptanceCount: Math.floor(rng() * (proposals + 1)),
          readOnlyActions: Math.floor(rng() * 20),
          writeActions: Math.floor(rng() * 6),
          numberOfTurns: turns,
          stopReason: StopReason.options[stopRoll] ?? null,
        }),
        `${name}_scenario_${(s * 7919) % scenarios}`,
        options.nullRunNumbers && rng() < 0.2 ? null : r,
        rng() < 0.2 ? null : Math.floor(rng() * Number.MAX_SAFE_INTEGER),
      );
    }
  }
  multi.duration = rng() * 10000;
  return { name, multi };
}

/**
 * A large deterministic set of jobs covering every status, error class and stop reason, null run numbers and seeds,
 * one run per scenario, a job whose every run is an infrastructure error, an empty job and awkward strings.
 */
export function goldenJobs(): GoldenJob[] {
  return [
    job("alpha", 1, {}, 4000, 6),
    job(
      "beta",
      2,
      {
        userProvider: null,
        observeProvider: "openai",
        toolFailureProbability: 0.1,
        numEnvEventsPerMinute: 5,
        agentType: "observe-execute",
      },
      800,
      3,
      { nullRunNumbers: true, identity: true },
    ),
    job("gamma", 3, { userModel: "claude", observeModel: "o3", toolFailureProbability: 0.3 }, 3000, 1),
    job("delta", 4, { userModel: "claude", numEnvEventsPerMinute: 2 }, 25, 2, { infrastructureOnly: true }),
    job("epsilon", 5, { observeModel: "empty" }, 0, 0),
  ];
}
