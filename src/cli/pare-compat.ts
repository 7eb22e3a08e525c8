import type { Command } from "commander";
import { CliError } from "./cli-error.js";

/**
 * PARE's command line (`pare benchmark run`, Typer) accepted by pare-ts: every option of the original under its
 * own name and short flag. PARE's multi-letter short flags (`-om`, `-emi`, …) are not something commander can
 * declare, so they, and PARE's long names where ours differ, are rewritten to our option before parsing. Our
 * option is what `--help` lists; the aliases are named once below it.
 */
export interface PareAlias {
  /** PARE's spellings of the option. */
  pare: readonly string[];
  /** Our option. */
  ours: string;
  /** PARE's values that differ from ours, mapped. */
  values?: Readonly<Record<string, string>>;
}

/** `pare benchmark run` options whose spelling differs from ours (same-named options need no alias). */
export const PARE_RUN_ALIASES: readonly PareAlias[] = [
  { pare: ["--scenarios"], ours: "--scenario" },
  { pare: ["-om"], ours: "--observe-model" },
  { pare: ["-op"], ours: "--observe-provider" },
  { pare: ["--observe-endpoint", "-oe"], ours: "--observe-base-url" },
  { pare: ["-em"], ours: "--execute-model" },
  { pare: ["-ep"], ours: "--execute-provider" },
  { pare: ["--execute-endpoint", "-ee"], ours: "--execute-base-url" },
  { pare: ["-um"], ours: "--user-model" },
  { pare: ["-up"], ours: "--user-provider" },
  { pare: ["--user-endpoint", "-ue"], ours: "--user-base-url" },
  { pare: ["-mt"], ours: "--max-turns" },
  { pare: ["-omi"], ours: "--observe-max-iterations" },
  { pare: ["-emi"], ours: "--execute-max-iterations" },
  { pare: ["-umi"], ours: "--user-max-iterations" },
  { pare: ["-tfp"], ours: "--tool-failure-probability" },
  { pare: ["--env-events-per-min", "-epm"], ours: "--env-events-per-minute" },
  { pare: ["--max-concurrent"], ours: "--concurrency" },
  { pare: ["--results-dir"], ours: "--output-dir" },
  { pare: ["--experiment-name"], ours: "--experiment" },
  { pare: ["--export-format"], ours: "--trace-format", values: { hf: "full" } },
  { pare: ["--executor-type"], ours: "--executor-type", values: { thread: "async", process: "async" } },
];

/** PARE's options that pare-ts spells the same (the single-letter short flags are declared on our options). */
export const PARE_SAME_OPTIONS = [
  "-s",
  "--split",
  "--observe-model",
  "--observe-provider",
  "--execute-model",
  "--execute-provider",
  "--user-model",
  "--user-provider",
  "--max-turns",
  "--observe-max-iterations",
  "--execute-max-iterations",
  "--user-max-iterations",
  "--tool-failure-probability",
  "--env-events-seed",
  "--runs",
  "-r",
  "-c",
  "--timeout",
  "-t",
  "--output-dir",
  "--export",
  "--no-export",
  "-n",
  "--log-level",
  "--no-cache",
  "--oracle",
  "--limit",
  "-l",
  "--config",
] as const;

function aliasTable(aliases: readonly PareAlias[]): Map<string, PareAlias> {
  const table = new Map<string, PareAlias>();
  for (const alias of aliases) for (const flag of alias.pare) table.set(flag, alias);
  return table;
}

const RUN_TABLE = aliasTable(PARE_RUN_ALIASES);

/**
 * Rewrites PARE's spellings in a command's arguments to ours (`-om X` → `--observe-model X`,
 * `--export-format=hf` → `--trace-format=full`). Arguments after `--` are left alone. PARE's `--output-dir`
 * (its trace root) and `--results-dir` both become our `--output-dir`, under which pare-ts writes results and
 * traces together; giving both is an error, since one of them would be dropped.
 */
export function rewritePareArgs(
  args: readonly string[],
  table: Map<string, PareAlias> = RUN_TABLE,
): string[] {
  const out: string[] = [];
  let pendingValues: Readonly<Record<string, string>> | null = null;
  let resultsDir = false;
  let outputDir = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      out.push(...args.slice(i));
      break;
    }
    if (pendingValues) {
      out.push(pendingValues[arg] ?? arg);
      pendingValues = null;
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (flag === "--results-dir") resultsDir = true;
    if (flag === "--output-dir") outputDir = true;
    const alias = table.get(flag);
    if (!alias) {
      out.push(arg);
      continue;
    }
    if (eq > 0) {
      const value = arg.slice(eq + 1);
      out.push(`${alias.ours}=${alias.values?.[value] ?? value}`);
    } else {
      out.push(alias.ours);
      if (alias.values) pendingValues = alias.values;
    }
  }
  if (resultsDir && outputDir)
    throw new CliError(
      "--results-dir and --output-dir both given: pare-ts writes results and traces together under --output-dir DIR/<run id>/; give one of them",
    );
  return out;
}

/** The help paragraph naming PARE's aliases once. */
export function pareAliasHelp(aliases: readonly PareAlias[] = PARE_RUN_ALIASES): string {
  const parts = aliases.map((a) => {
    const mapped = Object.entries(a.values ?? {}).map(([from, to]) => `${from} = ${to}`);
    // Same name, other values (`--executor-type thread`): only the values are PARE's.
    if (a.pare.length === 1 && a.pare[0] === a.ours) return `${a.ours} ${mapped.join(", ")}`;
    return `${a.pare.join(", ")} = ${a.ours}${mapped.length ? ` (${mapped.join(", ")})` : ""}`;
  });
  return `\nPARE's spellings are accepted too: ${parts.join("; ")}.\n`;
}

/** Lets a command accept PARE's spellings of its options (see `rewritePareArgs`) and names them in its help. */
export function acceptPareAliases(
  command: Command,
  aliases: readonly PareAlias[] = PARE_RUN_ALIASES,
): Command {
  const table = aliasTable(aliases);
  const parse = command.parseOptions.bind(command);
  command.parseOptions = (args: string[]) => parse(rewritePareArgs(args, table));
  command.addHelpText("after", pareAliasHelp(aliases));
  return command;
}

/**
 * Errors from the parser as one line each: an unknown option reads `error: unknown option '--scenarioz' (did
 * you mean --scenario?)`, never followed by the whole help. Applied to a program and all its commands, which
 * also hand their parse errors back to `main` instead of exiting the process.
 */
export function oneLineParseErrors(program: Command): void {
  const visit = (command: Command) => {
    command.showHelpAfterError(false);
    // Parser errors of subcommands come back to `main` as CommanderError (exit code kept), never process.exit.
    command.exitOverride();
    command.configureOutput({
      outputError: (text, write) => {
        const joined = text
          .replace(/\n\(Did you mean (.+?)\?\)/g, " (did you mean $1?)")
          .replace(/\s*\n\s*(?=\S)/g, " ")
          .trimEnd();
        write(`${joined}\n`);
      },
    });
    for (const sub of command.commands) visit(sub);
  };
  visit(program);
}

/** PARE's commands that pare-ts does not have, each with the one line that names what to use instead. */
export const PARE_ONLY_COMMANDS: readonly { path: readonly string[]; message: string }[] = [
  {
    path: ["annotation"],
    message:
      "pare annotation is pare annotate in pare-ts: sample → pare annotate sample, launch → pare view, status → pare annotate sets, process → pare annotate report, evaluate → pare annotate ask (decision points: pare trace decisions)",
  },
  {
    path: ["scenarios", "generate"],
    message:
      "pare scenarios generate (PARE's LLM scenario generator) is not in pare-ts: write a scenario class (docs/SCENARIO-GUIDE.md) and check it with pare scenarios check ID",
  },
  {
    path: ["cache", "set"],
    message:
      "pare cache set: the cache is an index in the run store; choose the store with --store URL, PARE_STORE_URL or PARE_HOME",
  },
  {
    path: ["cache", "reset"],
    message:
      "pare cache reset: the cache is an index in the run store; unset PARE_STORE_URL (the default store is $PARE_HOME/pare.db)",
  },
];

/** Hidden commands for PARE's commands that pare-ts lacks: each fails with its one line (exit code 2). */
export function addPareOnlyCommands(program: Command): void {
  for (const { path, message } of PARE_ONLY_COMMANDS) {
    let parent = program;
    for (const name of path.slice(0, -1)) {
      const found = parent.commands.find((c) => c.name() === name);
      if (!found) throw new Error(`pare-compat: no command ${name} to hold ${path.join(" ")}`);
      parent = found;
    }
    parent
      .command(path[path.length - 1] as string, { hidden: true })
      .description(message)
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .argument("[args...]")
      .action(() => {
        throw new CliError(message);
      });
  }
}
