/**
 * Exit codes of `pare` (docs/errors.md):
 * - 0: done; for `benchmark run`, every run completed (none ended in an error);
 * - 1: some run ended in an error (infrastructure, model, scenario), or a check failed (`scenarios check`,
 *   `scenarios list` with modules that failed to load), or pare-ts itself failed;
 * - 2: a configuration error (bad flag, config file, path, unknown scenario): nothing ran;
 * - 3: `benchmark run --min-success RATE` and the success rate was below RATE;
 * - 130: interrupted (Ctrl-C); finished runs are written and the job is marked interrupted.
 */
export const EXIT_CODES = {
  ok: 0,
  runErrors: 1,
  configuration: 2,
  belowMinSuccess: 3,
  interrupted: 130,
} as const;

/** A user-facing error: printed without a stack trace, with a non-zero exit code. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode: number = EXIT_CODES.configuration,
  ) {
    super(message);
  }
}
