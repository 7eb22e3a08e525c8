import { type Command, InvalidArgumentError } from "commander";
import { loadTrace, TraceParseError } from "../../evaluation/trace-io.js";
import { traceJsonSchema } from "../../evaluation/trace-json-schema.js";
import { formatTracePrompts } from "../../evaluation/trace-prompts.js";
import { formatTraceTimeline } from "../../evaluation/trace-timeline.js";
import { trajectoryFromTrace } from "../../evaluation/trace-trajectory.js";
import { saveTrajectory } from "../../evaluation/trajectory.js";
import { CliError } from "../cli-error.js";
import { ensureWritableFile } from "../writable-path.js";
import { registerTraceDecisionsCommand } from "./annotate.js";

const width = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 10) throw new InvalidArgumentError("--width must be an integer >= 10");
  return n;
};

function load(file: string) {
  try {
    return loadTrace(file);
  } catch (error) {
    if (error instanceof TraceParseError) throw new CliError(error.message);
    throw error;
  }
}

export function registerTraceCommand(program: Command): void {
  const trace = program.command("trace").description("Inspect exported run traces");
  registerTraceDecisionsCommand(trace);
  trace
    .command("show")
    .description("Print a trace as a timeline on the simulated clock")
    .argument("<file>", "a *_trace.json file")
    .option("--all", "also list condition checks and nested calls")
    .option("--thoughts", "print the agents' thoughts under their calls")
    .option("--width <n>", "longest rendering of arguments and return values", width, 80)
    .option(
      "--prompts",
      "print every model call's full request (messages, tools, options) and output instead",
    )
    .option("--repeat", "with --prompts: print repeated messages in full instead of by reference")
    .action(
      (
        file: string,
        opts: { all?: boolean; thoughts?: boolean; width: number; prompts?: boolean; repeat?: boolean },
      ) => {
        const trace = load(file);
        if (opts.prompts) {
          console.log(formatTracePrompts(trace, { repeat: opts.repeat === true }));
          return;
        }
        console.log(
          formatTraceTimeline(trace, { all: opts.all, thoughts: opts.thoughts, width: opts.width }),
        );
      },
    );
  trace
    .command("schema")
    .description("Print the trace format as a versioned JSON Schema (generated from the reader's zod schema)")
    .action(() => {
      console.log(JSON.stringify(traceJsonSchema(), null, 2));
    });
  trace
    .command("trajectory")
    .description("Convert a trace into a trajectory (steps with round, speaker, action, utility, state)")
    .argument("<file>", "a *_trace.json file")
    .option("-o, --out <file>", "write the trajectory JSON here instead of printing it")
    .action((file: string, opts: { out?: string }) => {
      const trajectory = trajectoryFromTrace(load(file));
      if (opts.out) saveTrajectory(ensureWritableFile(opts.out, "--out"), trajectory);
      else console.log(JSON.stringify(trajectory, null, 2));
    });
}
