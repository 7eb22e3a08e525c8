import cliProgress from "cli-progress";

export interface ProgressReporter {
  start(total: number, cached: number): void;
  update(
    done: number,
    info: { success: number; failed: number; errors: number; scenarioId: string; fromCache: boolean },
  ): void;
  stop(): void;
}

/** A progress bar on a terminal; plain lines otherwise (CI logs, pipes). */
export function createProgressReporter(
  stream: NodeJS.WriteStream = process.stderr,
  quiet = false,
): ProgressReporter {
  if (quiet) return { start() {}, update() {}, stop() {} };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: "{bar} {value}/{total} | success {success} | failed {failed} | errors {errors} | {scenario}",
        stream,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    return {
      start: (total) => bar.start(total, 0, { success: 0, failed: 0, errors: 0, scenario: "" }),
      update: (done, i) =>
        bar.update(done, { success: i.success, failed: i.failed, errors: i.errors, scenario: i.scenarioId }),
      stop: () => bar.stop(),
    };
  }
  let total = 0;
  let fromCache = 0;
  let done = 0;
  return {
    // How many come from the cache is only known as each run is looked up: it is counted as the job goes.
    start: (t) => {
      total = t;
      stream.write(`running ${t} scenario runs (finished ones are served from the result cache)\n`);
    },
    update: (n, i) => {
      done = n;
      if (i.fromCache) fromCache += 1;
      stream.write(
        `[${n}/${total}] ${i.scenarioId}${i.fromCache ? " (cached)" : ""} | success ${i.success} failed ${i.failed} errors ${i.errors}\n`,
      );
    },
    stop: () => {
      stream.write(`finished ${done} of ${total} scenario runs, ${fromCache} from the result cache\n`);
    },
  };
}
