import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantRides, rideStartsBetween } from "../cab-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, assistantWrites, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const HOME = "31 Pellow Street, Eastwick";
const NEW_FLAT = "4 Harrow Mews, Eastwick";

/**
 * No environment event: a reminder seeded due at +20 s says to book a van cab for Saturday's move. The new
 * flat's address is in the saved listing (Harrow Mews 4; Harrow Court 2 is a saved near-miss), the landlord
 * meets John there at 10:00 on Saturday 29 Nov (calendar), and home is where his past rides start. Ideal help:
 * quote a Van from home to the new flat so it arrives before 10:00, offer it and book it.
 */
@registerScenario("moving_day_van_booking")
export class MovingDayVanBooking extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "home-search";
  override description =
    "A due reminder says to book the moving-day van; book a Van from home to the new flat's address, arriving before the landlord's 10:00 handover.";
  override additionalSystemPrompt =
    "You are John Doe, moving on Saturday with about twenty boxes: you need the Van service, and you want to " +
    "arrive a little before the landlord does.";

  private apartments!: StatefulApartmentApp;
  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.reminders = new StatefulReminderApp();
    const flat = { number_of_bathrooms: 1, property_type: "Apartment", lease_term: "1 year", saved: true };
    this.apartments.add_apartment({
      ...flat,
      apartment_id: "apt-harrow-mews-4",
      name: "Harrow Mews 4 (signed)",
      location: NEW_FLAT,
      zip_code: "20417",
      price: 1580,
      number_of_bedrooms: 1,
      square_footage: 560,
    });
    this.apartments.add_apartment({
      ...flat,
      apartment_id: "apt-harrow-court-2",
      name: "Harrow Court 2",
      location: "2 Harrow Court, Eastwick",
      zip_code: "20418",
      price: 1620,
      number_of_bedrooms: 1,
      square_footage: 575,
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: "Eastwick Central Station",
      price: 9.2,
      distance_km: 6.1,
      duration: 14,
      ride_time: "2025-11-10 07:40:00",
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: NEW_FLAT,
      price: 7.8,
      distance_km: 5.2,
      duration: 13,
      ride_time: "2025-11-08 11:00:00",
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Moving day: landlord hands over keys at Harrow Mews 4",
          start_datetime: "2025-11-29 10:00:00",
          end_datetime: "2025-11-29 10:30:00",
          location: NEW_FLAT,
        },
        {
          title: "Return van-hire quote call",
          start_datetime: "2025-11-19 12:00:00",
          end_datetime: "2025-11-19 12:15:00",
        },
        {
          title: "Housewarming drinks",
          start_datetime: "2025-11-29 19:00:00",
          end_datetime: "2025-11-29 23:00:00",
          location: NEW_FLAT,
        },
      ],
    });
    this.reminders.add_reminder({
      title: "Book the moving-day van cab",
      due_datetime: "2025-11-18 09:00:20",
      description: "Saturday's move: boxes from home to the new flat, be there before the landlord.",
    });
    this.reminders.add_reminder({
      title: "Buy packing tape",
      due_datetime: "2025-11-20 17:00:00",
    });
    this.apps = [
      this.aui,
      new HomeScreenSystemApp(),
      this.reminders,
      this.apartments,
      this.calendar,
      this.cab,
    ];
  }

  protected buildEventsFlow(): void {
    const flat = ev(this.apartments.list_saved_apartments()).oracle().delayed(25);
    const day = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-29 00:00:00",
        end_datetime: "2025-11-30 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(flat, { delaySeconds: 1 });
    const history = ev(this.cab.get_ride_history({ offset: 0, limit: 10 }))
      .oracle()
      .dependsOn(day, { delaySeconds: 1 });
    const quote = ev(
      this.cab.get_quotation({
        start_location: HOME,
        end_location: NEW_FLAT,
        service_type: "Van",
        ride_time: "2025-11-29 09:30:00",
      }),
    )
      .oracle()
      .dependsOn(history, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `Your reminder says to book the moving-day van. The landlord meets you at ${NEW_FLAT} on Saturday ` +
          `29 Nov at 10:00. Shall I book a Van from ${HOME} at 09:30 on Saturday so you arrive before 10:00?`,
      }),
    )
      .oracle()
      .dependsOn(quote, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, book the van." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const book = ev(
      this.cab.order_ride({
        start_location: HOME,
        end_location: NEW_FLAT,
        service_type: "Van",
        ride_time: "2025-11-29 09:30:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [flat, day, history, quote, propose, accept, book];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const rides = assistantRides(env);
    const good = rides.find(
      (r) =>
        r.service_type === "Van" &&
        mentionsAny(r.start_location, "Pellow") &&
        mentionsAny(r.end_location, "Harrow Mews") &&
        rideStartsBetween(r, "2025-11-29 08:45:00", "2025-11-29 09:45:00"),
    );
    return new Checklist()
      .require(
        "a proposal about the moving-day van",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "van")),
      )
      .require(
        "one Van from 31 Pellow Street to 4 Harrow Mews on Saturday 29 Nov, 08:45-09:45",
        !!good && rides.length === 1,
      )
      .require(
        "nothing else changed",
        assistantWrites(log).every((e) => e.action?.function === "order_ride"),
      )
      .verdict();
  }
}
