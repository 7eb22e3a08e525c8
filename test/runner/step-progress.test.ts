import { describe, expect, it } from "vitest";
import { StepProgress } from "../../src/runner/step-progress.js";

// Across threads (a stuck one named after the bound): test/runner/isolated-scenarios.test.ts.
describe("StepProgress", () => {
  it("counts the steps begun and names the last, through any view of the same memory", () => {
    const mine = new StepProgress();
    expect(mine.sequence()).toBe(0);
    expect(mine.current()).toBeNull();
    const theirs = new StepProgress(mine.buffer);
    theirs.begin({ type: "importing", path: "/scénarios/a-long-name.ts" });
    expect(mine.sequence()).toBe(1);
    expect(mine.current()).toEqual({ type: "importing", path: "/scénarios/a-long-name.ts" });
    theirs.begin({ type: "scenario", id: "b" });
    expect(mine.sequence()).toBe(2);
    expect(mine.current()).toEqual({ type: "scenario", id: "b" });
  });
});
