import { describe, expect, it } from "vitest";
import { groupByFingerprint } from "../../src/report/fingerprint-groups.js";
import {
  MultiScenarioValidationResult,
  ScenarioValidationResult,
} from "../../src/scenarios/validation-result.js";

const RUN = { userModel: "u", observeModel: "o", executeModel: "e" };

function job(runId: string | null, configHash: string | null, ids: string[]) {
  const multi = new MultiScenarioValidationResult(RUN);
  multi.identity = { runId, configHash };
  for (const id of ids) multi.addResult(new ScenarioValidationResult({ success: true }), id, null, 0);
  return multi.toPolars();
}

describe("groupByFingerprint", () => {
  it("keeps fingerprints apart, in order of appearance, and drops repeated runs within one", () => {
    const frame = job("r1", "f1", ["a", "b"])
      .vstack(job("r2", "f2", ["a"]))
      .vstack(job("r3", "f1", ["b", "c"]));
    const groups = groupByFingerprint(frame);
    expect(groups.map((g) => [g.fingerprint, g.frame.height, g.runIds, g.duplicatesDropped])).toEqual([
      ["f1", 3, ["r1", "r3"], 1],
      ["f2", 1, ["r2"], 0],
    ]);
  });

  it("never deduplicates rows without a fingerprint (PARE's files), and copes with no rows", () => {
    const groups = groupByFingerprint(job(null, null, ["a"]).vstack(job(null, null, ["a"])));
    expect(groups.map((g) => [g.fingerprint, g.frame.height, g.duplicatesDropped])).toEqual([[null, 2, 0]]);
    expect(groupByFingerprint(job("r", "f", []))).toEqual([]);
  });
});
