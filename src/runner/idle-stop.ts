import type { Environment } from "../core/environment.js";
import { EventType } from "../core/event-types.js";
import type { CompletedEvent } from "../core/events.js";
import { AGENT_UI_CLASS } from "../core/notifications.js";

/** The environment's stop reason (and the trace's) when `idleStopTurns` ended a run. */
export const IDLE_STOP_REASON = "idle";

/**
 * Did this logged call leave the world as it was? Reads and navigation of either agent, the assistant's `wait`,
 * condition checks and failed environment events (they changed nothing and notify nobody) do; a write, a message
 * between the user and the assistant, and an environment event that happened do not.
 */
function changesNothing(event: CompletedEvent): boolean {
  if (event.eventType === EventType.CONDITION) return true;
  const action = event.action;
  if (!action) return true;
  if (event.eventType === EventType.ENV) return event.metadata.exception !== null;
  if (action.className === AGENT_UI_CLASS) return action.function === "wait";
  return action.operation === "read";
}

/**
 * `idleStopTurns`: ends a run after N consecutive quiet turns. A turn is quiet when the assistant observed from
 * start to end without proposing (nothing pending, nothing executed), no one wrote or messaged, no environment
 * event happened or notification arrived (due reminders included), and no scheduled event is left that could
 * still bring news. Reads and navigation by the user do not count as news: a user who only browses cannot make
 * a run last longer. Off by default: the original always plays every turn.
 */
export class IdleWatch {
  private streak = 0;
  private logged = 0;
  private news = 0;

  constructor(readonly turns: number) {}

  /** Call before the turn's user step. */
  begin(env: Environment): void {
    this.logged = env.eventLog.length;
    this.news = env.notifications.environmentNews;
  }

  /** Call after the turn's assistant step with the assistant's mode before and after it; true: stop the run now. */
  end(env: Environment, modeBefore: string, modeAfter: string): boolean {
    const events = env.eventLog.listView().slice(this.logged);
    const quiet =
      modeBefore === "observe" &&
      modeAfter === "observe" &&
      env.notifications.environmentNews === this.news &&
      events.every(changesNothing) &&
      !env.hasScheduledEvents();
    this.streak = quiet ? this.streak + 1 : 0;
    return this.streak >= this.turns;
  }

  /** Consecutive quiet turns so far. */
  get quietTurns(): number {
    return this.streak;
  }
}
