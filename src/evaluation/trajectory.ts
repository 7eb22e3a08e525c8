import { readFileSync } from "node:fs";
import { z } from "zod";
import { writeJsonAtomic } from "../util/atomic-write.js";

export const TRAJECTORY_SCHEMA_VERSION = "pare_trajectory_v1";

/** Who acted in a step: the simulated user, the proactive assistant or the world. */
export const Speaker = z.enum(["user", "assistant", "environment"]);
export type Speaker = z.infer<typeof Speaker>;

export const StepAction = z.object({
  app: z.string(),
  /** Empty when the tool did not exist (the call never reached an app). */
  className: z.string(),
  function: z.string(),
  args: z.record(z.string(), z.unknown()),
  operation: z.enum(["read", "write"]).nullable(),
});
export type StepAction = z.infer<typeof StepAction>;

/** What the world looked like when the step happened (the light part; app states are trajectory-level). */
export const SystemState = z.object({
  /** Simulated epoch seconds. */
  time: z.number(),
  /** Simulated seconds since the scenario's start. */
  relativeTime: z.number(),
  /** The assistant's mode: observe, awaiting_confirmation or execute (null when unknown). */
  proactiveMode: z.string().nullable(),
});
export type SystemState = z.infer<typeof SystemState>;

export const StepMetadata = z
  .object({
    /** "event": from the environment's log; "deliberation": an agent step that never reached an app. */
    source: z.enum(["event", "deliberation"]).default("event"),
    eventId: z.string().nullable().default(null),
    eventType: z.string().nullable().default(null),
    oracle: z.boolean().default(false),
    injectedFailure: z.boolean().default(false),
    /** Environmental noise, not part of the scenario's own flow. */
    noise: z.boolean().default(false),
    exceptionType: z.string().nullable().default(null),
    /** The agent's reasoning for the step, when a deliberation record matches it. */
    thought: z.string().nullable().default(null),
  })
  .catchall(z.unknown());
export type StepMetadata = z.output<typeof StepMetadata>;

export const TrajectoryStep = z.object({
  index: z.number().int().nonnegative(),
  /** The runner turn (0 in oracle mode, where there are no turns). */
  round: z.number().int().nonnegative(),
  speaker: Speaker,
  /** What the actor got back (a rendered return value); null when nothing or unknown (lite traces). */
  observation: z.string().nullable(),
  /** Natural-language content of the step: a proposal, an acceptance, a rejection. */
  message: z.string().nullable(),
  action: StepAction.nullable(),
  /** The failure of the step's tool call, if it failed. */
  error: z.string().nullable(),
  /** +1 an accepted proposal's acceptance, -1 a rejection, 0 other agent steps, null for the world. */
  localUtility: z.number().nullable(),
  systemState: SystemState,
  metadata: StepMetadata,
});
export type TrajectoryStep = z.output<typeof TrajectoryStep>;

export const Trajectory = z.object({
  version: z.literal(TRAJECTORY_SCHEMA_VERSION),
  scenarioId: z.string(),
  runNumber: z.number().int().nullable(),
  success: z.boolean().nullable(),
  rationale: z.string().nullable(),
  /** Runner turns of the run (0 in oracle mode). */
  numberOfTurns: z.number().int().nonnegative(),
  /** App name → state; absent when unknown (lite traces). */
  initialState: z.record(z.string(), z.unknown()).optional(),
  finalState: z.record(z.string(), z.unknown()).optional(),
  steps: z.array(TrajectoryStep),
});
export type Trajectory = z.output<typeof Trajectory>;

export interface TrajectoryHeader {
  scenarioId: string;
  runNumber?: number | null;
  initialState?: Record<string, unknown>;
}

export interface StepInput {
  round: number;
  speaker: Speaker;
  observation?: string | null;
  message?: string | null;
  action?: StepAction | null;
  error?: string | null;
  localUtility?: number | null;
  systemState: SystemState;
  metadata?: z.input<typeof StepMetadata>;
}

export interface TrajectoryOutcome {
  success: boolean | null;
  rationale?: string | null;
  numberOfTurns?: number;
  finalState?: Record<string, unknown>;
}

/** Builds a trajectory one step at a time (from a trace, or live from a custom loop) and saves it as JSON. */
export class TrajectoryLogger {
  private readonly steps: TrajectoryStep[] = [];
  private outcome: TrajectoryOutcome = { success: null };

  constructor(private readonly header: TrajectoryHeader) {}

  get length(): number {
    return this.steps.length;
  }

  logStep(input: StepInput): TrajectoryStep {
    const step = TrajectoryStep.parse({
      index: this.steps.length,
      round: input.round,
      speaker: input.speaker,
      observation: input.observation ?? null,
      message: input.message ?? null,
      action: input.action ?? null,
      error: input.error ?? null,
      localUtility: input.localUtility ?? null,
      systemState: input.systemState,
      metadata: input.metadata ?? {},
    });
    this.steps.push(step);
    return step;
  }

  setOutcome(outcome: TrajectoryOutcome): void {
    this.outcome = outcome;
  }

  toTrajectory(): Trajectory {
    const rounds = this.steps.length ? Math.max(...this.steps.map((s) => s.round)) + 1 : 0;
    return Trajectory.parse({
      version: TRAJECTORY_SCHEMA_VERSION,
      scenarioId: this.header.scenarioId,
      runNumber: this.header.runNumber ?? null,
      success: this.outcome.success,
      rationale: this.outcome.rationale ?? null,
      numberOfTurns: this.outcome.numberOfTurns ?? rounds,
      ...(this.header.initialState ? { initialState: this.header.initialState } : {}),
      ...(this.outcome.finalState ? { finalState: this.outcome.finalState } : {}),
      steps: this.steps,
    });
  }

  save(path: string): void {
    saveTrajectory(path, this.toTrajectory());
  }
}

export function saveTrajectory(path: string, trajectory: Trajectory): void {
  writeJsonAtomic(path, Trajectory.parse(trajectory));
}

export function loadTrajectory(path: string): Trajectory {
  return Trajectory.parse(JSON.parse(readFileSync(path, "utf8")));
}
