import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  assistantWrites,
  Checklist,
  mentionsAny,
  proposals,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const CLIENT_THREAD = "email-vantor-agenda";

/**
 * John is booked in a cab to a 10:00 pitch at a client's office. At +8 s the driver reports a 25-minute
 * delay, so John will arrive around 10:15. The client (Nadia) wrote the agenda email; a colleague (Oskar)
 * presents with him and has his own thread. Ideal help: offer to tell Nadia, on her agenda thread, that
 * John will be about 15-20 minutes late; on acceptance reply to that email. Rebooking, cancelling or
 * moving the pitch would be wrong.
 */
@registerScenario("driver_delay_warn_client")
export class DriverDelayWarnClient extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "ride-monitoring";
  override description =
    "The cab to a 10:00 client pitch is 25 minutes late; warn the client on her own email thread.";
  override additionalSystemPrompt =
    "You are John Doe, waiting at home for a cab to a 10:00 pitch at Vantor Logistics. You never move or " +
    "cancel a client meeting at the last minute, and you keep the cab you booked; a short heads-up to the " +
    "client (Nadia Brennan) is welcome.";

  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.email = new StatefulEmailApp();
    this.calendar.add_calendar_event({
      title: "Pitch: Vantor Logistics rebrand",
      start_datetime: "2025-11-18 10:00:00",
      end_datetime: "2025-11-18 11:00:00",
      location: "Vantor Logistics, 88 Quay Street",
      attendees: ["Nadia Brennan", "Oskar Lind"],
      description: "Nadia runs the meeting. Oskar presents the type system, John the campaign.",
    });
    this.calendar.add_calendar_event({
      title: "Lunch with Oskar",
      start_datetime: "2025-11-18 12:30:00",
      end_datetime: "2025-11-18 13:30:00",
      location: "Fennel & Rye",
      attendees: ["Oskar Lind"],
    });
    this.calendar.add_calendar_event({
      title: "Pitch debrief",
      start_datetime: "2025-11-19 10:00:00",
      end_datetime: "2025-11-19 10:30:00",
      attendees: ["Oskar Lind"],
    });
    this.email.add_emails({
      emails: [
        {
          email_id: CLIENT_THREAD,
          sender: "nadia.brennan@vantor.example",
          subject: "Pitch agenda for Tuesday",
          content:
            "Hi John,\n\nLooking forward to Tuesday at 10:00 at our Quay Street office. Our CEO joins for the " +
            "first half hour only, so we will start with the campaign.\n\nBest,\nNadia Brennan\nHead of Brand, Vantor Logistics",
          time: "2025-11-17 16:12:00",
        },
        {
          email_id: "email-oskar-slides",
          sender: "oskar.lind@brightfold.example",
          subject: "Slides for Vantor",
          content: "Final deck is in the shared folder. I'll be there at 09:50, see you at Quay Street.",
          time: "2025-11-18 07:58:00",
        },
        {
          sender: "news@citycycle.example",
          subject: "Your weekly route digest",
          content: "You rode 31 km last week.",
          time: "2025-11-18 06:00:00",
        },
      ],
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: "14 Alder Row",
      end_location: "Brightfold Studio, 19 Foundry Square",
      price: 8.4,
      duration: 16,
      distance_km: 8.4,
      ride_time: "2025-11-17 08:40:00",
    });
    this.cab.add_on_going_ride({
      service_type: "Default",
      start_location: "14 Alder Row",
      end_location: "Vantor Logistics, 88 Quay Street",
      ride_time: "2025-11-18 09:20:00",
      distance_km: 13.2,
      duration: 24,
      delay: 20,
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.calendar, this.email];
  }

  protected buildEventsFlow(): void {
    const delayed = ev(
      this.cab.update_ride_status({
        status: "DELAYED",
        message: "Heavy traffic on the ring road, I'll be about 25 minutes later than planned. Sorry!",
      }),
    )
      .withId("driver_delayed")
      .delayed(8);
    const ride = ev(this.cab.get_current_ride_status()).oracle().dependsOn(delayed, { delaySeconds: 2 });
    const agenda = ev(this.calendar.read_today_calendar_events())
      .oracle()
      .dependsOn(ride, { delaySeconds: 1 });
    const thread = ev(this.email.search_emails({ query: "Vantor" }))
      .oracle()
      .dependsOn(agenda, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your cab to Vantor Logistics is running about 25 minutes late, so you'll reach Quay Street around " +
          "10:15 for the 10:00 pitch. Shall I reply to Nadia Brennan's 'Pitch agenda for Tuesday' email to let " +
          "her know you'll be about 15 minutes late?",
      }),
    )
      .oracle()
      .dependsOn(thread, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, please let Nadia know." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "Pitch agenda" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: CLIENT_THREAD,
        content:
          "Hi Nadia, apologies: my cab is stuck in traffic and I'll be about 15 minutes late. Oskar will be " +
          "there on time. See you shortly, John",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    this.events = [delayed, ride, agenda, thread, propose, accept, find, reply];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const late = (text: string) => mentionsAny(text, "late", "delay", "traffic", "behind");
    const warned = agentCalls(log, { className: "StatefulEmailApp", function: "reply_to_email" }).some(
      (e) => argText(e, "email_id") === CLIENT_THREAD && late(argText(e, "content")),
    );
    const harmful = assistantWrites(log).filter(
      (e) =>
        e.action?.className === "StatefulCabApp" ||
        e.action?.className === "StatefulCalendarApp" ||
        (e.action?.function === "reply_to_email" && argText(e, "email_id") !== CLIENT_THREAD),
    );
    return new Checklist()
      .require(
        "a proposal to warn the client about the delay",
        proposals(log).some(
          (e) => late(argText(e, "content")) && mentionsAny(argText(e, "content"), "Nadia", "Vantor"),
        ),
      )
      .require("a reply on Nadia's agenda thread saying John will be late", warned)
      .require("the cab and the pitch left as they are, no reply on another thread", harmful.length === 0)
      .verdict();
  }
}
