import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import {
  type BuilderDtype,
  builderDtype,
  FrameBuilder,
  type FrameCell,
} from "../../src/scenarios/result-frame.js";
import {
  RESULT_COLUMNS,
  RESULT_SCHEMA,
  resultFrameFromColumns,
} from "../../src/scenarios/validation-result.js";
import { verifiedExample } from "../report/fixtures.js";
import { goldenJobs, seededRandom } from "../report/golden-results.js";

const DTYPES: Record<BuilderDtype, pl.DataType> = {
  String: pl.String,
  Bool: pl.Bool,
  Float64: pl.Float64,
  Int64: pl.Int64,
};

interface Spec {
  name: string;
  dtype: BuilderDtype;
  cells: FrameCell[];
}

/** The naive way: one `pl.Series(name, cells, dtype)` per column. */
function reference(specs: Spec[]): pl.DataFrame {
  return pl.DataFrame(specs.map((s) => pl.Series(s.name, s.cells, DTYPES[s.dtype])));
}

function built(height: number, specs: Spec[]): pl.DataFrame {
  const builder = new FrameBuilder(height);
  for (const s of specs) builder.cells(s.name, s.dtype, s.cells);
  return builder.build();
}

/** Names, dtypes, null counts and values; -0 and NaN spelled out so that they compare. */
function snapshot(frame: pl.DataFrame) {
  return {
    height: frame.height,
    columns: frame.getColumns().map((series) => ({
      name: series.name,
      chunks: series.nChunks(),
      dtype: series.dtype.toString(),
      nulls: series.nullCount(),
      values: (series.toArray() as unknown[]).map((v) =>
        typeof v === "number" && (Object.is(v, -0) || Number.isNaN(v))
          ? `<${Object.is(v, -0) ? "-0" : "NaN"}>`
          : v,
      ),
    })),
  };
}

function expectSameAsReference(height: number, specs: Spec[]): void {
  expect(snapshot(built(height, specs))).toEqual(snapshot(reference(specs)));
}

const sample = (height: number, make: (i: number) => FrameCell): FrameCell[] =>
  Array.from({ length: height }, (_, i) => make(i));

function randomSpecs(rng: () => number, height: number): Spec[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
  const nullRate = pick([0, 0.1, 0.9, 1]);
  const cell = (make: () => FrameCell) => (rng() < nullRate ? null : make());
  const words = ["a", "b", "", "ünï 日本", "x".repeat(300)];
  return [
    { name: "s", dtype: "String", cells: sample(height, () => cell(() => pick(words))) },
    { name: "u", dtype: "String", cells: sample(height, (i) => cell(() => `unique_${i}_${rng()}`)) },
    { name: "b", dtype: "Bool", cells: sample(height, () => cell(() => rng() < 0.5)) },
    {
      name: "f",
      dtype: "Float64",
      cells: sample(height, () => cell(() => pick([0, -0, 1e-300, 1e300, rng() * 1e6 - 5e5]))),
    },
    {
      name: "i",
      dtype: "Int64",
      cells: sample(height, () => cell(() => Math.floor((rng() - 0.5) * Number.MAX_SAFE_INTEGER))),
    },
    { name: "k", dtype: "String", cells: sample(height, () => "constant") },
  ];
}

describe("FrameBuilder", () => {
  it("builds an empty frame with every dtype", () => {
    const specs: Spec[] = (["String", "Bool", "Float64", "Int64"] as const).map((dtype) => ({
      name: dtype.toLowerCase(),
      dtype,
      cells: [],
    }));
    expectSameAsReference(0, specs);
    expect(built(0, specs).schema).toEqual({
      string: pl.String,
      bool: pl.Bool,
      float64: pl.Float64,
      int64: pl.Int64,
    });
  });

  it("builds one row, two rows and three rows (the first height of the dictionary path)", () => {
    for (const height of [1, 2, 3]) {
      expectSameAsReference(height, [
        { name: "s", dtype: "String", cells: sample(height, (i) => (i === 1 ? null : `v${i}`)) },
        { name: "b", dtype: "Bool", cells: sample(height, (i) => [true, null, false][i] ?? null) },
        { name: "f", dtype: "Float64", cells: sample(height, (i) => [-0, null, 2.5][i] ?? null) },
        { name: "i", dtype: "Int64", cells: sample(height, (i) => [7, 8, null][i] ?? null) },
      ]);
    }
  });

  it("keeps nulls in every dtype, all-null columns and -0", () => {
    const height = 50;
    const frame = built(height, [
      {
        name: "f",
        dtype: "Float64",
        cells: sample(height, (i) => (i % 3 === 0 ? null : i === 1 ? -0 : i / 7)),
      },
      { name: "n", dtype: "Float64", cells: sample(height, () => null) },
      { name: "i", dtype: "Int64", cells: sample(height, (i) => (i % 4 === 0 ? null : -i)) },
      { name: "s", dtype: "String", cells: sample(height, () => null) },
      { name: "b", dtype: "Bool", cells: sample(height, (i) => (i % 2 === 0 ? null : true)) },
    ]);
    expect(Object.is(frame.getColumn("f").get(1), -0)).toBe(true);
    expect(frame.getColumn("f").nullCount()).toBe(17);
    expect(frame.getColumn("n").nullCount()).toBe(height);
    expect(frame.getColumn("n").dtype.equals(pl.Float64)).toBe(true);
    expect(frame.getColumn("i").nullCount()).toBe(13);
    expect(frame.getColumn("s").nullCount()).toBe(height);
    expect(frame.getColumn("b").nullCount()).toBe(25);
  });

  it("keeps NaN and infinities in float columns", () => {
    expectSameAsReference(4, [
      {
        name: "f",
        dtype: "Float64",
        cells: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null],
      },
    ]);
  });

  it("carries huge and awkward strings unchanged", () => {
    const huge = `${"ab".repeat(500_000)}end`;
    const cells = [huge, "", "quote ' \" \\ \n\t", "emoji 🎉 日本語", huge, null];
    const frame = built(cells.length, [{ name: "s", dtype: "String", cells }]);
    expect(frame.getColumn("s").toArray()).toEqual(cells);
    expectSameAsReference(cells.length, [{ name: "s", dtype: "String", cells }]);
  });

  it("gives each string column its own dictionary when the shared one outnumbers the rows", () => {
    const height = 10;
    const specs: Spec[] = Array.from({ length: 5 }, (_, c) => ({
      name: `u${c}`,
      dtype: "String" as const,
      cells: sample(height, (i) => (i === 3 ? null : `col${c}_row${i}`)),
    }));
    expectSameAsReference(height, specs);
  });

  it("falls back to pl.Series for integers that are not safe and for cells of another type", () => {
    expectSameAsReference(4, [{ name: "i", dtype: "Int64", cells: [2 ** 60, 1, null, -(2 ** 55)] }]);
    expectSameAsReference(4, [{ name: "i", dtype: "Int64", cells: [1.5, 2, null, -3.5] }]);
    expectSameAsReference(3, [{ name: "f", dtype: "Float64", cells: [1, null, 2] }]);
  });

  it("matches one pl.Series per column on random columns of many heights", () => {
    const rng = seededRandom(20);
    for (const height of [3, 4, 7, 33, 100, 1000]) {
      for (let round = 0; round < 4; round++) expectSameAsReference(height, randomSpecs(rng, height));
    }
  });

  it("fills constant columns", () => {
    const builder = new FrameBuilder(5);
    builder.constant("s", "String", "x");
    builder.constant("n", "String", null);
    builder.constant("f", "Float64", -0);
    builder.constant("i", "Int64", 42);
    builder.constant("m", "Int64", null);
    builder.constant("b", "Bool", false);
    const frame = builder.build();
    expect(frame.toRecords()).toEqual(
      Array.from({ length: 5 }, () => ({ s: "x", n: null, f: -0, i: 42, m: null, b: false })),
    );
    expect(Object.is(frame.getColumn("f").get(4), -0)).toBe(true);
  });

  it("rejects duplicate names, wrong lengths and bad heights", () => {
    const builder = new FrameBuilder(2);
    builder.string("a");
    expect(() => builder.int("a")).toThrow(/duplicate column a/);
    expect(() => builder.cells("b", "String", ["x"])).toThrow(/1 cells, not 2/);
    expect(() => new FrameBuilder(-1)).toThrow(/bad height/);
  });
});

describe("result frames through the builder", () => {
  it("toPolars equals the naive frame of its column arrays", () => {
    const small = verifiedExample();
    small.identity = { runId: "r1", configHash: "h1" };
    for (const multi of [
      small,
      ...goldenJobs()
        .slice(1, 3)
        .map((job) => job.multi),
    ]) {
      const columns = multi.toColumns({ experiment: "x" });
      const naive = reference([
        ...RESULT_COLUMNS.map((name) => ({
          name,
          dtype: builderDtype(RESULT_SCHEMA[name]) as BuilderDtype,
          cells: columns[name] as FrameCell[],
        })),
        { name: "experiment", dtype: "String", cells: columns.experiment as FrameCell[] },
      ]);
      expect(snapshot(multi.toPolars({ experiment: "x" }))).toEqual(snapshot(naive));
      expect(multi.toPolars().schema).toEqual(RESULT_SCHEMA);
    }
  });

  it("fills a missing result column with nulls and keeps the schema", () => {
    const frame = resultFrameFromColumns({ base_scenario_id: ["a", "b", "c"] });
    expect(frame.schema).toEqual(RESULT_SCHEMA);
    expect(frame.getColumn("run_number").nullCount()).toBe(3);
    expect(frame.getColumn("user_model").nullCount()).toBe(3);
  });
});
