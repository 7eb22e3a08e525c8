import cliProgress from "cli-progress";
import type { ProgressReporter } from "./progress.js";

/** One progress view over a grid of jobs: each job reports into it through `forCell`. */
export interface GridProgress {
  forCell(index: number, label: string): ProgressReporter;
  stop(): void;
}

/**
 * A single bar (terminal) or one line per finished run (pipes, CI logs) for a whole sweep: runs done of all the
 * grid's runs, with the running cell and its tallies.
 */
export function createGridProgress(
  stream: NodeJS.WriteStream,
  options: { cells: number; totalRuns: number; quiet?: boolean },
): GridProgress {
  const quietReporter: ProgressReporter = { start() {}, update() {}, stop() {} };
  if (options.quiet) return { forCell: () => quietReporter, stop() {} };
  let offset = 0;
  const { cells, totalRuns } = options;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format:
          "{bar} {value}/{total} runs | cell {cell}/{cells} {label} | success {success} failed {failed} errors {errors}",
        stream,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      forCell(index, label) {
        let cellDone = 0;
        return {
          start: (total) => {
            if (!started)
              bar.start(totalRuns, 0, { cell: index, cells, label, success: 0, failed: 0, errors: 0 });
            started = true;
            bar.update(offset, { cell: index, label });
            void total;
          },
          update: (done, i) => {
            cellDone = done;
            bar.update(offset + done, { success: i.success, failed: i.failed, errors: i.errors });
          },
          stop: () => {
            offset += cellDone;
          },
        };
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  return {
    forCell(index, label) {
      let cellDone = 0;
      return {
        start: (total) => stream.write(`cell ${index}/${cells} ${label}: ${total} runs\n`),
        update: (done, i) => {
          cellDone = done;
          stream.write(
            `[${offset + done}/${totalRuns}] cell ${index}/${cells} ${i.scenarioId}${i.fromCache ? " (cached)" : ""} | success ${i.success} failed ${i.failed} errors ${i.errors}\n`,
          );
        },
        stop: () => {
          offset += cellDone;
        },
      };
    },
    stop() {},
  };
}
