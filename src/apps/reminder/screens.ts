import { z } from "zod";
import { formatDateTime } from "../../core/clock.js";
import { InvalidStateError, ToolError } from "../../core/errors.js";
import { parsed, userTool } from "../../core/tool-decorators.js";
import { Screen } from "../screen.js";
import type { StatefulReminderApp } from "./app.js";
import {
  DateTimeArg,
  isOccurrenceId,
  parseDateTimeArg,
  type ReminderDraft,
  type ReminderView,
  RepetitionUnit,
  reminderView,
} from "./model.js";
import { ReminderIdParams } from "./params.js";

const TitleParams = z.object({ title: z.string().trim().min(1).describe("Title of the reminder") });
const DescriptionParams = z.object({ description: z.string().describe("Details of the reminder") });
const DueParams = z.object({ due_datetime: DateTimeArg("When the reminder is due") });
const RepetitionParams = z.object({
  unit: RepetitionUnit.nullable().describe("How often it repeats; null for a one-off reminder"),
  value: z.number().int().min(1).default(1).describe("Repeat every this many units"),
});

/** All reminders (the app's main screen). */
export class ReminderList extends Screen<StatefulReminderApp> {
  @userTool({ description: "List all reminders by due time." })
  list_all_reminders(): ReminderView[] {
    return this.app.get_all_reminders();
  }

  @userTool({ description: "List the reminders that are due now or overdue." })
  list_due_reminders(): ReminderView[] {
    return this.app.get_due_reminders();
  }

  @userTool({ description: "List the reminders that are not due yet, soonest first." })
  list_upcoming_reminders(): ReminderView[] {
    const upcoming = new Set(this.app.upcoming().map((r) => r.reminder_id));
    return this.app.get_all_reminders().filter((r) => upcoming.has(r.reminder_id));
  }

  @userTool({ description: "Open a reminder.", params: ReminderIdParams })
  open_reminder(args: z.input<typeof ReminderIdParams>): ReminderView {
    const { reminder_id } = parsed(ReminderIdParams, args);
    this.app.pushScreen(new ReminderDetail(reminder_id));
    return reminderView(this.app.getReminder(reminder_id));
  }

  @userTool({ description: "Start writing a new reminder." })
  create_new(): ReminderDraft {
    const screen = new EditReminder(null);
    this.app.pushScreen(screen);
    return { ...screen.draft };
  }
}

/** One reminder; it must exist to be entered. */
export class ReminderDetail extends Screen<StatefulReminderApp> {
  constructor(readonly reminderId: string) {
    super();
  }

  override onEnter(): void {
    this.app.getReminder(this.reminderId);
  }

  @userTool({ description: "Show the reminder as it is now." })
  refresh(): ReminderView {
    return reminderView(this.app.getReminder(this.reminderId));
  }

  @userTool({ description: "Edit this reminder." })
  edit(): ReminderDraft {
    const screen = new EditReminder(this.reminderId);
    this.app.pushScreen(screen);
    return { ...screen.draft };
  }

  @userTool({ description: "Delete this reminder and return to the list.", op: "write" })
  delete(): string {
    const result = this.app.delete_reminder({ reminder_id: this.reminderId });
    this.app.resetToRoot();
    return result;
  }
}

/** Writing a new reminder (no id) or editing one; nothing is stored until `save`. */
export class EditReminder extends Screen<StatefulReminderApp> {
  draft: ReminderDraft;

  constructor(readonly reminderId: string | null) {
    super();
    this.draft = {
      reminder_id: reminderId,
      title: "",
      description: "",
      due_datetime: "",
      repetition_unit: null,
      repetition_value: 1,
    };
  }

  override onEnter(): void {
    if (this.reminderId === null) return;
    const r = this.app.getReminder(this.reminderId);
    this.draft = {
      reminder_id: r.reminder_id,
      title: r.title,
      description: r.description,
      due_datetime: formatDateTime(r.due_datetime),
      repetition_unit: r.repetition_unit,
      repetition_value: r.repetition_value,
    };
  }

  private snapshot(): ReminderDraft {
    return { ...this.draft };
  }

  @userTool({ description: "Set the title.", params: TitleParams })
  set_title(args: z.input<typeof TitleParams>): ReminderDraft {
    this.draft.title = parsed(TitleParams, args).title;
    return this.snapshot();
  }

  @userTool({ description: "Set the description.", params: DescriptionParams })
  set_description(args: z.input<typeof DescriptionParams>): ReminderDraft {
    this.draft.description = parsed(DescriptionParams, args).description;
    return this.snapshot();
  }

  @userTool({ description: "Set when the reminder is due.", params: DueParams })
  set_due_datetime(args: z.input<typeof DueParams>): ReminderDraft {
    const { due_datetime } = parsed(DueParams, args);
    this.draft.due_datetime = formatDateTime(parseDateTimeArg(due_datetime, "due_datetime"));
    return this.snapshot();
  }

  @userTool({ description: "Set how the reminder repeats, or make it a one-off.", params: RepetitionParams })
  set_repetition(args: z.input<typeof RepetitionParams>): ReminderDraft {
    const { unit, value } = parsed(RepetitionParams, args);
    if (isOccurrenceId(this.draft.reminder_id))
      throw new InvalidStateError(
        "This is one occurrence of a repeating reminder; change the repetition on the reminder it repeats.",
      );
    this.draft.repetition_unit = unit;
    this.draft.repetition_value = unit === null ? 1 : value;
    return this.snapshot();
  }

  @userTool({ description: "Save the reminder and show it. Returns its id.", op: "write" })
  save(): string {
    const d = this.draft;
    if (!d.title.trim()) throw new ToolError("invalid_arguments", "Set a title before saving.", "title");
    if (!d.due_datetime)
      throw new ToolError("invalid_arguments", "Set a due date and time before saving.", "due_datetime");
    const occurrence = isOccurrenceId(d.reminder_id);
    if (d.reminder_id === null) {
      const id = this.app.add_reminder({
        title: d.title,
        description: d.description,
        due_datetime: d.due_datetime,
        repetition_unit: d.repetition_unit,
        repetition_value: d.repetition_value,
      });
      this.app.replaceScreen(new ReminderDetail(id));
      return id;
    }
    const id = this.app.update_reminder({
      reminder_id: d.reminder_id,
      title: d.title,
      description: d.description,
      due_datetime: d.due_datetime,
      ...(occurrence ? {} : { repetition_unit: d.repetition_unit, repetition_value: d.repetition_value }),
    });
    this.app.popScreen();
    return id;
  }

  @userTool({ description: "Stop editing without saving and go back." })
  cancel(): string {
    this.app.popScreen();
    return "Reminder editing cancelled.";
  }
}
