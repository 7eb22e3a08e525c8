/**
 * The turn and iteration defaults are PARE's published experiment settings (`--max-turns 10 -umi 1 -omi 5
 * -emi 10` in the original's `scripts/experiments/run_full_benchmark.sh` and the other experiment scripts),
 * not its CLI defaults (10 / 1 / 1 / 1, spec §19.1 #9): with one execute step the executor, which starts
 * with a fresh history, spends its only step on a look-up, so those defaults measure the limits, not the model.
 * A module of its own (no zod, no config schemas) so that commands printing them load nothing else.
 */
export const PUBLISHED_LIMITS = {
  maxTurns: 10,
  userMaxIterations: 1,
  observeMaxIterations: 5,
  executeMaxIterations: 10,
} as const;
/** Where PUBLISHED_LIMITS come from, for help texts and reports. */
export const PUBLISHED_LIMITS_SOURCE = "PARE's published experiment settings (scripts/experiments/*.sh)";
