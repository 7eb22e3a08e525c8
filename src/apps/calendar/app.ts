import type { z } from "zod";
import type { AppOptions } from "../../core/app.js";
import { NotFoundError, ToolError } from "../../core/errors.js";
import type { JsonValue } from "../../core/json.js";
import type { NotificationTemplates } from "../../core/notifications.js";
import { agentTool, dataTool, envTool, parsed, type ToolSpec } from "../../core/tool-decorators.js";
import type { Screen } from "../screen.js";
import { StatefulApp } from "../stateful-app.js";
import {
  type CalendarEvent,
  type CalendarEventsPage,
  type CalendarEventView,
  CalendarState,
  checkOrder,
  cleanAttendees,
  compareEvents,
  DEFAULT_EVENT_SECONDS,
  dayStart,
  eventView,
  optionalText,
  overlaps,
  parseDateTimeArg,
  SECONDS_PER_DAY,
} from "./model.js";
import {
  AddByAttendeeParams,
  type AddEventArgs,
  AddEventParams,
  AddEventsParams,
  DeleteByAttendeeParams,
  type EditEventArgs,
  EditEventParams,
  EventIdParams,
  QueryParams,
  TagParams,
  WindowParams,
} from "./params.js";
import { AgendaView } from "./screens.js";

const addSpec: ToolSpec = {
  description:
    "Create an event in the user's calendar. Returns the new event's id. Datetimes are UTC, formatted YYYY-MM-DD HH:MM:SS.",
  params: AddEventParams,
  op: "write",
  returns: "str (event id)",
};

const deleteSpec: ToolSpec = {
  description: "Delete a calendar event by its id.",
  params: EventIdParams,
  op: "write",
  returns: "str",
};

const searchSpec: ToolSpec = {
  description:
    "Find calendar events whose title, description, location, tag or attendees contain the query (case-insensitive), ordered by start time.",
  params: QueryParams,
  returns: "list[CalendarEvent]",
};

const editSpec: ToolSpec = {
  description:
    "Change fields of an existing calendar event. Only the fields you pass are changed; the start must stay at or before the end. Returns the updated event.",
  params: EditEventParams,
  op: "write",
  returns: "CalendarEvent",
};

const addByAttendeeSpec: ToolSpec = {
  description:
    "An attendee adds an event to the user's calendar (they are added to the attendees). Returns the new event's id.",
  params: AddByAttendeeParams,
  op: "write",
  returns: "str (event id)",
};

const deleteByAttendeeSpec: ToolSpec = {
  description: "An attendee deletes an event from the user's calendar.",
  params: DeleteByAttendeeParams,
  op: "write",
  returns: "str",
};

const str = (v: JsonValue | undefined): string => (v === undefined || v === null ? "" : String(v));
const text = (v: JsonValue | undefined): string | null =>
  typeof v === "string" && v.trim() ? v.trim() : null;

/** The calendar: the user's events, and the screens to browse and edit them. */
export class StatefulCalendarApp extends StatefulApp<CalendarState> {
  readonly stateSchema = CalendarState;
  private events = new Map<string, CalendarEvent>();

  static notificationTemplates: NotificationTemplates = {
    add_calendar_event_by_attendee: {
      user: (args) => {
        const when = text(args.start_datetime);
        return `${str(args.who_add)} added an event to your calendar: ${str(args.title) || "Event"}${when ? ` at ${when}` : ""}`;
      },
      agent: (args, returnValue) => {
        const lines = [`Calendar: ${str(args.who_add)} added an event to the user's calendar`];
        if (typeof returnValue === "string") lines.push(`Event ID: ${returnValue}`);
        lines.push(`Title: ${str(args.title) || "Event"}`);
        const start = text(args.start_datetime);
        const end = text(args.end_datetime);
        if (start) lines.push(`Start: ${start}`);
        if (end) lines.push(`End: ${end}`);
        for (const [field, label] of [
          ["tag", "Tag"],
          ["description", "Description"],
          ["location", "Location"],
        ] as const) {
          const value = text(args[field]);
          if (value) lines.push(`${label}: ${value}`);
        }
        const attendees = cleanAttendees([
          ...(Array.isArray(args.attendees) ? args.attendees.map(str) : []),
          str(args.who_add),
        ]);
        lines.push(`Attendees: ${attendees.join(", ")}`);
        return lines.join("\n");
      },
    },
    delete_calendar_event_by_attendee: {
      user: (args, r) => `${str(args.who_delete)} deleted calendar event ${deletedLabel(r, args)}`,
      agent: (args, r) =>
        `Calendar: ${str(args.who_delete)} deleted the event ${str(args.event_id)} from the user's calendar` +
        (isDeletion(r) ? `\nTitle: ${r.title}\nStart: ${r.start_datetime}\nEnd: ${r.end_datetime}` : ""),
    },
  };

  constructor(options: AppOptions = {}) {
    super({ name: options.name ?? "Calendar" });
  }

  protected createRootScreen(): Screen {
    const start = dayStart(this.clock.now());
    return new AgendaView(start, start + SECONDS_PER_DAY);
  }

  protected dumpState(): CalendarState {
    return { events: [...this.events.values()].map((e) => ({ ...e, attendees: [...e.attendees] })) };
  }

  protected restoreState(state: CalendarState): void {
    this.events = new Map(state.events.map((e) => [e.event_id, { ...e, attendees: [...e.attendees] }]));
  }

  protected emptyState(): CalendarState {
    return { events: [] };
  }

  // --- helpers (not tools) -----------------------------------------------------------------------

  /** The live event, or NotFoundError. */
  getEvent(eventId: string): CalendarEvent {
    const event = this.events.get(eventId);
    if (!event) throw new NotFoundError(`Calendar event ${eventId} does not exist`);
    return event;
  }

  /** Events overlapping [start, end), in display order. */
  eventsBetween(start: number, end: number): CalendarEvent[] {
    return [...this.events.values()].filter((e) => overlaps(e, start, end)).sort(compareEvents);
  }

  private sorted(): CalendarEvent[] {
    return [...this.events.values()].sort(compareEvents);
  }

  /** Builds (without storing) an event from add arguments; throws before anything changes. */
  private buildEvent(args: z.output<typeof AddEventParams>, extraAttendee?: string): CalendarEvent {
    const title = args.title.trim() || "Event";
    let start =
      args.start_datetime === undefined ? undefined : parseDateTimeArg(args.start_datetime, "start_datetime");
    let end =
      args.end_datetime === undefined ? undefined : parseDateTimeArg(args.end_datetime, "end_datetime");
    if (start === undefined) start = end === undefined ? this.clock.now() : end - DEFAULT_EVENT_SECONDS;
    if (end === undefined) end = start + DEFAULT_EVENT_SECONDS;
    checkOrder(start, end);
    return {
      event_id: "",
      title,
      start_datetime: start,
      end_datetime: end,
      tag: optionalText(args.tag),
      description: optionalText(args.description),
      location: optionalText(args.location),
      attendees: cleanAttendees(extraAttendee ? [...args.attendees, extraAttendee] : args.attendees),
    };
  }

  private store(event: CalendarEvent): string {
    let id = this.newId();
    while (this.events.has(id)) id = this.newId();
    this.events.set(id, { ...event, event_id: id });
    return id;
  }

  // --- agent tools -------------------------------------------------------------------------------

  @agentTool(addSpec)
  @dataTool(addSpec)
  add_calendar_event(args: AddEventArgs): string {
    return this.store(this.buildEvent(parsed(AddEventParams, args)));
  }

  @agentTool({
    description: "Get one calendar event by its id.",
    params: EventIdParams,
    returns: "CalendarEvent",
  })
  get_calendar_event(args: z.input<typeof EventIdParams>): CalendarEventView {
    return eventView(this.getEvent(parsed(EventIdParams, args).event_id));
  }

  @agentTool(deleteSpec)
  @dataTool(deleteSpec)
  delete_calendar_event(args: z.input<typeof EventIdParams>): string {
    const { event_id } = parsed(EventIdParams, args);
    this.getEvent(event_id);
    this.events.delete(event_id);
    return `Event ${event_id} successfully deleted.`;
  }

  @agentTool({
    description:
      "List the calendar events that overlap a time window, ordered by start time, one page at a time. Returns {events, range, total} where total counts every event in the window.",
    params: WindowParams,
    returns: "dict",
  })
  get_calendar_events_from_to(args: z.input<typeof WindowParams>): CalendarEventsPage {
    const { start_datetime, end_datetime, offset, limit } = parsed(WindowParams, args);
    const start = parseDateTimeArg(start_datetime, "start_datetime");
    const end = parseDateTimeArg(end_datetime, "end_datetime");
    checkOrder(start, end);
    return page(this.eventsBetween(start, end), offset, limit);
  }

  @agentTool({
    description: "List all of today's calendar events (the current UTC day), ordered by start time.",
    returns: "dict",
  })
  read_today_calendar_events(): CalendarEventsPage {
    const start = dayStart(this.clock.now());
    const events = this.eventsBetween(start, start + SECONDS_PER_DAY);
    return page(events, 0, Math.max(1, events.length));
  }

  @agentTool({ description: "List every tag used by calendar events, alphabetically.", returns: "list[str]" })
  get_all_tags(): string[] {
    const tags = new Set<string>();
    for (const e of this.events.values()) if (e.tag !== null) tags.add(e.tag);
    return [...tags].sort((a, b) => a.localeCompare(b));
  }

  @agentTool({
    description: "List the calendar events carrying a tag, ordered by start time.",
    params: TagParams,
    returns: "list[CalendarEvent]",
  })
  get_calendar_events_by_tag(args: z.input<typeof TagParams>): CalendarEventView[] {
    const tag = parsed(TagParams, args).tag.trim();
    return this.sorted()
      .filter((e) => e.tag === tag)
      .map(eventView);
  }

  @agentTool(searchSpec)
  @dataTool(searchSpec)
  search_events(args: z.input<typeof QueryParams>): CalendarEventView[] {
    const query = parsed(QueryParams, args).query.toLowerCase();
    return this.sorted()
      .filter((e) =>
        [e.title, e.description, e.location, e.tag, ...e.attendees].some(
          (field) => field?.toLowerCase().includes(query) ?? false,
        ),
      )
      .map(eventView);
  }

  @agentTool(editSpec)
  @dataTool(editSpec)
  edit_calendar_event(args: EditEventArgs): CalendarEventView {
    const a = parsed(EditEventParams, args);
    const current = this.getEvent(a.event_id);
    const start =
      a.start_datetime === undefined
        ? current.start_datetime
        : parseDateTimeArg(a.start_datetime, "start_datetime");
    // Moving only the start keeps the event's length, as dragging an event in a calendar does.
    const end =
      a.end_datetime !== undefined
        ? parseDateTimeArg(a.end_datetime, "end_datetime")
        : a.start_datetime !== undefined
          ? start + (current.end_datetime - current.start_datetime)
          : current.end_datetime;
    checkOrder(start, end);
    const field = (value: string | null | undefined, old: string | null): string | null =>
      value === null ? null : (optionalText(value) ?? old);
    const attendees =
      a.attendees === null
        ? []
        : a.attendees === undefined || cleanAttendees(a.attendees).length === 0
          ? current.attendees
          : cleanAttendees(a.attendees);
    const updated: CalendarEvent = {
      event_id: current.event_id,
      title: a.title?.trim() || current.title,
      start_datetime: start,
      end_datetime: end,
      tag: field(a.tag, current.tag),
      description: field(a.description, current.description),
      location: field(a.location, current.location),
      attendees: [...attendees],
    };
    this.events.set(current.event_id, updated);
    return eventView(updated);
  }

  // --- data tools --------------------------------------------------------------------------------

  @dataTool({
    description:
      "Seed several calendar events at once (all are checked before any is added). Returns their ids in order.",
    params: AddEventsParams,
    op: "write",
    returns: "list[str]",
  })
  add_calendar_events(args: z.input<typeof AddEventsParams>): string[] {
    const { events } = parsed(AddEventsParams, args);
    const built = events.map((e, i) => {
      try {
        return this.buildEvent(e);
      } catch (error) {
        if (error instanceof ToolError)
          throw new ToolError(
            error.code,
            `events.${i}: ${error.message}`,
            error.field ? `events.${i}.${error.field}` : undefined,
          );
        throw error;
      }
    });
    return built.map((e) => this.store(e));
  }

  // --- environment tools -------------------------------------------------------------------------

  @envTool(addByAttendeeSpec)
  @dataTool(addByAttendeeSpec)
  add_calendar_event_by_attendee(args: z.input<typeof AddByAttendeeParams>): string {
    const { who_add, ...rest } = parsed(AddByAttendeeParams, args);
    const who = who_add.trim();
    const event = this.buildEvent(rest, who);
    // The event itself says who put it there, as in the original: whoever reads the calendar later
    // (the user, the assistant) can tell it apart from the owner's own entries.
    event.title = `Event created by ${who}: ${event.title}`;
    event.description = event.description
      ? `Event created by ${who}: ${event.description}`
      : `Event created by ${who}`;
    return this.store(event);
  }

  @envTool(deleteByAttendeeSpec)
  @dataTool(deleteByAttendeeSpec)
  delete_calendar_event_by_attendee(args: z.input<typeof DeleteByAttendeeParams>): DeletedEvent {
    const { event_id, who_delete } = parsed(DeleteByAttendeeParams, args);
    const event = eventView(this.getEvent(event_id));
    this.events.delete(event_id);
    return {
      event_id,
      title: event.title,
      start_datetime: event.start_datetime,
      end_datetime: event.end_datetime,
      deleted_by: who_delete.trim(),
    };
  }
}

/** What an attendee's deletion returns: enough to say which event went (it no longer exists). */
export interface DeletedEvent {
  event_id: string;
  title: string;
  start_datetime: string;
  end_datetime: string;
  deleted_by: string;
}

function isDeletion(r: unknown): r is DeletedEvent {
  return typeof r === "object" && r !== null && "title" in r && "start_datetime" in r;
}

function deletedLabel(r: unknown, args: Record<string, unknown>): string {
  return isDeletion(r) ? `"${r.title}" (${r.start_datetime})` : String(args.event_id ?? "");
}

function page(events: readonly CalendarEvent[], offset: number, limit: number): CalendarEventsPage {
  const shown = events.slice(offset, offset + limit);
  return { events: shown.map(eventView), range: [offset, offset + shown.length], total: events.length };
}
