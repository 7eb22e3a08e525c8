import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { readResultFile } from "../../src/report/combine-results.js";
import {
  configDescriptor,
  resultsDirName,
  writeResultsDirectory,
} from "../../src/report/results-directory.js";
import { MultiScenarioRunnerConfig } from "../../src/runner/config.js";
import { RESULT_SCHEMA } from "../../src/scenarios/validation-result.js";
import { verifiedExample } from "./fixtures.js";

describe("results directory names", () => {
  it("names the base directory like PARE", () => {
    const config = MultiScenarioRunnerConfig.parse({
      experimentName: "benchmark",
      userEngine: { model: "openai/gpt-5-mini", provider: "openai" },
      observeMaxIterations: 5,
      executeMaxIterations: 10,
    });
    expect(resultsDirName(config, "full")).toBe("benchmark_full_user_gpt-5-mini_mt_10_umi_1_omi_5_emi_10");
  });

  it("describes a noise-free config with PARE's defaults", () => {
    const config = MultiScenarioRunnerConfig.parse({
      observeModelAlias: "claude",
      executeModelAlias: "gpt-5",
    });
    expect(configDescriptor(config)).toBe("obs_claude_exec_gpt-5_enmi_0_es_42_tfp_0.0");
  });

  it("describes noise settings", () => {
    const config = MultiScenarioRunnerConfig.parse({
      toolAugmentation: { toolFailureProbability: 0.1 },
      envEvents: { numEnvEventsPerMinute: 5, envEventsSeed: 7 },
    });
    expect(configDescriptor(config)).toBe("obs_gpt-5_exec_gpt-5_enmi_5_es_7_tfp_0.1");
  });
});

describe("writeResultsDirectory", () => {
  it("writes rows, report, parquet, csv and manifest", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "pare-results-")), "nested");
    const config = MultiScenarioRunnerConfig.parse({});
    const multi = verifiedExample();
    const paths = writeResultsDirectory(dir, {
      multi,
      split: "full",
      generatedAt: "2025-01-02T03:04:05",
      config,
      manifest: { seed: 0 },
    });
    const descriptor = "obs_gpt-5_exec_gpt-5_enmi_0_es_42_tfp_0.0";
    expect(paths).toEqual({
      resultJson: join(dir, `${descriptor}_result.json`),
      reportTxt: join(dir, `${descriptor}_report.txt`),
      parquet: join(dir, "results.parquet"),
      csv: join(dir, "results.csv"),
      manifest: join(dir, "run_manifest.json"),
    });
    expect(readdirSync(dir).sort()).toEqual(
      [
        `${descriptor}_report.txt`,
        `${descriptor}_result.json`,
        "results.csv",
        "results.parquet",
        "run_manifest.json",
      ].sort(),
    );

    const rowsText = readFileSync(paths.resultJson!, "utf8");
    expect(rowsText.startsWith('[\n  {\n    "base_scenario_id": "scenario_a"')).toBe(true);
    expect(readResultFile(paths.resultJson!).frameEqual(multi.toPolars())).toBe(true);
    expect(readFileSync(paths.reportTxt!, "utf8")).toBe(
      `${multi.description("full", "2025-01-02T03:04:05")}\n`,
    );
    const parquet = pl.readParquet(paths.parquet!);
    expect(parquet.schema).toEqual(RESULT_SCHEMA);
    expect(parquet.frameEqual(multi.toPolars())).toBe(true);
    expect(pl.readCSV(paths.csv!).height).toBe(4);
    // The model and provider columns sit where the original puts them, in every format.
    const roles = ["observe_model", "observe_provider", "execute_model", "execute_provider"];
    const header = readFileSync(paths.csv!, "utf8").split("\n")[0]!.split(",");
    expect(header.slice(header.indexOf("observe_model"), header.indexOf("observe_model") + 4)).toEqual(roles);
    expect(parquet.columns.slice(14, 18)).toEqual(roles);
    expect(JSON.parse(readFileSync(paths.manifest!, "utf8"))).toEqual({ seed: 0 });
  });

  it("skips the manifest when none is given and leaves no temporary files", () => {
    const dir = mkdtempSync(join(tmpdir(), "pare-results-"));
    const paths = writeResultsDirectory(dir, {
      multi: verifiedExample(),
      split: "custom",
      generatedAt: "t",
      config: MultiScenarioRunnerConfig.parse({}),
    });
    expect(paths.manifest).toBeNull();
    expect(existsSync(join(dir, "run_manifest.json"))).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith("."))).toEqual([]);
  });
});
