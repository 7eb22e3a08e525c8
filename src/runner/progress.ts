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
  return {
    start: (t, cached) => {
      total = t;
      stream.write(`running ${t} scenario runs (${cached} cached)\n`);
    },
    update: (done, i) =>
      stream.write(
        `[${done}/${total}] ${i.scenarioId}${i.fromCache ? " (cached)" : ""} | success ${i.success} failed ${i.failed} errors ${i.errors}\n`,
      ),
    stop: () => {},
  };
}
