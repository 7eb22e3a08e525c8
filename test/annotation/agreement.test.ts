import { describe, expect, it } from "vitest";
import {
  cohensKappa,
  fleissKappa,
  hashTieBreak,
  kappaWording,
  krippendorffAlpha,
  majorityLabel,
} from "../../src/annotation/agreement.js";
import { agreementReport } from "../../src/annotation/agreement-report.js";
import type { DecisionPoint, TernaryDecision } from "../../src/annotation/decision-point.js";

// Five samples, two annotators and the simulated user; every expected value below was worked out by hand
// (the derivations are in the comments).
const A: TernaryDecision[] = ["accept", "reject", "gather_context", "accept", "reject"];
const B: TernaryDecision[] = ["accept", "reject", "reject", "gather_context", "reject"];
const M: TernaryDecision[] = ["accept", "accept", "reject", "accept", "reject"];
const ids = ["s1", "s2", "s3", "s4", "s5"];

function point(id: string, decision: TernaryDecision): DecisionPoint {
  return {
    sample_id: id,
    scenario_id: "demo",
    run_number: 1,
    proactive_model_id: "p",
    user_model_id: "u",
    trace_file: "t.json",
    source: "pare_trace_v1",
    user_agent_decision: decision,
    llm_input: null,
    agent_proposal: "Shall I?",
    final_decision: decision === "accept",
    meta_task_description: null,
    gather_context_delta: null,
    timeline: [],
  };
}

describe("Cohen's kappa", () => {
  it("matches the hand computation", () => {
    // p_o = 3/5; p_e = .4·.2 + .4·.6 + .2·.2 = .36; κ = .24/.64
    expect(cohensKappa(A, B)).toBeCloseTo(0.375, 12);
    // model vs A: p_o = .6, p_e = .4·.6 + .4·.4 = .4 → 1/3
    expect(cohensKappa(M, A)).toBeCloseTo(1 / 3, 12);
  });
  it("is null for empty or unequal lists and 1 for one shared label", () => {
    expect(cohensKappa([], [])).toBeNull();
    expect(cohensKappa(["accept"], [])).toBeNull();
    expect(cohensKappa(["accept", "accept"], ["accept", "accept"])).toBe(1);
    expect(cohensKappa(["accept", "reject"], ["reject", "accept"])).toBeCloseTo(-1, 12);
  });
});

describe("Fleiss' kappa", () => {
  it("matches the hand computation for two and three raters", () => {
    const two = ids.map((_, i) => [A[i], B[i]] as TernaryDecision[]);
    // P̄ = 3/5, p = (.3, .5, .2), P_e = .38 → .22/.62
    expect(fleissKappa(two)).toBeCloseTo(0.22 / 0.62, 12);
    const three = ids.map((_, i) => [A[i], B[i], M[i]] as TernaryDecision[]);
    // P̄ = 3/5, P_e = 89/225 → 46/136
    expect(fleissKappa(three)).toBeCloseTo(46 / 136, 12);
  });
  it("is null without an item rated twice; 1 when every rating is the same", () => {
    expect(fleissKappa([["accept"], ["reject"]])).toBeNull();
    expect(fleissKappa([])).toBeNull();
    expect(fleissKappa([["accept", "accept"]])).toBe(1);
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it("matches the hand computation", () => {
    // D_o = 4/10, D_e = 62/90 → 13/31
    expect(krippendorffAlpha(ids.map((_, i) => [A[i], B[i]] as string[]))).toBeCloseTo(13 / 31, 12);
    // three raters (weights 1/2): D_o = 6/15, D_e = 136/210 → 13/34
    expect(krippendorffAlpha(ids.map((_, i) => [A[i], B[i], M[i]] as string[]))).toBeCloseTo(13 / 34, 12);
  });
  it("drops units with one rating and is null without pairable values", () => {
    expect(krippendorffAlpha([["a"]])).toBeNull();
    expect(krippendorffAlpha([["a", "a"], ["b"]])).toBe(1);
    expect(krippendorffAlpha([])).toBeNull();
  });
});

describe("majority vote", () => {
  it("breaks ties with sha256(sample id) over the tied labels in the fixed order", () => {
    // int(sha256("s3")) mod 2 = 1 → [reject, gather_context][1]; int(sha256("s4")) mod 2 = 0 → accept
    expect(hashTieBreak("s3", 2)).toBe(1);
    expect(hashTieBreak("s4", 2)).toBe(0);
    const order: TernaryDecision[] = ["accept", "reject", "gather_context"];
    expect(majorityLabel(["gather_context", "reject"], order, "s3")).toBe("gather_context");
    expect(majorityLabel(["accept", "gather_context"], order, "s4")).toBe("accept");
    expect(majorityLabel([], order, "s4")).toBeNull();
    // md5: int(md5("x2")) mod 3 = 2
    expect(hashTieBreak("x2", 3, "md5")).toBe(2);
  });
  it("words kappas as Landis and Koch", () => {
    expect([-0.1, 0.1, 0.3, 0.5, 0.7, 0.9, null].map(kappaWording)).toEqual([
      "poor",
      "slight",
      "fair",
      "moderate",
      "substantial",
      "almost perfect",
      "n/a",
    ]);
  });
});

describe("agreement report", () => {
  const samples = ids.map((id, i) => point(id, M[i] as TernaryDecision));
  const answers = ids.flatMap((id, i) => [
    { sampleId: id, annotatorId: "ann-a", decision: A[i] as TernaryDecision },
    { sampleId: id, annotatorId: "ann-b", decision: B[i] as TernaryDecision },
  ]);

  it("reproduces the hand-computed ternary and binary values", () => {
    const report = agreementReport(samples, answers);
    expect(report.annotators).toEqual(["ann-a", "ann-b"]);
    expect(report.samples).toBe(5);
    const t = report.ternary;
    expect(t.humanPairs[0]?.kappa).toBeCloseTo(0.375, 12);
    expect(t.fleissHumans).toBeCloseTo(0.22 / 0.62, 12);
    expect(t.fleissWithModel).toBeCloseTo(46 / 136, 12);
    expect(t.alphaHumans).toBeCloseTo(13 / 31, 12);
    expect(t.alphaWithModel).toBeCloseTo(13 / 34, 12);
    // majority = [a, r, g, a, r] (ties above) vs model [a, a, r, a, r]: 3/5, κ as A vs M
    expect(t.majority.accuracy).toBeCloseTo(0.6, 12);
    expect(t.majority.cohensKappa).toBeCloseTo(1 / 3, 12);
    // κ(M, A) = 1/3, κ(M, B) = .24/.64 = .375
    expect(t.modelHumanKappa.mean).toBeCloseTo((1 / 3 + 0.375) / 2, 12);
    expect(t.modelHumanKappa.std).toBeCloseTo((0.375 - 1 / 3) / 2, 12);
    expect(t.categoryRates.human).toEqual({ accept: 0.3, reject: 0.5, gather_context: 0.2 });
    // binary: A = [a,n,n,a,n], B = [a,n,n,n,n]
    const b = report.binary;
    expect(b.humanPairs[0]?.kappa).toBeCloseTo(0.24 / 0.44, 12);
    expect(b.fleissHumans).toBeCloseTo(0.22 / 0.42, 12);
    expect(b.alphaHumans).toBeCloseTo(4 / 7, 12);
    expect(report.perAnnotator.map((p) => p.kappaWithModel)).toEqual([
      expect.closeTo(1 / 3, 12),
      expect.closeTo(0.375, 12),
    ]);
  });

  it("keeps only the samples every chosen annotator answered, and ignores answers to unknown samples", () => {
    const partial = answers.filter((a) => !(a.annotatorId === "ann-b" && a.sampleId === "s5"));
    const report = agreementReport(samples, [
      ...partial,
      { sampleId: "ghost", annotatorId: "ann-c", decision: "accept" },
    ]);
    expect(report.annotators).toEqual(["ann-a", "ann-b"]);
    expect(report.samples).toBe(4);
  });

  it("is all n/a without answers", () => {
    const report = agreementReport(samples, []);
    expect(report.samples).toBe(0);
    expect(report.ternary.fleissHumans).toBeNull();
    expect(report.ternary.majority.accuracy).toBeNull();
  });
});
