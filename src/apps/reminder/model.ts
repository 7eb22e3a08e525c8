import { z } from "zod";
import { formatDateTime } from "../../core/clock.js";
import { Timestamp } from "../stateful-app.js";

export const RepetitionUnit = z.enum(["second", "minute", "hour", "day", "week", "month"]);
export type RepetitionUnit = z.infer<typeof RepetitionUnit>;

/** Occurrences of a repeating reminder are materialised this far ahead of the time it is created. */
export const REPETITION_HORIZON_SECONDS = 12 * 7 * 86_400;
/** At most this many occurrences are materialised per repeating reminder. */
export const MAX_REMINDER_REPETITIONS = 100;

/**
 * A reminder. A repeating reminder is stored with its occurrences as separate reminders whose ids are
 * `<id>_rep_<n>`; `time_notified` records when the due notification went out (null: not yet).
 */
export const Reminder = z.object({
  reminder_id: z.string().min(1),
  title: z.string(),
  description: z.string(),
  due_datetime: Timestamp,
  repetition_unit: RepetitionUnit.nullable(),
  repetition_value: z.number().int().min(1),
  time_notified: Timestamp.nullable(),
});
export type Reminder = z.infer<typeof Reminder>;

export const ReminderState = z.object({ reminders: z.array(Reminder) });
export type ReminderState = z.infer<typeof ReminderState>;

/** What tools return for a reminder. */
export interface ReminderView {
  reminder_id: string;
  title: string;
  description: string;
  due_datetime: string;
  repetition_unit: RepetitionUnit | null;
  repetition_value: number;
}

export function reminderView(r: Reminder): ReminderView {
  return {
    reminder_id: r.reminder_id,
    title: r.title,
    description: r.description,
    due_datetime: formatDateTime(r.due_datetime),
    repetition_unit: r.repetition_unit,
    repetition_value: r.repetition_value,
  };
}

export function compareReminders(a: Reminder, b: Reminder): number {
  return (
    a.due_datetime - b.due_datetime ||
    (a.reminder_id < b.reminder_id ? -1 : a.reminder_id > b.reminder_id ? 1 : 0)
  );
}

export function describeRepetition(unit: RepetitionUnit | null, value: number): string | null {
  if (unit === null) return null;
  return value === 1 ? `every ${unit}` : `every ${value} ${unit}s`;
}

/** The full text of a reminder, as the assistant reads it in a due notification. */
export function renderReminder(r: Reminder): string {
  const lines = [
    `Reminder ID: ${r.reminder_id}`,
    `Title: ${r.title}`,
    `Description: ${r.description}`,
    `Due: ${formatDateTime(r.due_datetime)}`,
  ];
  const repeats = describeRepetition(r.repetition_unit, r.repetition_value);
  if (repeats) lines.push(`Repeats: ${repeats}`);
  return lines.join("\n");
}

const UNIT_SECONDS: Record<Exclude<RepetitionUnit, "month">, number> = {
  second: 1,
  minute: 60,
  hour: 3_600,
  day: 86_400,
  week: 604_800,
};

/** `t` moved by whole calendar months, the day clamped to the month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(t: number, months: number): number {
  const d = new Date(t * 1000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return (
    Date.UTC(y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()) / 1000
  );
}

/** Due times of the occurrences after the first (`n` = 1, 2, …) up to `horizon`, at most `cap` of them. */
export function occurrenceTimes(
  due: number,
  unit: RepetitionUnit,
  value: number,
  horizon: number,
  cap: number = MAX_REMINDER_REPETITIONS,
): number[] {
  const out: number[] = [];
  for (let n = 1; n <= cap; n++) {
    const t = unit === "month" ? addMonths(due, n * value) : due + n * value * UNIT_SECONDS[unit];
    if (t > horizon) break;
    out.push(t);
  }
  return out;
}

/** Ids of a reminder's materialised occurrences are `<base>_rep_<n>`. */
export function isOccurrenceOf(id: string, base: string): boolean {
  return id.startsWith(`${base}_rep_`) && /^\d+$/.test(id.slice(base.length + 5));
}

/** Whether an id names one materialised occurrence of a repeating reminder. */
export function isOccurrenceId(id: string | null): boolean {
  return id !== null && /_rep_\d+$/.test(id);
}

export { DateTimeArg, parseDateTimeArg } from "../datetime-args.js";

/** The reminder being created or edited on the EditReminder screen. */
export const ReminderDraft = z.object({
  reminder_id: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  due_datetime: z.string(),
  repetition_unit: RepetitionUnit.nullable(),
  repetition_value: z.number().int().min(1),
});
export type ReminderDraft = z.infer<typeof ReminderDraft>;
