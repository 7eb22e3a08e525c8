import type { z } from "zod";
import type { AppOptions } from "../../core/app.js";
import { formatDateTime } from "../../core/clock.js";
import { InvalidStateError, NotFoundError } from "../../core/errors.js";
import type { NotificationTemplates } from "../../core/notifications.js";
import { agentTool, dataTool, envTool, parsed, type ToolSpec } from "../../core/tool-decorators.js";
import type { Screen } from "../screen.js";
import { StatefulApp } from "../stateful-app.js";
import {
  compareReminders,
  isOccurrenceId,
  isOccurrenceOf,
  occurrenceTimes,
  parseDateTimeArg,
  REPETITION_HORIZON_SECONDS,
  type Reminder,
  ReminderState,
  type ReminderView,
  type RepetitionUnit,
  reminderView,
  renderReminder,
} from "./model.js";
import {
  type AddReminderArgs,
  AddReminderParams,
  ReminderIdParams,
  SeedReminderParams,
  type UpdateReminderArgs,
  UpdateReminderParams,
} from "./params.js";
import { ReminderList } from "./screens.js";

const addSpec: ToolSpec = {
  description:
    "Create a reminder, optionally repeating. Returns its id. Datetimes are UTC, formatted YYYY-MM-DD HH:MM:SS.",
  params: AddReminderParams,
  op: "write",
  returns: "str (reminder id)",
};

const updateSpec: ToolSpec = {
  description:
    "Change a reminder. Only the fields you pass change. Changing a repeating reminder re-creates its future occurrences; a single occurrence (id ending in _rep_<n>) can change its title, description and due time only.",
  params: UpdateReminderParams,
  op: "write",
  returns: "str (reminder id)",
};

/** Reminders with due notifications: each reminder is announced once, when the scenario clock reaches it. */
export class StatefulReminderApp extends StatefulApp<ReminderState> {
  /** A reminder that appears on the phone (set by the world, or by the assistant) is announced. */
  static notificationTemplates: NotificationTemplates = {
    add_reminder: {
      user: (a) => `New reminder: ${String(a.title)} (due ${String(a.due_datetime)})`,
      agent: (a, r) =>
        `Reminders update: reminder added${typeof r === "string" ? ` (id ${r})` : ""}\nTitle: ${String(a.title)}\nDue: ${String(a.due_datetime)}${a.description ? `\nDescription: ${String(a.description)}` : ""}`,
    },
  };

  readonly stateSchema = ReminderState;
  private reminders = new Map<string, Reminder>();

  constructor(options: AppOptions = {}) {
    super({ name: options.name ?? "Reminders" });
  }

  protected createRootScreen(): Screen {
    return new ReminderList();
  }

  protected dumpState(): ReminderState {
    return { reminders: [...this.reminders.values()].map((r) => ({ ...r })) };
  }

  protected restoreState(state: ReminderState): void {
    this.reminders = new Map(state.reminders.map((r) => [r.reminder_id, { ...r }]));
  }

  protected emptyState(): ReminderState {
    return { reminders: [] };
  }

  // --- helpers (not tools) -----------------------------------------------------------------------

  /** The live reminder, or NotFoundError. */
  getReminder(reminderId: string): Reminder {
    const r = this.reminders.get(reminderId);
    if (!r) throw new NotFoundError(`Reminder ${reminderId} not found.`);
    return r;
  }

  private sorted(filter: (r: Reminder) => boolean = () => true): ReminderView[] {
    return [...this.reminders.values()].filter(filter).sort(compareReminders).map(reminderView);
  }

  /** Reminders due after now, soonest first. */
  upcoming(): ReminderView[] {
    const now = this.clock.now();
    return this.sorted((r) => r.due_datetime > now);
  }

  private occurrencesOf(base: string): Reminder[] {
    return [...this.reminders.values()].filter((r) => isOccurrenceOf(r.reminder_id, base));
  }

  /** The reminder and its occurrences, built but not stored. */
  private series(base: Reminder): Reminder[] {
    const out = [base];
    if (base.repetition_unit === null) return out;
    const horizon = this.clock.now() + REPETITION_HORIZON_SECONDS;
    occurrenceTimes(base.due_datetime, base.repetition_unit, base.repetition_value, horizon).forEach(
      (t, i) => {
        out.push({
          ...base,
          reminder_id: `${base.reminder_id}_rep_${i + 1}`,
          due_datetime: t,
          time_notified: null,
        });
      },
    );
    return out;
  }

  private create(args: z.output<typeof AddReminderParams>, alreadyNotified = false): string {
    const due = parseDateTimeArg(args.due_datetime, "due_datetime");
    let id = this.newId();
    while (this.reminders.has(id)) id = this.newId();
    const base: Reminder = {
      reminder_id: id,
      title: args.title.trim(),
      description: args.description,
      due_datetime: due,
      repetition_unit: args.repetition_unit ?? null,
      repetition_value: args.repetition_value,
      time_notified: null,
    };
    const now = this.clock.now();
    for (const r of this.series(base)) {
      if (alreadyNotified && (r === base || r.due_datetime <= now))
        r.time_notified = Math.min(r.due_datetime, now);
      this.reminders.set(r.reminder_id, r);
    }
    return id;
  }

  // --- agent tools -------------------------------------------------------------------------------

  @agentTool(addSpec)
  @envTool(addSpec)
  @dataTool(addSpec)
  add_reminder(args: AddReminderArgs): string {
    return this.create(parsed(AddReminderParams, args));
  }

  @agentTool(updateSpec)
  @dataTool(updateSpec)
  update_reminder(args: UpdateReminderArgs): string {
    const a = parsed(UpdateReminderParams, args);
    const current = this.getReminder(a.reminder_id);
    const due =
      a.due_datetime === undefined ? current.due_datetime : parseDateTimeArg(a.due_datetime, "due_datetime");
    const occurrence = isOccurrenceId(current.reminder_id);
    if (occurrence && (a.repetition_unit !== undefined || a.repetition_value !== undefined))
      throw new InvalidStateError(
        `Reminder ${current.reminder_id} is one occurrence of a repeating reminder; change the repetition on the reminder it repeats`,
      );
    const unit: RepetitionUnit | null =
      a.repetition_unit === undefined ? current.repetition_unit : a.repetition_unit;
    const updated: Reminder = {
      ...current,
      title: a.title?.trim() ?? current.title,
      description: a.description ?? current.description,
      due_datetime: due,
      repetition_unit: unit,
      repetition_value: unit === null ? 1 : (a.repetition_value ?? current.repetition_value),
      // A reminder moved to another time is announced again when that time comes.
      time_notified: due === current.due_datetime ? current.time_notified : null,
    };
    if (occurrence) {
      this.reminders.set(updated.reminder_id, updated);
      return updated.reminder_id;
    }
    const old = new Map(this.occurrencesOf(current.reminder_id).map((r) => [r.reminder_id, r]));
    for (const id of old.keys()) this.reminders.delete(id);
    for (const r of this.series(updated)) {
      const before = old.get(r.reminder_id);
      // Occurrences that keep their time keep their notified mark, so nobody is told twice.
      if (before && before.due_datetime === r.due_datetime) r.time_notified = before.time_notified;
      this.reminders.set(r.reminder_id, r);
    }
    return updated.reminder_id;
  }

  @agentTool({
    description:
      "Delete a reminder. Deleting a repeating reminder also deletes all its occurrences; deleting one occurrence (id ending in _rep_<n>) deletes only that one.",
    params: ReminderIdParams,
    op: "write",
    returns: "str",
  })
  delete_reminder(args: z.input<typeof ReminderIdParams>): string {
    const { reminder_id } = parsed(ReminderIdParams, args);
    this.getReminder(reminder_id);
    const occurrences = this.occurrencesOf(reminder_id);
    this.reminders.delete(reminder_id);
    for (const r of occurrences) this.reminders.delete(r.reminder_id);
    return occurrences.length > 0
      ? `Reminder ${reminder_id} and its ${occurrences.length} occurrences deleted.`
      : `Reminder ${reminder_id} deleted.`;
  }

  @agentTool({ description: "Delete every reminder.", op: "write", returns: "str" })
  delete_all_reminders(): string {
    const count = this.reminders.size;
    this.reminders.clear();
    return `Deleted ${count} reminders.`;
  }

  @agentTool({
    description: "List the reminders that are due (due time now or earlier), oldest first.",
    returns: "list[Reminder]",
  })
  get_due_reminders(): ReminderView[] {
    const now = this.clock.now();
    return this.sorted((r) => r.due_datetime <= now);
  }

  @agentTool({
    description: "List every reminder, including occurrences of repeating ones, by due time.",
    returns: "list[Reminder]",
  })
  get_all_reminders(): ReminderView[] {
    return this.sorted();
  }

  // --- data tools --------------------------------------------------------------------------------

  @dataTool({
    description:
      "Seed a reminder at an explicit due time; with already_notified the user is taken to have seen it already (no due notification).",
    params: SeedReminderParams,
    op: "write",
    returns: "str (reminder id)",
  })
  create_reminder_with_time(args: z.input<typeof SeedReminderParams>): string {
    const { already_notified, ...rest } = parsed(SeedReminderParams, args);
    return this.create(rest, already_notified);
  }

  // --- due notifications -------------------------------------------------------------------------

  /**
   * Announces each reminder once, on the first tick at or after its due time. It is not a tool call, so
   * nothing is logged (the original logged a `get_due_reminders` call on every tick).
   */
  override timeBasedNotifications(now: number): { user: string | null; agent: string | null }[] {
    const due = [...this.reminders.values()]
      .filter((r) => r.time_notified === null && r.due_datetime <= now)
      .sort(compareReminders);
    if (due.length === 0) return [];
    for (const r of due) r.time_notified = now;
    const user = due.map((r) => `- ${r.title} (due ${formatDateTime(r.due_datetime)})`);
    return [
      {
        user: `${this.name}: ${due.length === 1 ? "Reminder due" : `${due.length} reminders due`}:\n${user.join("\n")}`,
        agent: `${this.name}: New due reminders:\n${due.map(renderReminder).join("\n\n")}`,
      },
    ];
  }
}
