import { describe, expect, it } from "vitest";
import { MultiScenarioRunnerConfig } from "../../src/runner/config.js";
import { atLeast, formatLogLine, jobLogsDir, logTimestamp } from "../../src/runner/run-logs.js";

describe("PARE's log files", () => {
  it("are laid out as the original's directories, with the noise rate it meant to record", () => {
    const config = MultiScenarioRunnerConfig.parse({
      experimentName: "exp",
      observeEngine: { model: "o", provider: "p" },
      executeEngine: { model: "e", provider: "p" },
      toolAugmentation: { toolFailureProbability: 0.2 },
      envEvents: { numEnvEventsPerMinute: 3 },
      logsDir: "L",
    });
    const dir = jobLogsDir(config, new Date(Date.UTC(2026, 0, 2, 3, 4, 5)));
    expect(dir).toBe(
      "L/exp_user_default_gpt-5-mini_proactive_observe-execute_mt_10_umi_1_ome_5_exe_10_tfp_0.2_enmi_3/obs_o_exec_e_20260102_030405",
    );
    expect(logTimestamp(new Date(Date.UTC(2026, 11, 31, 23, 59, 9)))).toBe("20261231_235909");
  });

  it("format lines on the simulated clock with PARE's scenario prefix, and filter by level", () => {
    const line = { level: "INFO" as const, time: 1_700_000_000.5, logger: "pare.runner", message: "hi" };
    expect(formatLogLine(line, "s", 2)).toBe(
      "2023-11-14 22:13:20.500 (simulated) - pare.runner - INFO - [Scenario = s, Run = 2] hi",
    );
    expect(formatLogLine({ ...line, time: Number.NaN }, "s", null)).toContain("n/a (simulated)");
    expect(formatLogLine(line, "s", null)).toContain("[Scenario = s] hi");
    expect(atLeast("WARNING", "INFO")).toBe(true);
    expect(atLeast("DEBUG", "INFO")).toBe(false);
  });
});
