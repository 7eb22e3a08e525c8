import type { ReferencePlan } from "./reference-plan.js";
import { SeenText } from "./visible-facts.js";

/** An argument of a reference call that the agent making it was never shown. */
export interface UnseenFact {
  role: "observe" | "execute";
  /** The tool as the agent called it (`Shopping__add_to_cart`). */
  tool: string;
  operation: "read" | "write";
  /** The argument's path (`item_id`, `attendees[2]`, `updates.phone`). */
  argument: string;
  value: string | number;
  turn: number;
  /** Why it counts as unseen. */
  why: string;
}

export function describeUnseenFact(f: UnseenFact): string {
  return `${f.role} ${f.operation} ${f.tool}(${f.argument}=${JSON.stringify(f.value)}): ${f.why}`;
}

/** How far one proposal cycle of the plan got. */
export interface SegmentProgress {
  observeCalls: number;
  proposed: boolean;
  executeCalls: number;
  /** The execution got through every call of its part of the plan. */
  executed: boolean;
}

/**
 * What one run of the reference agent did, shared by its two policies for auditing only: the unseen facts,
 * what the observe policy was shown (so a fact handed over in the proposal can be traced to what the
 * observer saw), its proposals, and how far the plan got.
 */
export class ReferenceLedger {
  readonly unseen: UnseenFact[] = [];
  readonly notes: string[] = [];
  readonly observeSeen = new SeenText();
  readonly proposals: string[] = [];
  readonly progress: SegmentProgress[];

  constructor(readonly plan: ReferencePlan) {
    this.progress = plan.segments.map(() => ({
      observeCalls: 0,
      proposed: false,
      executeCalls: 0,
      executed: false,
    }));
  }

  /** Why the run did not play the whole plan, one line per reason (empty when it did). */
  shortfalls(limits: { observeMaxIterations: number; executeMaxIterations: number }): string[] {
    const out = [...this.plan.problems, ...this.notes];
    this.plan.segments.forEach((segment, i) => {
      const p = this.progress[i] as SegmentProgress;
      const label = this.plan.segments.length > 1 ? ` (proposal ${i + 1})` : "";
      if (p.observeCalls < segment.observe.length) {
        out.push(
          `the reference agent made ${p.observeCalls} of its ${segment.observe.length} observe calls${label} before the run ended`,
        );
      } else if (segment.proposal && !p.proposed) {
        out.push(`the reference agent never got to propose${label} before the run ended`);
      } else if (segment.proposal && segment.answer !== "reject" && p.proposed && !p.executed) {
        const total = segment.execute.length;
        out.push(
          p.executeCalls === 0 && total > 0
            ? `the proposal${label} was never carried out (not accepted, or no turn left)`
            : `the execution${label} made ${p.executeCalls} of its ${total} planned calls (limit ${limits.executeMaxIterations} steps, look-ups included)`,
        );
      }
    });
    return out;
  }
}
