import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Command, CommanderError } from "commander";
import { EXIT_CODES } from "./cli-error.js";
import { registerCommands } from "./command-table.js";
import { packageVersion } from "./package-info.js";
import { addPareOnlyCommands, oneLineParseErrors } from "./pare-compat.js";

/**
 * The program. With `argv`, only the command it runs is loaded (the others are listed for the top-level help);
 * without, every command is (for tests and documentation that walk them all).
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command()
    .name("pare")
    .description(
      "Proactive Agent Research Environment: simulate a phone, a user and a proactive assistant, and measure it.",
    )
    .version(packageVersion())
    .option("--debug", "print stack traces of errors (also PARE_DEBUG=1)");
  await registerCommands(program, argv);
  addPareOnlyCommands(program);
  oneLineParseErrors(program);
  return program;
}

/** Commander's own errors that mean the command line is wrong (exit 2), as opposed to help or version (0). */
const COMMANDER_USAGE_ERRORS = new Set([
  "commander.invalidArgument",
  "commander.unknownOption",
  "commander.unknownCommand",
  "commander.missingArgument",
  "commander.missingMandatoryOptionValue",
  "commander.optionMissingArgument",
  "commander.excessArguments",
  "commander.conflictingOption",
]);

/** Commander errors thrown instead of exiting, on every (sub)command: subcommands copy the setting only when created. */
function withExitOverride(command: Command): Command {
  command.exitOverride();
  for (const sub of command.commands) withExitOverride(sub);
  return command;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const debug = argv.includes("--debug") || process.env.PARE_DEBUG === "1";
  const program = withExitOverride(await buildProgram(argv));
  try {
    await program.parseAsync(argv);
    // A command reports failure through process.exitCode (e.g. `scenarios check` when a scenario fails).
    return Number(process.exitCode ?? 0) || 0;
  } catch (error) {
    if (error instanceof CommanderError)
      return COMMANDER_USAGE_ERRORS.has(error.code) ? EXIT_CODES.configuration : error.exitCode;
    // Loaded only on failure: it knows zod's errors, and zod is not needed to start.
    const { describeError } = await import("./error-line.js");
    const { line, exitCode } = describeError(error);
    process.stderr.write(`error: ${line}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return exitCode;
  }
}

/** True when this module is the program (tsx or compiled JS), or when the `pare` launcher imported it. */
function invokedDirectly(entry: string | undefined): boolean {
  if (entry === undefined) return false;
  if (/(?:^|[\\/])pare(?:\.mjs)?$/.test(entry)) return true;
  return pathToFileURL(resolve(entry)).href === import.meta.url;
}

if (invokedDirectly(process.argv[1])) {
  process.exitCode = await main();
}
