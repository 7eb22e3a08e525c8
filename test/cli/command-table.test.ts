import { describe, expect, it } from "vitest";
import { COMMANDS, commandWord } from "../../src/cli/command-table.js";
import { buildProgram } from "../../src/cli/main.js";
import { PARE_ONLY_COMMANDS } from "../../src/cli/pare-compat.js";

/** PARE's top-level commands that pare-ts lacks: hidden, each only a one-line refusal, not in the table. */
const PARE_ONLY = new Set(PARE_ONLY_COMMANDS.filter((c) => c.path.length === 1).map((c) => c.path[0]));

describe("the lazy command table", () => {
  it("gives the same top-level help as the fully loaded program", async () => {
    const full = await buildProgram();
    const lazy = await buildProgram(["node", "pare"]);
    expect(lazy.helpInformation()).toBe(full.helpInformation());
  });

  it("lists every command the modules define, with their descriptions", async () => {
    const full = await buildProgram();
    const defined = full.commands.filter((c) => !PARE_ONLY.has(c.name()));
    expect(defined.length).toBe(full.commands.length - PARE_ONLY.size);
    expect(COMMANDS.map((c) => c.name)).toEqual(defined.map((c) => c.name()));
    for (const c of defined)
      expect(COMMANDS.find((e) => e.name === c.name())?.description).toBe(c.description());
  });

  it("loads only the command that runs, and everything for an unknown word", async () => {
    const lazy = await buildProgram(["node", "pare", "scenarios", "list"]);
    const scenarios = lazy.commands.find((c) => c.name() === "scenarios");
    const benchmark = lazy.commands.find((c) => c.name() === "benchmark");
    expect(scenarios?.commands.map((c) => c.name())).toContain("list");
    expect(benchmark?.commands).toEqual([]);
    const unknown = await buildProgram(["node", "pare", "bogus"]);
    expect(unknown.commands.find((c) => c.name() === "benchmark")?.commands.length).toBeGreaterThan(0);
  });

  it("finds the command word past options and after help", () => {
    expect(commandWord(["node", "pare"])).toBeNull();
    expect(commandWord(["node", "pare", "--help"])).toBeNull();
    expect(commandWord(["node", "pare", "benchmark", "run", "--oracle"])).toBe("benchmark");
    expect(commandWord(["node", "pare", "--debug", "runs", "list"])).toBe("runs");
    expect(commandWord(["node", "pare", "help", "trace"])).toBe("trace");
    expect(commandWord(["node", "pare", "help"])).toBeNull();
  });
});
