import { z } from "zod";
import { formatDateTime, parseDateTime } from "../../core/clock.js";
import { InvalidStateError, ToolError } from "../../core/errors.js";
import { parsed, userTool } from "../../core/tool-decorators.js";
import { Screen } from "../screen.js";
import type { StatefulCalendarApp } from "./app.js";
import {
  type CalendarEventsPage,
  type CalendarEventView,
  checkOrder,
  DateTimeArg,
  draftFrom,
  type EventDraft,
  emptyDraft,
  parseDateTimeArg,
  SECONDS_PER_DAY,
} from "./model.js";
import { AddByAttendeeParams, EventIdParams, QueryParams, TagParams } from "./params.js";

const PageParams = z.object({
  offset: z.number().int().min(0).default(0).describe("Number of events to skip"),
  limit: z.number().int().min(1).default(10).describe("Maximum number of events to show"),
});
const IndexParams = z.object({
  index: z.number().int().min(0).describe("Zero-based position of the event in the agenda's list"),
});
const AttendeeParams = z.object({
  attendee: z.string().trim().min(1).describe("Name of the attendee"),
});
const DayParams = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date formatted YYYY-MM-DD")
    .refine((s) => parseDateTime(s) !== null, { message: "not a valid calendar date" })
    .describe("The day to show, formatted YYYY-MM-DD (UTC)"),
});
const WhoDeleteParams = z.object({
  who_delete: z.string().trim().min(1).describe("Name of the attendee who deletes the event"),
});
const TitleParams = z.object({ title: z.string().trim().min(1).describe("Title of the event") });
const TimeRangeParams = z.object({
  start_datetime: DateTimeArg("When the event starts"),
  end_datetime: DateTimeArg("When the event ends; not before the start"),
});
const DraftTagParams = z.object({
  tag: z.string().nullable().describe("Tag of the event; empty or null for none"),
});
const DescriptionParams = z.object({
  description: z.string().nullable().describe("Details of the event; empty or null for none"),
});
const LocationParams = z.object({
  location: z.string().nullable().describe("Where the event happens; empty or null for none"),
});
const AttendeesParams = z.object({
  attendees: z.array(z.string()).describe("The full list of attendees"),
});

const blankToNull = (value: string | null): string | null => (value?.trim() ? value.trim() : null);

/**
 * Screens are built outside their own class body: esbuild renames a decorated class that refers to
 * itself (`_AgendaView`), and the screen name shown to the user comes from the class name.
 */
function agendaView(start: number, end: number, tag: string | null, attendee: string | null): AgendaView {
  return new AgendaView(start, end, tag, attendee);
}

/** The agenda for a time window (the root shows the scenario clock's current day), optionally filtered. */
export class AgendaView extends Screen<StatefulCalendarApp> {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly tagFilter: string | null = null,
    readonly attendeeFilter: string | null = null,
  ) {
    super();
  }

  private describeView() {
    return {
      start_datetime: formatDateTime(this.start),
      end_datetime: formatDateTime(this.end),
      tag_filter: this.tagFilter,
      attendee_filter: this.attendeeFilter,
    };
  }

  private matches(view: CalendarEventView): boolean {
    if (this.tagFilter !== null && view.tag !== this.tagFilter) return false;
    const who = this.attendeeFilter?.toLowerCase();
    if (who !== undefined && !view.attendees.some((a) => a.toLowerCase() === who)) return false;
    return true;
  }

  /** Every event shown in this agenda, through the backend so the read is logged as the user's. */
  private visible(): CalendarEventView[] {
    const total = this.app.eventsBetween(this.start, this.end).length;
    const window = this.app.get_calendar_events_from_to({
      start_datetime: formatDateTime(this.start),
      end_datetime: formatDateTime(this.end),
      offset: 0,
      limit: Math.max(1, total),
    });
    return window.events.filter((v) => this.matches(v));
  }

  @userTool({
    description: "List the events of this agenda (after its filters), one page at a time.",
    params: PageParams,
  })
  list_events(args: z.input<typeof PageParams>): CalendarEventsPage {
    const { offset, limit } = parsed(PageParams, args);
    if (this.tagFilter === null && this.attendeeFilter === null)
      return this.app.get_calendar_events_from_to({
        start_datetime: formatDateTime(this.start),
        end_datetime: formatDateTime(this.end),
        offset,
        limit,
      });
    const events = this.visible();
    const shown = events.slice(offset, offset + limit);
    return { events: shown, range: [offset, offset + shown.length], total: events.length };
  }

  @userTool({ description: "Search the events of this agenda (after its filters).", params: QueryParams })
  search_events(args: z.input<typeof QueryParams>): CalendarEventView[] {
    const inWindow = new Set(this.app.eventsBetween(this.start, this.end).map((e) => e.event_id));
    return this.app
      .search_events({ query: parsed(QueryParams, args).query })
      .filter((v) => inWindow.has(v.event_id) && this.matches(v));
  }

  @userTool({ description: "Open an event by its id.", params: EventIdParams })
  open_event_by_id(args: z.input<typeof EventIdParams>): CalendarEventView {
    const detail = new EventDetail(parsed(EventIdParams, args).event_id);
    this.app.pushScreen(detail);
    return detail.opened as CalendarEventView;
  }

  @userTool({ description: "Open the event at a position in this agenda's list.", params: IndexParams })
  open_event_by_index(args: z.input<typeof IndexParams>): CalendarEventView {
    const { index } = parsed(IndexParams, args);
    const events = this.visible();
    const target = events[index];
    if (!target)
      throw new ToolError(
        "invalid_arguments",
        `Event index ${index} is out of range (the agenda shows ${events.length} events)`,
        "index",
      );
    const detail = new EventDetail(target.event_id);
    this.app.pushScreen(detail);
    return detail.opened as CalendarEventView;
  }

  @userTool({ description: "Show only this agenda's events that carry a tag.", params: TagParams })
  filter_by_tag(args: z.input<typeof TagParams>): ReturnType<AgendaView["describeView"]> {
    const screen = agendaView(this.start, this.end, parsed(TagParams, args).tag.trim(), this.attendeeFilter);
    this.app.pushScreen(screen);
    return screen.describeView();
  }

  @userTool({ description: "Show only this agenda's events with an attendee.", params: AttendeeParams })
  filter_by_attendee(args: z.input<typeof AttendeeParams>): ReturnType<AgendaView["describeView"]> {
    const screen = agendaView(this.start, this.end, this.tagFilter, parsed(AttendeeParams, args).attendee);
    this.app.pushScreen(screen);
    return screen.describeView();
  }

  @userTool({ description: "Show the agenda of another day (filters are kept).", params: DayParams })
  set_day(args: z.input<typeof DayParams>): ReturnType<AgendaView["describeView"]> {
    const start = parseDateTimeArg(parsed(DayParams, args).date, "date");
    const screen = agendaView(start, start + SECONDS_PER_DAY, this.tagFilter, this.attendeeFilter);
    this.app.pushScreen(screen);
    return screen.describeView();
  }

  @userTool({ description: "Start composing a new event." })
  start_create_event(): EventDraft {
    const screen = new EditEvent(emptyDraft());
    this.app.pushScreen(screen);
    return { ...screen.draft };
  }

  @userTool({
    description: "Add an event on behalf of an attendee.",
    params: AddByAttendeeParams,
    op: "write",
  })
  add_calendar_event_by_attendee(args: z.input<typeof AddByAttendeeParams>): string {
    return this.app.add_calendar_event_by_attendee(parsed(AddByAttendeeParams, args));
  }

  @userTool({ description: "Show all of today's events." })
  read_today_calendar_events(): CalendarEventsPage {
    return this.app.read_today_calendar_events();
  }

  @userTool({ description: "List every tag in the calendar." })
  get_all_tags(): string[] {
    return this.app.get_all_tags();
  }

  @userTool({ description: "List every event with a tag.", params: TagParams })
  get_calendar_events_by_tag(args: z.input<typeof TagParams>): CalendarEventView[] {
    return this.app.get_calendar_events_by_tag(parsed(TagParams, args));
  }
}

/** One event. It is fetched on entry, so an unknown id leaves the user where they were. */
export class EventDetail extends Screen<StatefulCalendarApp> {
  opened: CalendarEventView | undefined;

  constructor(readonly eventId: string) {
    super();
  }

  override onEnter(): void {
    this.opened = this.app.get_calendar_event({ event_id: this.eventId });
  }

  @userTool({ description: "Show the event again, as it is now." })
  refresh(): CalendarEventView {
    return this.app.get_calendar_event({ event_id: this.eventId });
  }

  @userTool({ description: "List the event's attendees." })
  list_attendees(): string[] {
    return this.app.get_calendar_event({ event_id: this.eventId }).attendees;
  }

  @userTool({ description: "Edit this event." })
  edit_event(): { draft: EventDraft } {
    const screen = new EditEvent(draftFrom(this.app.get_calendar_event({ event_id: this.eventId })));
    this.app.pushScreen(screen);
    return { draft: { ...screen.draft, attendees: [...screen.draft.attendees] } };
  }

  @userTool({ description: "Delete this event and go back.", op: "write" })
  delete(): string {
    const result = this.app.delete_calendar_event({ event_id: this.eventId });
    this.app.popScreen();
    return result;
  }

  @userTool({
    description: "Delete this event on behalf of an attendee and go back.",
    params: WhoDeleteParams,
    op: "write",
  })
  delete_by_attendee(args: z.input<typeof WhoDeleteParams>): string {
    const result = this.app.delete_calendar_event_by_attendee({
      event_id: this.eventId,
      who_delete: parsed(WhoDeleteParams, args).who_delete,
    });
    this.app.popScreen();
    return `Event "${result.title}" (${result.start_datetime}) deleted by ${result.deleted_by}.`;
  }
}

/** Composing a new event or editing one; nothing changes in the calendar until `save`. */
export class EditEvent extends Screen<StatefulCalendarApp> {
  constructor(readonly draft: EventDraft) {
    super();
  }

  @userTool({ description: "Set the title.", params: TitleParams })
  set_title(args: z.input<typeof TitleParams>): { title: string } {
    this.draft.title = parsed(TitleParams, args).title;
    return { title: this.draft.title };
  }

  @userTool({ description: "Set when the event starts and ends.", params: TimeRangeParams })
  set_time_range(args: z.input<typeof TimeRangeParams>): { start_datetime: string; end_datetime: string } {
    const { start_datetime, end_datetime } = parsed(TimeRangeParams, args);
    const start = parseDateTimeArg(start_datetime, "start_datetime");
    const end = parseDateTimeArg(end_datetime, "end_datetime");
    checkOrder(start, end);
    this.draft.start_datetime = formatDateTime(start);
    this.draft.end_datetime = formatDateTime(end);
    return { start_datetime: this.draft.start_datetime, end_datetime: this.draft.end_datetime };
  }

  @userTool({ description: "Set or clear the tag.", params: DraftTagParams })
  set_tag(args: z.input<typeof DraftTagParams>): { tag: string | null } {
    this.draft.tag = blankToNull(parsed(DraftTagParams, args).tag);
    return { tag: this.draft.tag };
  }

  @userTool({ description: "Set or clear the description.", params: DescriptionParams })
  set_description(args: z.input<typeof DescriptionParams>): { description: string | null } {
    this.draft.description = blankToNull(parsed(DescriptionParams, args).description);
    return { description: this.draft.description };
  }

  @userTool({ description: "Set or clear the location.", params: LocationParams })
  set_location(args: z.input<typeof LocationParams>): { location: string | null } {
    this.draft.location = blankToNull(parsed(LocationParams, args).location);
    return { location: this.draft.location };
  }

  @userTool({ description: "Replace the list of attendees.", params: AttendeesParams })
  set_attendees(args: z.input<typeof AttendeesParams>): { attendees: string[] } {
    const out: string[] = [];
    for (const a of parsed(AttendeesParams, args).attendees.map((x) => x.trim()))
      if (a && !out.includes(a)) out.push(a);
    this.draft.attendees = out;
    return { attendees: [...out] };
  }

  @userTool({ description: "Add an attendee.", params: AttendeeParams })
  add_attendee(args: z.input<typeof AttendeeParams>): { attendees: string[] } {
    const name = parsed(AttendeeParams, args).attendee;
    if (this.draft.attendees.includes(name)) throw new InvalidStateError(`${name} is already an attendee`);
    this.draft.attendees.push(name);
    return { attendees: [...this.draft.attendees] };
  }

  @userTool({ description: "Remove an attendee.", params: AttendeeParams })
  remove_attendee(args: z.input<typeof AttendeeParams>): { attendees: string[] } {
    const name = parsed(AttendeeParams, args).attendee;
    if (!this.draft.attendees.includes(name)) throw new InvalidStateError(`${name} is not an attendee`);
    this.draft.attendees = this.draft.attendees.filter((a) => a !== name);
    return { attendees: [...this.draft.attendees] };
  }

  @userTool({ description: "Save the event and go back. Returns its id.", op: "write" })
  save(): string {
    const d = this.draft;
    let id: string;
    if (d.event_id !== null) {
      id = this.app.edit_calendar_event({
        event_id: d.event_id,
        title: d.title,
        ...(d.start_datetime !== null ? { start_datetime: d.start_datetime } : {}),
        ...(d.end_datetime !== null ? { end_datetime: d.end_datetime } : {}),
        tag: d.tag,
        description: d.description,
        location: d.location,
        attendees: d.attendees.length > 0 ? d.attendees : null,
      }).event_id;
    } else {
      id = this.app.add_calendar_event({
        title: d.title,
        ...(d.start_datetime !== null ? { start_datetime: d.start_datetime } : {}),
        ...(d.end_datetime !== null ? { end_datetime: d.end_datetime } : {}),
        tag: d.tag,
        description: d.description,
        location: d.location,
        attendees: d.attendees,
      });
    }
    this.app.popScreen();
    return id;
  }

  @userTool({ description: "Throw the draft away and go back." })
  discard(): string {
    this.app.popScreen();
    return "draft_discarded";
  }
}
