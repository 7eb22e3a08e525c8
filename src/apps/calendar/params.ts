import { z } from "zod";
import { DateTimeArg } from "./model.js";

const EventFields = {
  title: z.string().default("Event").describe("Title of the event"),
  start_datetime: DateTimeArg(
    "When the event starts; defaults to now, or to one hour before end_datetime when only that is given",
  ).optional(),
  end_datetime: DateTimeArg(
    "When the event ends; defaults to one hour after the start. Must not be before the start",
  ).optional(),
  tag: z.string().nullable().optional().describe("Optional category label, e.g. 'Work' or 'Family'"),
  description: z.string().nullable().optional().describe("Optional details about the event"),
  location: z.string().nullable().optional().describe("Optional place where the event happens"),
  attendees: z
    .array(z.string())
    .default([])
    .describe("Names of the people taking part (the user need not be listed)"),
};

export const AddEventParams = z.object(EventFields);
export type AddEventArgs = z.input<typeof AddEventParams>;

export const AddEventsParams = z.object({
  events: z
    .array(AddEventParams)
    .min(1)
    .describe("The events to add, each with the fields of add_calendar_event"),
});

export const AddByAttendeeParams = z.object({
  who_add: z
    .string()
    .trim()
    .min(1)
    .describe("Name of the attendee who adds the event to the user's calendar"),
  ...EventFields,
});

export const EventIdParams = z.object({ event_id: z.string().min(1).describe("Id of the calendar event") });

export const DeleteByAttendeeParams = z.object({
  event_id: z.string().min(1).describe("Id of the calendar event"),
  who_delete: z.string().trim().min(1).describe("Name of the attendee who deletes the event"),
});

export const WindowParams = z.object({
  start_datetime: DateTimeArg("Start of the time window (inclusive)"),
  end_datetime: DateTimeArg("End of the time window (exclusive); must not be before the start"),
  offset: z.number().int().min(0).default(0).describe("Number of matching events to skip (pagination)"),
  limit: z.number().int().min(1).default(10).describe("Maximum number of events to return"),
});

export const TagParams = z.object({ tag: z.string().min(1).describe("The tag to look for (exact match)") });

export const QueryParams = z.object({
  query: z
    .string()
    .trim()
    .min(1)
    .describe(
      "Text to look for, case-insensitively, in titles, descriptions, locations, tags and attendee names",
    ),
});

export const EditEventParams = z.object({
  event_id: z.string().min(1).describe("Id of the calendar event to change"),
  title: z.string().optional().describe("New title; omit (or leave empty) to keep the current one"),
  start_datetime: DateTimeArg("New start; omit to keep the current one").optional(),
  end_datetime: DateTimeArg(
    "New end; omit to keep the current one (a new start alone keeps the length)",
  ).optional(),
  tag: z
    .string()
    .nullable()
    .optional()
    .describe("New tag; omit or leave empty to keep it, null to remove it"),
  description: z
    .string()
    .nullable()
    .optional()
    .describe("New description; omit or leave empty to keep it, null to remove it"),
  location: z
    .string()
    .nullable()
    .optional()
    .describe("New location; omit or leave empty to keep it, null to remove it"),
  attendees: z
    .array(z.string())
    .nullable()
    .optional()
    .describe("New full list of attendees; omit or give an empty list to keep it, null to remove everyone"),
});
export type EditEventArgs = z.input<typeof EditEventParams>;
