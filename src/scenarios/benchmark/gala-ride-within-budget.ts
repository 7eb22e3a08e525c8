import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantRides, rideStartsBetween } from "../cab-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const HOME = "14 Alder Row";
const GALA = "Aster Hall, 1 Regent Parade";
/** November rides so far: $102 of the $120 monthly budget. */
const NOVEMBER: [string, string, number, string][] = [
  [HOME, "Brightfold Studio, 19 Foundry Square", 8.4, "2025-11-03 08:40:00"],
  ["Brightfold Studio, 19 Foundry Square", HOME, 8.4, "2025-11-03 18:10:00"],
  [HOME, "Halden Airport, Terminal 2", 23.6, "2025-11-07 05:50:00"],
  ["Halden Airport, Terminal 2", HOME, 23.6, "2025-11-10 22:15:00"],
  [HOME, "The Copper Fox, 3 Hythe Street", 12.5, "2025-11-14 19:30:00"],
  ["The Copper Fox, 3 Hythe Street", HOME, 12.5, "2025-11-14 23:45:00"],
  [HOME, "Crux Climbing, 201 Mill Road", 13, "2025-11-17 06:50:00"],
];

/**
 * No environment event: a reminder falls due at +20 s ("Book a cab to the Lumen Gala, doors 19:00, mind
 * the ride budget"). The budget note allows $120 of rides a month; this month's rides total $102, leaving
 * $18. The route home → Aster Hall is fixed by last month's Premium ride ($32, 16 km): Default $16, Van $24,
 * Premium $32. Ideal help: offer the Default ride at about 18:30 as the one that fits the remaining $18; on
 * acceptance book it.
 */
@registerScenario("gala_ride_within_budget")
export class GalaRideWithinBudget extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "cab-quotes";
  override description =
    "A due reminder says to book the gala cab; only the Default ride fits what is left of the monthly ride budget.";
  override additionalSystemPrompt =
    "You are John Doe. You keep strictly to your monthly ride budget, even for a gala; you'd like to arrive " +
    "around 19:00.";

  private cab!: StatefulCabApp;
  private notes!: StatefulNotesApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.notes = new StatefulNotesApp();
    this.reminders = new StatefulReminderApp();
    this.cab.add_new_ride({
      service_type: "Premium",
      start_location: HOME,
      end_location: GALA,
      price: 32,
      distance_km: 16,
      duration: 24,
      ride_time: "2025-10-11 18:40:00",
    });
    for (const [start, end, price, time] of NOVEMBER)
      this.cab.add_new_ride({
        service_type: "Default",
        start_location: start,
        end_location: end,
        price,
        distance_km: price,
        duration: Math.round(price * 1.6),
        ride_time: time,
      });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Ride budget",
      content:
        "Cabs: at most $120 per calendar month, everything included. Check the Cab app's history before " +
        "booking. October was $131, over budget again!",
      created_at: "2025-10-01 09:00:00",
      updated_at: "2025-11-01 08:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Gala outfit",
      content: "Navy suit from the cleaners, pick up Tuesday.",
      created_at: "2025-11-12 20:00:00",
    });
    this.reminders.add_reminder({
      title: "Book a cab to the Lumen Gala",
      due_datetime: "2025-11-18 09:00:20",
      description: `Gala at ${GALA}, doors 19:00. Mind the ride budget.`,
    });
    this.reminders.add_reminder({
      title: "Pick up suit from the cleaners",
      due_datetime: "2025-11-18 12:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.notes, this.reminders];
  }

  protected buildEventsFlow(): void {
    const budget = ev(this.notes.search_notes({ query: "budget" }))
      .oracle()
      .delayed(25);
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(budget, { delaySeconds: 1 });
    const quotes = ev(
      this.cab.list_rides({ start_location: HOME, end_location: GALA, ride_time: "2025-11-18 18:30:00" }),
    )
      .oracle()
      .dependsOn(history, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Time to book the cab to the Lumen Gala. Your November rides total $102 of your $120 budget, so $18 " +
          "is left: a Default cab to Aster Hall costs $16 (Premium would be $32). Shall I book Default from " +
          "14 Alder Row at 18:30?",
      }),
    )
      .oracle()
      .dependsOn(quotes, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, Default at 18:30." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const book = ev(
      this.cab.order_ride({
        start_location: HOME,
        end_location: GALA,
        service_type: "Default",
        ride_time: "2025-11-18 18:30:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [budget, history, quotes, propose, accept, book];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const rides = assistantRides(env);
    const left = 120 - NOVEMBER.reduce((sum, [, , price]) => sum + price, 0);
    const good = rides.find(
      (r) =>
        mentionsAny(r.start_location, "Alder") &&
        mentionsAny(r.end_location, "Aster", "Regent") &&
        r.price <= left &&
        rideStartsBetween(r, "2025-11-18 18:00:00", "2025-11-18 18:45:00"),
    );
    return new Checklist()
      .require(
        "a proposal about the gala ride and the budget",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "budget", "$18", "18 left", "left")),
      )
      .require(
        "one ride to Aster Hall within the $18 left, arriving around 19:00",
        !!good && rides.length === 1,
      )
      .verdict();
  }
}
