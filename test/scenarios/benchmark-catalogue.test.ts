import { describe, expect, it } from "vitest";
import {
  type CatalogueRow,
  coverageLines,
  KINDS,
  noiseCandidates,
  stratifiedSelection,
} from "../../src/scenarios/benchmark-catalogue.js";

const row = (id: string, kind: string, apps: string[], over: Partial<CatalogueRow> = {}): CatalogueRow => ({
  id,
  apps,
  kind,
  theme: "travel",
  description: "",
  oracle: 5,
  env: 1,
  conditions: 0,
  expectsProposal: true,
  triggerClasses: ["StatefulEmailApp"],
  ...over,
});

const rows: CatalogueRow[] = KINDS.flatMap((kind, k) =>
  Array.from({ length: 8 }, (_, i) =>
    row(
      `${kind}_${i}`,
      kind,
      i % 2 ? ["Cab", "Email"] : [["Notes", "Calendar", "Shopping"][k % 3] as string],
    ),
  ),
);

describe("stratifiedSelection", () => {
  it("takes ceil(fraction) of every kind, sorted, deterministically for a seed", () => {
    const picked = stratifiedSelection(rows, 0.25, "seed-a");
    expect(picked).toEqual([...picked].sort());
    for (const kind of KINDS) expect(picked.filter((id) => id.startsWith(kind)).length, kind).toBe(2);
    expect(stratifiedSelection(rows, 0.25, "seed-a")).toEqual(picked);
    expect(new Set(picked).size).toBe(picked.length);
  });

  it("balances apps: a kind's places go to different app mixes before repeating one", () => {
    const picked = stratifiedSelection(rows, 0.25, "seed-b");
    for (const kind of KINDS) {
      const mine = picked.filter((id) => id.startsWith(kind)).map((id) => Number(id.split("_").pop()) % 2);
      expect(new Set(mine).size, kind).toBe(2);
    }
  });

  it("handles empty input, a fraction of one and tiny kinds", () => {
    expect(stratifiedSelection([], 0.25, "x")).toEqual([]);
    expect(stratifiedSelection(rows, 1, "x").length).toBe(rows.length);
    expect(stratifiedSelection([row("only", "follow-up", [])], 0.25, "x")).toEqual(["only"]);
  });
});

describe("noiseCandidates", () => {
  it("keeps scenarios expecting a proposal whose trigger arrives where noise lands", () => {
    const candidates = noiseCandidates([
      row("email", "follow-up", ["Email"]),
      row("cab", "follow-up", ["Cab"], { triggerClasses: ["StatefulCabApp"] }),
      row("none", "follow-up", ["Notes"], { triggerClasses: [], env: 0 }),
      row("wait", "follow-up", ["Email"], { expectsProposal: false }),
    ]);
    expect(candidates.map((r) => r.id)).toEqual(["email"]);
  });
});

describe("coverageLines", () => {
  it("counts apps, numbers of apps, kinds, themes, lengths and the special kinds of scenario", () => {
    const lines = coverageLines([
      row("a", "follow-up", ["Cab", "Email", "Notes", "Calendar"], { oracle: 12, conditions: 1 }),
      row("b", "gap-detection", ["Cab"], { env: 0, expectsProposal: false, oracle: 3 }),
    ]).join("\n");
    expect(lines).toContain("Cab 2");
    expect(lines).toContain("1 app: 1, 4 apps: 1 (4 or more: 1)");
    expect(lines).toContain("follow-up 1");
    expect(lines).toContain("travel 2");
    expect(lines).toContain("3–4: 1");
    expect(lines).toContain("10–12: 1");
    expect(lines).toContain("(10 or more: 1; longest 12)");
    expect(lines).toMatch(
      /existing state or a due reminder\): 1\. With condition checks.*: 1\. Where .*: 1\./,
    );
  });
});
