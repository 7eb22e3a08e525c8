import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { calendarEvent } from "../calendar-verdicts.js";
import { noteAtEnd, notesAtEnd } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const HUNT = "Flat hunt";
const TAKEN =
  "22 Quarry Lane, flat 3: 2 bed, $1,450, south-facing, landlord Mrs Okafor. Deposit paid 14 Nov.";
/** The other flats' notes: [title, content]. */
const OTHERS: [string, string][] = [
  ["Linden Court 5B", "1 bed + study, $1,380, noisy road. Viewing Thu 20 Nov 17:30."],
  ["Mill Street loft", "Open plan, $1,520, no lift. Viewing Sat 22 Nov 11:00."],
  ["Canal View 12", "2 bed, $1,600, balcony over the canal. Agent slow to answer."],
];

/**
 * The letting agent emails (+6 s) that the lease for 22 Quarry Lane, flat 3, is signed, keys on 1 Dec.
 * John's "Flat hunt" notes folder holds that flat's note and three for flats he no longer needs; two of those
 * have viewings in the calendar this week. Distractors: a dentist appointment and a Quarry Lane key handover
 * already in the calendar, a moving-boxes note in Personal. Ideal help: offer to wrap up the hunt; on
 * acceptance move the Quarry Lane note to Personal, delete the three other flats' notes and the two viewings,
 * keeping everything else.
 */
@registerScenario("flat_hunt_notes_wrapup")
export class FlatHuntNotesWrapup extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "note-cleanup";
  override description =
    "The lease is signed; keep the chosen flat's note in Personal, delete the other flats' notes and cancel their viewings.";
  override additionalSystemPrompt =
    "You are John Doe. When a search is over you keep only the note of the flat you took, in Personal, and clear " +
    "out the rest, viewings included. You'll tell the other agents yourself.";

  private email!: StatefulEmailApp;
  private notes!: StatefulNotesApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;
  private taken = "";
  private others: string[] = [];
  private boxes = "";
  private viewings: string[] = [];
  private keep: string[] = [];

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.notes = new StatefulNotesApp();
    this.calendar = new StatefulCalendarApp();
    this.taken = this.notes.create_note_with_time({
      folder: HUNT,
      title: "22 Quarry Lane, flat 3",
      content: TAKEN,
      created_at: "2025-11-04 19:00:00",
      updated_at: "2025-11-14 12:00:00",
    });
    this.others = OTHERS.map(([title, content], i) =>
      this.notes.create_note_with_time({
        folder: HUNT,
        title,
        content,
        created_at: `2025-11-0${5 + i} 19:00:00`,
      }),
    );
    this.boxes = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Moving boxes",
      content: "20 boxes from the hardware shop, tape, marker pens.",
      created_at: "2025-11-15 10:00:00",
    });
    const add = (title: string, start: string, end: string, location: string) =>
      this.calendar.add_calendar_event({ title, start_datetime: start, end_datetime: end, location });
    this.viewings = [
      add("Viewing: Linden Court 5B", "2025-11-20 17:30:00", "2025-11-20 18:00:00", "Linden Court"),
      add("Viewing: Mill Street loft", "2025-11-22 11:00:00", "2025-11-22 11:30:00", "14 Mill Street"),
    ];
    this.keep = [
      add("Dentist", "2025-11-20 08:30:00", "2025-11-20 09:00:00", "Berg Dental"),
      add("Key handover: 22 Quarry Lane", "2025-12-01 10:00:00", "2025-12-01 10:30:00", "22 Quarry Lane"),
    ];
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.notes, this.calendar];
  }

  protected buildEventsFlow(): void {
    const signed = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-lease-signed",
        sender: "lettings@okafor-homes.example",
        subject: "Lease signed: 22 Quarry Lane, flat 3",
        content:
          "Dear John,\n\nBoth parties have signed: the flat is yours from 1 December. Keys at 10:00 that day, as " +
          "arranged.\n\nOkafor Homes",
      }),
    )
      .withId("lease_signed")
      .delayed(6);
    const hunt = ev(this.notes.list_notes({ folder: HUNT, offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(signed, { delaySeconds: 3 });
    const week = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-18 00:00:00",
        end_datetime: "2025-12-02 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(hunt, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Congratulations, the Quarry Lane lease is signed! Shall I wrap up the flat hunt: move the '22 Quarry " +
          "Lane, flat 3' note to Personal, delete the Linden Court 5B, Mill Street loft and Canal View 12 notes, " +
          "and remove the Linden Court (Thu) and Mill Street (Sat) viewings from your calendar?",
      }),
    )
      .oracle()
      .dependsOn(week, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, clear it all up." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const relist = ev(this.notes.list_notes({ folder: HUNT, offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const steps: Event[] = [relist];
    const then = (e: unknown) => {
      const next = ev(e)
        .oracle()
        .dependsOn(steps[steps.length - 1] as Event, { delaySeconds: 1 });
      steps.push(next);
    };
    then(this.notes.move_note({ note_id: this.taken, dest_folder_name: "Personal" }));
    for (const id of this.others) then(this.notes.delete_note({ note_id: id }));
    then(this.calendar.search_events({ query: "Viewing" }));
    for (const id of this.viewings) then(this.calendar.delete_calendar_event({ event_id: id }));
    this.events = [signed, hunt, week, propose, accept, ...steps];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const taken = noteAtEnd(env, this.taken);
    const left = new Set(notesAtEnd(env).map((n) => n.note_id));
    const eventWrites = agentCalls(log, { className: "StatefulCalendarApp" }).filter(
      (e) => e.action?.operation === "write" && !this.viewings.includes(argText(e, "event_id")),
    );
    return new Checklist()
      .require(
        "a proposal to wrap up the flat hunt",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Linden", "Mill Street", "Canal")),
      )
      .require(
        "the Quarry Lane note kept, unchanged, in Personal",
        taken?.folder === "Personal" && taken.content === TAKEN,
      )
      .require(
        "the three other flats' notes deleted",
        this.others.every((id) => !left.has(id)),
      )
      .require("the moving-boxes note kept", left.has(this.boxes))
      .require(
        "both viewings gone from the calendar",
        this.viewings.every((id) => calendarEvent(env, id) === undefined),
      )
      .require(
        "the dentist and the key handover kept",
        this.keep.every((id) => calendarEvent(env, id) !== undefined),
      )
      .require("no other calendar change", eventWrites.length === 0)
      .verdict();
  }
}
