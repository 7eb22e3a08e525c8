import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contiguousParts } from "../../src/registry/discovery.js";
import { ScenarioRegistry } from "../../src/registry/scenario-registry.js";
import { loadSplit } from "../../src/registry/splits.js";
import { mergeListedParts, type PartOutcome } from "../../src/runner/scenario-listing.js";
import type { ScenarioSummary } from "../../src/runner/scenario-summary.js";
import type { ListedPart } from "../../src/runner/scenario-tasks-worker.js";
import { TodoFollowupScenario } from "../support/todo-scenario.js";

const row = (id: string): ScenarioSummary => ({
  id,
  apps: ["TodoApp"],
  oracleEvents: 1,
  environmentEvents: 1,
  benchmarkReady: true,
  expectsProposal: true,
  tags: [],
  description: id,
});

function part(ids: string[], extra: Partial<ListedPart> = {}, stuck: Partial<PartOutcome> = {}): PartOutcome {
  return {
    listed: {
      ids,
      sources: ids.map((id) => `/scenarios/${id}.ts`),
      summaries: ids.map((id) => ({ id, row: row(id) })),
      failures: [],
      warnings: [],
      ...extra,
    },
    stuckModules: [],
    stuckScenarios: [],
    ...stuck,
  };
}

describe("contiguousParts", () => {
  it("cuts files in order into runs of about equal size", () => {
    expect(contiguousParts([1, 1, 1, 1], 2)).toEqual([0, 0, 1, 1]);
    expect(contiguousParts([10, 1, 1], 2)).toEqual([0, 1, 1]);
    expect(contiguousParts([1, 1, 1, 1, 1, 1], 3)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(contiguousParts([5, 5], 1)).toEqual([0, 0]);
    expect(contiguousParts([], 2)).toEqual([]);
    expect(contiguousParts([0, 0], 2)).toEqual([0, 0]);
  });

  it("never goes back to an earlier part and never past the last", () => {
    const sizes = Array.from({ length: 157 }, (_, i) => 1000 + ((i * 7919) % 5000));
    for (const count of [1, 2, 3, 4, 200]) {
      const parts = contiguousParts(sizes, count);
      expect(parts.every((p, i) => p >= 0 && p < count && (i === 0 || p >= (parts[i - 1] as number)))).toBe(
        true,
      );
    }
  });
});

describe("mergeListedParts", () => {
  it("puts the parts one after the other: rows, modules, failures (stopped ones first), warnings of one part", () => {
    const merged = mergeListedParts(
      [
        part(["a", "b"], {
          failures: [{ path: "/s/x.ts", error: "broken" }],
          warnings: ["scenario directory not found: /nope"],
        }),
        part(["c"], {
          failures: [{ path: "/s/y.ts", error: "broken too" }],
          warnings: ["scenario directory not found: /nope"],
        }),
      ].map((p, i) =>
        i === 1 ? { ...p, stuckModules: [{ path: "/s/loop.ts", error: "did not finish importing" }] } : p,
      ),
      null,
    );
    expect(merged?.rows.map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(Object.keys(merged?.modules ?? {})).toEqual(["a", "b", "c"]);
    expect(merged?.modules.c).toBe("/scenarios/c.ts");
    expect(merged?.failures).toEqual([
      { path: "/s/loop.ts", error: "did not finish importing" },
      { path: "/s/x.ts", error: "broken" },
      { path: "/s/y.ts", error: "broken too" },
    ]);
    expect(merged?.warnings).toEqual(["scenario directory not found: /nope"]);
    expect(merged?.splitError).toBeNull();
  });

  it("is null when two parts registered the same id (the listing is then redone in one thread)", () => {
    expect(mergeListedParts([part(["a", "b"]), part(["b", "c"])], null)).toBeNull();
  });

  it("lists a split in its order, repeats included; stopped scenarios first, then those that threw", () => {
    const first = part(["a", "b", "c"], {
      summaries: [
        { id: "a", row: row("a") },
        { id: "c", error: "cannot populate" },
      ],
    });
    const stuckB = { ...first, stuckScenarios: [{ id: "b", error: "did not finish building" }] };
    const second = part(["d", "e"], {
      summaries: [
        { id: "d", row: row("d") },
        { id: "e", error: "no apps" },
      ],
    });
    const merged = mergeListedParts([stuckB, { ...second, stuckScenarios: [] }], {
      name: "mine",
      ids: ["e", "d", "a", "b", "c", "d", "b"],
    });
    expect(merged?.rows.map((r) => r.id)).toEqual(["d", "a", "d"]);
    expect(merged?.summaryErrors).toEqual([
      { id: "b", error: "did not finish building" },
      { id: "e", error: "no apps" },
      { id: "c", error: "cannot populate" },
    ]);
  });

  it("rejects a split naming an unknown id with loadSplit's message, and lists nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "listing-splits-"));
    writeFileSync(join(dir, "bad.txt"), "alpha_one\nalpha_tw\n");
    process.env.PARE_BENCHMARK_SPLITS_DIR = dir;
    try {
      const registry = new ScenarioRegistry();
      for (const id of ["alpha_one", "alpha_two", "beta"])
        registry.register(id, class extends TodoFollowupScenario {} as never);
      const expected = (() => {
        try {
          loadSplit("bad", registry);
        } catch (error) {
          return (error as Error).message;
        }
      })();
      const parts = [
        part(["alpha_one"]),
        part(["alpha_two", "beta"], {}, { stuckScenarios: [{ id: "beta", error: "x" }] }),
      ];
      const merged = mergeListedParts(parts, { name: "bad", ids: ["alpha_one", "alpha_tw"] });
      expect(expected).toMatch(/lists unknown scenario 'alpha_tw'\. Did you mean: alpha_two, alpha_one\?/);
      expect(merged?.splitError).toBe(expected);
      expect(merged?.rows).toEqual([]);
      expect(merged?.summaryErrors).toEqual([]);
    } finally {
      delete process.env.PARE_BENCHMARK_SPLITS_DIR;
    }
  });

  it("reports a split that cannot be read and lists nothing", () => {
    const merged = mergeListedParts([part(["a"])], { name: "nope", error: "Split file not found: nope.txt" });
    expect(merged?.splitError).toBe("Split file not found: nope.txt");
    expect(merged?.rows).toEqual([]);
  });
});
