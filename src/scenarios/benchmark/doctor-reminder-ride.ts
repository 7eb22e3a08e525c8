import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/** Omitted means "now", which is also early enough. */
const pickupBetween = (text: string, from: string, to: string): boolean => {
  if (text.trim() === "") return true;
  const t = parseDateTime(text);
  return t !== null && t >= (parseDateTime(from) as number) && t <= (parseDateTime(to) as number);
};

/**
 * At +8 s the clinic's booking system adds a reminder, due at once, for a 10:30 dermatology
 * appointment at 240 Fenwick Avenue, to be reached by cab from home (6 Orchard Row). Ideal help:
 * offer a ride that gets the user there ahead of time and, on acceptance, book it (pickup 09:00-09:50).
 */
@registerScenario("doctor_reminder_ride")
export class DoctorReminderRide extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "travel";
  override description =
    "A reminder for a morning doctor's appointment appears; book a cab there from home ahead of time.";
  override additionalSystemPrompt =
    "You are John Doe, at home at 6 Orchard Row this morning. You do not drive and want to be at the " +
    "clinic a little early for your appointment.";

  private reminders!: StatefulReminderApp;
  private cab!: StatefulCabApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.reminders = new StatefulReminderApp();
    this.cab = new StatefulCabApp();
    this.reminders.create_reminder_with_time({
      title: "Water the balcony herbs",
      due_datetime: "2025-11-19 08:00:00",
      description: "Basil and thyme, not the cactus.",
    });
    this.reminders.create_reminder_with_time({
      title: "Return library books",
      due_datetime: "2025-11-21 17:00:00",
      description: "Two novels and the bread-baking book, Westfield branch.",
    });
    this.reminders.create_reminder_with_time({
      title: "Call the plumber about the boiler",
      due_datetime: "2025-11-17 10:00:00",
      description: "Ask for a quote for the annual service.",
      already_notified: true,
    });
    const rides: [string, string, string, number, number][] = [
      ["6 Orchard Row", "Westfield Library", "2025-11-07 16:20:00", 7.6, 3.8],
      ["6 Orchard Row", "Harbour Cinema", "2025-11-09 19:10:00", 13.4, 6.7],
      ["Harbour Cinema", "6 Orchard Row", "2025-11-09 22:35:00", 13.4, 6.7],
    ];
    for (const [start, end, time, price, km] of rides)
      this.cab.add_new_ride({
        service_type: "Default",
        start_location: start,
        end_location: end,
        price,
        distance_km: km,
        duration: Math.round(km * 2.5),
        ride_time: time,
      });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.reminders, this.cab];
  }

  protected buildEventsFlow(): void {
    const added = ev(
      this.reminders.add_reminder({
        title: "Dermatology appointment - Dr. Amara Osei",
        due_datetime: "2025-11-18 09:00:10",
        description:
          "Appointment today at 10:30 at Lakeside Medical Centre, 240 Fenwick Avenue (3rd floor). Please " +
          "arrive 10 minutes early to fill in the intake form. Parking is very limited - we recommend a " +
          "taxi from home (6 Orchard Row).",
      }),
    )
      .withId("clinic_reminder")
      .delayed(8);
    const check = ev(this.reminders.get_due_reminders()).oracle().dependsOn(added, { delaySeconds: 4 });
    const quote = ev(
      this.cab.get_quotation({
        start_location: "6 Orchard Row",
        end_location: "Lakeside Medical Centre, 240 Fenwick Avenue",
        service_type: "Default",
        ride_time: "2025-11-18 09:45:00",
      }),
    )
      .oracle()
      .dependsOn(check, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "You have a dermatology appointment with Dr. Osei at 10:30 at Lakeside Medical Centre, 240 Fenwick " +
          "Avenue, and the clinic recommends a taxi. Shall I book a cab from 6 Orchard Row at 09:45 so you " +
          "arrive early?",
      }),
    )
      .oracle()
      .dependsOn(quote, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, please book it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const book = ev(
      this.cab.order_ride({
        start_location: "6 Orchard Row",
        end_location: "Lakeside Medical Centre, 240 Fenwick Avenue",
        service_type: "Default",
        ride_time: "2025-11-18 09:45:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [added, check, quote, propose, accept, book];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const booked = agentCalls(log, { className: "StatefulCabApp", function: "order_ride" }).some(
      (e) =>
        mentionsAny(argText(e, "start_location"), "Orchard Row") &&
        mentionsAny(argText(e, "end_location"), "Fenwick", "Lakeside Medical") &&
        pickupBetween(argText(e, "ride_time"), "2025-11-18 09:00:00", "2025-11-18 09:50:00"),
    );
    return new Checklist()
      .require(
        "a proposal of a cab to the appointment",
        proposals(log).some(
          (e) =>
            mentionsAny(argText(e, "content"), "ride", "cab", "taxi") &&
            mentionsAny(argText(e, "content"), "appointment", "Osei", "Lakeside", "Fenwick", "clinic"),
        ),
      )
      .require("a ride from 6 Orchard Row to 240 Fenwick Avenue picking up by 09:50", booked)
      .verdict();
  }
}
