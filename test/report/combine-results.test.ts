import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  COMBINED_RESULT_FILE,
  combineResultFiles,
  combineResultFrames,
  findResultFiles,
  ResultFileError,
  readResultFile,
} from "../../src/report/combine-results.js";
import { calculateStatistics } from "../../src/report/statistics.js";
import {
  MultiScenarioValidationResult,
  RESULT_SCHEMA,
  ScenarioValidationResult,
} from "../../src/scenarios/validation-result.js";
import { RUN_COLUMNS, verifiedExample } from "./fixtures.js";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "pare-combine-"));
}

function writeRows(dir: string, name: string, rows: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(rows, null, 2));
  return path;
}

describe("result files", () => {
  it("round-trips a frame through its JSON rows", () => {
    const dir = tempDir();
    const frame = verifiedExample().toPolars({ batch: "b1" });
    const path = writeRows(dir, "x_result.json", frame.toRecords());
    const back = readResultFile(path);
    expect(back.schema).toEqual(RESULT_SCHEMA);
    // The extra column is dropped on read; everything else is unchanged.
    expect(back.frameEqual(frame.drop("batch"))).toBe(true);
  });

  it("combines several files into one frame with the schema", () => {
    const dir = tempDir();
    const other = new MultiScenarioValidationResult({ ...RUN_COLUMNS, observeModel: "other" }, 3);
    other.addResult(new ScenarioValidationResult({ success: false, numberOfTurns: 10 }), "scenario_c");
    const p1 = writeRows(dir, "a_result.json", verifiedExample().toPolars().toRecords());
    const p2 = writeRows(dir, "b_result.json", other.toPolars().toRecords());
    writeRows(dir, COMBINED_RESULT_FILE, { not: "rows" });
    writeRows(dir, "notes.json", []);
    expect(findResultFiles(dir)).toEqual([p1, p2]);
    const combined = combineResultFiles(findResultFiles(dir));
    expect(combined.files).toEqual([
      { path: p1, rows: 4 },
      { path: p2, rows: 1 },
    ]);
    expect(combined.frame.height).toBe(5);
    expect(combined.frame.schema).toEqual(RESULT_SCHEMA);
    expect(calculateStatistics(combined.frame).global.total_scenarios).toBe(3);
  });

  it("reads the original's files, which have no stop reason, with the column null", () => {
    const dir = tempDir();
    const rows = (verifiedExample().toPolars().toRecords() as Record<string, unknown>[]).map(
      ({ stop_reason: _drop, ...pare }) => pare,
    );
    const frame = readResultFile(writeRows(dir, "pare_result.json", rows));
    expect(frame.schema).toEqual(RESULT_SCHEMA);
    expect(frame.getColumn("stop_reason").toArray()).toEqual([null, null, null, null]);
    expect(calculateStatistics(frame).stop_reasons).toEqual({ unrecorded: 4 });
    // A stop reason that is not a string is a bad row.
    rows[0] = { ...rows[0], stop_reason: 3 };
    expect(() => readResultFile(writeRows(dir, "bad_result.json", rows))).toThrow(/\[0\]\.stop_reason/);
  });

  it("gives an empty frame with the schema when nothing has rows", () => {
    const frame = combineResultFrames([]);
    expect(frame.height).toBe(0);
    expect(frame.schema).toEqual(RESULT_SCHEMA);
  });

  it("names the file and the field of an invalid row", () => {
    const dir = tempDir();
    const rows = verifiedExample().toPolars().toRecords() as Record<string, unknown>[];
    rows[1] = { ...rows[1], run_number: "two" };
    const path = writeRows(dir, "bad_result.json", rows);
    expect(() => readResultFile(path)).toThrow(ResultFileError);
    expect(() => readResultFile(path)).toThrow(/bad_result\.json[\s\S]*\[1\]\.run_number/);
  });

  it("reports unparsable JSON with the file name", () => {
    const dir = tempDir();
    const path = join(dir, "broken_result.json");
    writeFileSync(path, "[{");
    expect(() => readResultFile(path)).toThrow(/broken_result\.json/);
  });

  it("finds nothing in a missing directory", () => {
    expect(findResultFiles(join(tempDir(), "missing"))).toEqual([]);
  });
});
