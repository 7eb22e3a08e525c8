import { z } from "zod";
import { DateTimeArg, MAX_REMINDER_REPETITIONS, RepetitionUnit } from "./model.js";

const unitDescription = `How often the reminder repeats (one of ${RepetitionUnit.options.join(", ")}); omit or null for a one-off reminder. At most ${MAX_REMINDER_REPETITIONS} occurrences, up to 12 weeks ahead, are created`;

export const AddReminderParams = z.object({
  title: z.string().trim().min(1).describe("Short title of the reminder"),
  due_datetime: DateTimeArg("When the reminder is due"),
  description: z.string().default("").describe("Details of what to remember"),
  repetition_unit: RepetitionUnit.nullable().optional().describe(unitDescription),
  repetition_value: z
    .number()
    .int()
    .min(1)
    .default(1)
    .describe("Repeat every this many units (e.g. 2 with 'week' = every other week)"),
});
export type AddReminderArgs = z.input<typeof AddReminderParams>;

export const SeedReminderParams = AddReminderParams.extend({
  already_notified: z
    .boolean()
    .default(false)
    .describe(
      "Treat the reminder (and its occurrences due by now) as already shown to the user, so no due notification is sent for them",
    ),
});

export const UpdateReminderParams = z.object({
  reminder_id: z.string().min(1).describe("Id of the reminder to change"),
  title: z.string().trim().min(1).optional().describe("New title; omit to keep the current one"),
  description: z.string().optional().describe("New description; omit to keep the current one"),
  due_datetime: DateTimeArg("New due time; omit to keep the current one").optional(),
  repetition_unit: RepetitionUnit.nullable()
    .optional()
    .describe("New repetition unit; omit to keep the current one, null to stop repeating"),
  repetition_value: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("New repetition interval in units; omit to keep the current one"),
});
export type UpdateReminderArgs = z.input<typeof UpdateReminderParams>;

export const ReminderIdParams = z.object({
  reminder_id: z.string().min(1).describe("Id of the reminder"),
});
