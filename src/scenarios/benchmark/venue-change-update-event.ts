import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAll, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const OLD_ROOM = "Conference Room B, Halden Tower, 1200 Harbor Blvd";

/**
 * The organiser of Thursday's service-design workshop emails that it moves to another building; the
 * same email says next week's accessibility lab stays where it is. Ideal help: offer to update the
 * workshop's location and, on acceptance, edit that event (and only that one).
 */
@registerScenario("venue_change_update_event")
export class VenueChangeUpdateEvent extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "scheduling";
  override description =
    "The organiser emails that Thursday's workshop moved to a new room and address; update the event's location.";

  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;
  private workshopId = "";
  private labId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    [this.workshopId, this.labId] = this.calendar.add_calendar_events({
      events: [
        {
          title: "Service Design Workshop",
          start_datetime: "2025-11-20 09:30:00",
          end_datetime: "2025-11-20 12:30:00",
          location: OLD_ROOM,
          attendees: ["Beatriz Oyelaran", "Kenji Morrow", "Sade Ilori"],
          tag: "Work",
        },
        {
          title: "Accessibility Lab",
          start_datetime: "2025-11-25 14:00:00",
          end_datetime: "2025-11-25 16:00:00",
          location: OLD_ROOM,
          attendees: ["Beatriz Oyelaran"],
          tag: "Work",
        },
      ],
    }) as [string, string];
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Lunch with Kenji",
          start_datetime: "2025-11-20 12:45:00",
          end_datetime: "2025-11-20 13:45:00",
          location: "Noodle Bar on 5th",
        },
        { title: "Physio", start_datetime: "2025-11-19 18:00:00", end_datetime: "2025-11-19 18:45:00" },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          sender: "beatriz.oyelaran@designguild.example",
          subject: "Service Design Workshop - pre-reading",
          content: "Hi all, please skim the two case studies before Thursday. Beatriz",
          attachments: ["case-studies.pdf"],
          time: "2025-11-13 10:00:00",
        },
        {
          sender: "facilities@haldentower.example",
          subject: "Lift maintenance",
          content: "The east lifts in Halden Tower are out of service on 19 November.",
          time: "2025-11-17 08:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar];
  }

  protected buildEventsFlow(): void {
    const notice = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-workshop-room-change",
        sender: "beatriz.oyelaran@designguild.example",
        subject: "Room change: Thursday's Service Design Workshop",
        content:
          "Hi all,\n\nConference Room B is being refurbished, so Thursday's Service Design Workshop " +
          "(20 Nov, 09:30-12:30, unchanged) moves to Foundry Hall, 2nd floor, 455 Canal Street. " +
          "Next week's Accessibility Lab stays in Room B as planned.\n\nSee you there,\nBeatriz",
      }),
    )
      .withId("room_change")
      .delayed(10);
    const find = ev(this.calendar.search_events({ query: "Service Design" }))
      .oracle()
      .dependsOn(notice, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Beatriz moved Thursday's Service Design Workshop to Foundry Hall, 2nd floor, 455 Canal Street " +
          "(same time). Shall I update the location in your calendar?",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, update it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const edit = ev(
      this.calendar.edit_calendar_event({
        event_id: this.workshopId,
        location: "Foundry Hall, 2nd floor, 455 Canal Street",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [notice, find, propose, accept, edit];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const edited = agentCalls(log, {
      className: "StatefulCalendarApp",
      function: "edit_calendar_event",
    }).some(
      (e) => argText(e, "event_id") === this.workshopId && mentionsAll(argText(e, "location"), "455 Canal"),
    );
    const calendar = env.getAppByClass(StatefulCalendarApp);
    const workshop = calendar
      ?.eventsBetween(0, Number.MAX_SAFE_INTEGER)
      .find((e) => e.event_id === this.workshopId);
    const lab = calendar?.eventsBetween(0, Number.MAX_SAFE_INTEGER).find((e) => e.event_id === this.labId);
    return new Checklist()
      .require(
        "a proposal about the workshop's new venue",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Foundry", "Canal")),
      )
      .require("the workshop's location set to Foundry Hall, 455 Canal Street", edited)
      .require(
        "the workshop keeps its Thursday 09:30 slot",
        workshop !== undefined &&
          workshop.start_datetime === parseDateTime("2025-11-20 09:30:00") &&
          mentionsAll(workshop.location ?? "", "Canal"),
      )
      .require("next week's Accessibility Lab left in Room B", lab?.location === OLD_ROOM)
      .verdict();
  }
}
