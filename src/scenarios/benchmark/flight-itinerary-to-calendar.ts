import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const ITINERARY_EMAIL = "email-jetstream-itinerary";
const ITINERARY = "itinerary-HV4K9T.pdf";

/**
 * The airline emails the booked Thanksgiving itinerary as a PDF; the flight numbers and times are only in
 * the PDF. An earlier email listed other fare options (flights not booked). Ideal help: save the
 * itinerary, read it and add both booked flights to the calendar at their departure times.
 */
@registerScenario("flight_itinerary_to_calendar")
export class FlightItineraryToCalendar extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "files-attachments";
  override description =
    "A flight itinerary arrives as a PDF; read it and put both booked flights in the calendar.";
  override additionalSystemPrompt =
    "You are flying from Boston to Washington for Thanksgiving with your sister's family and like your trips in your calendar.";

  private email!: StatefulEmailApp;
  private files!: StatefulFilesApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.files = new StatefulFilesApp();
    this.calendar = new StatefulCalendarApp();
    this.email.add_emails({
      emails: [
        {
          sender: "deals@jetstream-air.example",
          subject: "Fare options: Boston - Washington, 25-28 Nov",
          content:
            "Here are the fares you looked at:\n- JS 410, 25 Nov 06:00, $189\n- JS 414, 25 Nov 12:20, $214\n" +
            "- JS 417, 28 Nov 15:40, $201\nPrices may change until you book.",
          time: "2025-11-12 20:15:00",
        },
        {
          sender: "leah.doe@postbox.example",
          subject: "Thanksgiving!",
          content: "So happy you're coming! Dinner is Thursday at 4. We'll pick you up at the airport.",
          time: "2025-11-16 11:00:00",
        },
      ],
    });
    this.calendar.add_calendar_event({
      title: "Team retro",
      start_datetime: "2025-11-24 15:00:00",
      end_datetime: "2025-11-24 16:00:00",
    });
    this.calendar.add_calendar_event({
      title: "Thanksgiving dinner at Leah's",
      start_datetime: "2025-11-27 16:00:00",
      end_datetime: "2025-11-27 20:00:00",
      location: "Arlington",
    });
    this.files.add_file({
      path: "Documents/Travel/boarding-pass-PDX-2025-09.pdf",
      text: "JS 233 PDX-BOS",
      size: 55_000,
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.files, this.calendar];
  }

  protected buildEventsFlow(): void {
    const itinerary = ev(
      this.email.send_email_to_user_with_id({
        email_id: ITINERARY_EMAIL,
        sender: "tickets@jetstream-air.example",
        subject: "Your JetStream e-ticket, booking HV4K9T",
        content: "Thank you for booking with JetStream. Your e-ticket and itinerary are attached.",
        attachments: [
          {
            name: ITINERARY,
            text:
              "JetStream e-ticket - booking HV4K9T - passenger John Doe\n" +
              "Flight 1: JS 412, Tuesday 25 November 2025, Boston (BOS) 07:10 -> Washington Reagan (DCA) 08:45\n" +
              "Flight 2: JS 419, Friday 28 November 2025, Washington Reagan (DCA) 18:30 -> Boston (BOS) 20:05\n" +
              "Baggage: 1 carry-on. Check-in opens 24 hours before departure.",
            size: 118_000,
          },
        ],
      }),
    )
      .withId("itinerary")
      .delayed(9);
    const read = ev(this.email.get_email_by_id({ email_id: ITINERARY_EMAIL }))
      .oracle()
      .dependsOn(itinerary, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `JetStream sent your e-ticket for booking HV4K9T (${ITINERARY}). Shall I save it, read the flight ` +
          "times and add both flights to your calendar?",
      }),
    )
      .oracle()
      .dependsOn(read, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, add the flights." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "HV4K9T" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const save = ev(this.email.download_attachments({ email_id: ITINERARY_EMAIL }))
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    const details = ev(this.files.read_document({ file_path: `/Downloads/${ITINERARY}` }))
      .oracle()
      .dependsOn(save, { delaySeconds: 2 });
    const out = ev(
      this.calendar.add_calendar_event({
        title: "Flight JS 412 Boston → Washington (DCA)",
        start_datetime: "2025-11-25 07:10:00",
        end_datetime: "2025-11-25 08:45:00",
        location: "Boston (BOS)",
        description: "Booking HV4K9T",
      }),
    )
      .oracle()
      .dependsOn(details, { delaySeconds: 2 });
    const back = ev(
      this.calendar.add_calendar_event({
        title: "Flight JS 419 Washington (DCA) → Boston",
        start_datetime: "2025-11-28 18:30:00",
        end_datetime: "2025-11-28 20:05:00",
        location: "Washington Reagan (DCA)",
        description: "Booking HV4K9T",
      }),
    )
      .oracle()
      .dependsOn(out, { delaySeconds: 2 });
    this.events = [itinerary, read, propose, accept, find, save, details, out, back];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const added = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" });
    const text = (e: (typeof added)[number]) => `${argText(e, "title")} ${argText(e, "description")}`;
    const flight = (start: string, number: string) =>
      added.some(
        (e) =>
          argText(e, "start_datetime").startsWith(start) &&
          mentionsAny(text(e), number, number.replace(" ", "")),
      );
    const unbooked = added.some((e) =>
      mentionsAny(text(e), "JS 410", "JS410", "JS 414", "JS414", "JS 417", "JS417"),
    );
    const removed = agentCalls(log, { className: "StatefulCalendarApp", function: "delete_calendar_event" });
    return new Checklist()
      .require(
        "a proposal to add the booked flights",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "flight", "itinerary", "e-ticket")),
      )
      .require("the outbound flight JS 412 on 25 Nov at 07:10", flight("2025-11-25 07:10", "JS 412"))
      .require("the return flight JS 419 on 28 Nov at 18:30", flight("2025-11-28 18:30", "JS 419"))
      .require("no event for a flight that was not booked", !unbooked)
      .require("no calendar event deleted", removed.length === 0)
      .verdict();
  }
}
