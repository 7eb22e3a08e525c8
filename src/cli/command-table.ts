import type { Command } from "commander";

/**
 * The top-level commands, with what `pare --help` shows of each, and how to load the module that defines it.
 * A command's module (and everything it imports: polars, the run store, the agents) is loaded only when that
 * command runs or its help is asked for, so `pare --help` and `pare scenarios list` start fast.
 * test/cli/command-table.test.ts checks that `term` and `description` match what the modules define.
 */
export interface LazyCommand {
  name: string;
  /** The command's term in the top-level help (name, `[options]`, arguments). */
  term: string;
  description: string;
  load: () => Promise<(program: Command) => void>;
}

export const COMMANDS: readonly LazyCommand[] = [
  {
    name: "apps",
    term: "apps",
    description: "The simulated phone's apps",
    load: async () => (await import("./commands/apps.js")).registerAppsCommand,
  },
  {
    name: "scenarios",
    term: "scenarios",
    description: "The registered scenarios",
    load: async () => (await import("./commands/scenarios.js")).registerScenariosCommand,
  },
  {
    name: "benchmark",
    term: "benchmark",
    description: "Run benchmarks",
    load: async () => (await import("./commands/benchmark.js")).registerBenchmarkCommand,
  },
  {
    name: "report",
    term: "report [options] [paths...]",
    description:
      "Report result files, results directories or stored runs; rows of different fingerprints are never mixed",
    load: async () => (await import("./commands/report.js")).registerReportCommand,
  },
  {
    name: "runs",
    term: "runs",
    description: "Jobs in the run store: list, inspect, export, compare, merge",
    load: async () => (await import("./commands/runs.js")).registerRunsCommand,
  },
  {
    name: "cache",
    term: "cache",
    description: "Inspect or clear the result cache (an index in the run store; results stay in their jobs)",
    load: async () => (await import("./commands/cache.js")).registerCacheCommand,
  },
  {
    name: "trace",
    term: "trace",
    description: "Inspect exported run traces",
    load: async () => (await import("./commands/trace.js")).registerTraceCommand,
  },
  {
    name: "evaluate",
    term: "evaluate [options] <traces...>",
    description:
      "Re-score saved traces offline (no agent rerun) with the scenarios' validators and the metric suite",
    load: async () => (await import("./commands/evaluate.js")).registerEvaluateCommand,
  },
  {
    name: "annotate",
    term: "annotate",
    description:
      "Human annotation of the simulated user's decisions: sample, report agreement, re-ask user models",
    load: async () => (await import("./commands/annotate.js")).registerAnnotateCommand,
  },
  {
    name: "view",
    term: "view [options]",
    description: "A local web app over the run store: runs, traces, comparisons and the annotation flow",
    load: async () => (await import("./commands/view.js")).registerViewCommand,
  },
  {
    name: "plot",
    term: "plot",
    description: "Charts of stored runs and of the suite, as SVG and PNG (no browser)",
    load: async () => (await import("./commands/plot.js")).registerPlotCommand,
  },
];

/**
 * The command an argument vector (`process.argv` shape) runs: the first word after the program that is not an
 * option, or the word after `help`. null when there is none (`pare --help`, `pare --version`).
 */
export function commandWord(argv: readonly string[]): string | null {
  const words = argv.slice(2).filter((a) => !a.startsWith("-"));
  if (words[0] === "help") return words[1] ?? null;
  return words[0] ?? null;
}

/**
 * Adds the commands to `program`: fully (options, subcommands, actions) those `argv` needs, as a name and
 * description only the others (enough for the top-level help). Without `argv`, or when its command word is not
 * in the table (an alias, a typo commander should answer), every command is loaded.
 */
export async function registerCommands(program: Command, argv?: readonly string[]): Promise<void> {
  const word = argv ? commandWord(argv) : null;
  const needed = word === null ? undefined : COMMANDS.find((c) => c.name === word);
  const loadAll = argv === undefined || (word !== null && needed === undefined);
  const stubs = new Map<string, LazyCommand>();
  for (const entry of COMMANDS) {
    if (loadAll || entry === needed) (await entry.load())(program);
    else {
      program.command(entry.name).description(entry.description);
      stubs.set(entry.name, entry);
    }
  }
  if (stubs.size > 0) {
    const help = program.createHelp();
    program.configureHelp({
      subcommandTerm: (cmd) => stubs.get(cmd.name())?.term ?? help.subcommandTerm(cmd),
    });
  }
}
