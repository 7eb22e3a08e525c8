import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantRides, rideStartsBetween } from "../cab-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  assistantWrites,
  Checklist,
  mentionsAny,
  proposals,
  timeBetween,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const OFFICE = "Brightmoor Tower, 5 Canal Street";
const FLAT = "12 Fenwick Court, Harlow Park";

/**
 * A letting agent confirms a viewing of the saved Fenwick Court 8 today at 17:30 but gives no address; the
 * listing has it (12 Fenwick Court; Fenwick Gardens is a near miss). John's calendar has him in a meeting at the
 * office until 17:00. He does not drive. Ideal help: offer a cab from the office right after the meeting and
 * to put the viewing in the calendar; book a Default ride leaving 17:00-17:15 and add the event.
 */
@registerScenario("viewing_cab_from_office")
export class ViewingCabFromOffice extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "home-search";
  override description =
    "An agent confirms a 17:30 viewing today; book a cab from the office after the 17:00 meeting to the listing's address and add the viewing.";
  override additionalSystemPrompt =
    "You are John Doe. You don't drive and take the standard (Default) cab when you're short of time; you " +
    "never leave meetings early.";

  private apartments!: StatefulApartmentApp;
  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.email = new StatefulEmailApp();
    const flat = {
      zip_code: "60812",
      number_of_bathrooms: 1,
      property_type: "Apartment",
      lease_term: "1 year",
    };
    this.apartments.add_apartment({
      ...flat,
      apartment_id: "apt-fenwick-court-8",
      name: "Fenwick Court 8",
      location: FLAT,
      price: 1810,
      number_of_bedrooms: 2,
      square_footage: 720,
      saved: true,
    });
    this.apartments.add_apartment({
      ...flat,
      apartment_id: "apt-fenwick-gardens-3",
      name: "Fenwick Gardens 3",
      location: "40 Fenwick Gardens, Harlow Park",
      price: 1760,
      number_of_bedrooms: 2,
      square_footage: 700,
      saved: true,
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Quarterly planning",
          start_datetime: "2025-11-18 15:30:00",
          end_datetime: "2025-11-18 17:00:00",
          location: OFFICE,
          attendees: ["Moira Quist", "Devon Achterberg"],
        },
        {
          title: "Stand-up",
          start_datetime: "2025-11-18 09:30:00",
          end_datetime: "2025-11-18 09:45:00",
          location: OFFICE,
        },
        {
          title: "Pottery class",
          start_datetime: "2025-11-18 19:30:00",
          end_datetime: "2025-11-18 21:00:00",
          location: "Kiln Works, Harlow Park",
        },
      ],
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: OFFICE,
      end_location: "Kiln Works, Harlow Park",
      price: 11.4,
      distance_km: 7.6,
      duration: 18,
      ride_time: "2025-11-11 19:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.apartments, this.calendar, this.cab];
  }

  protected buildEventsFlow(): void {
    const confirmed = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-fenwick-viewing",
        sender: "viewings@harlowpark-homes.example",
        subject: "Viewing confirmed: Fenwick Court 8",
        content:
          "Hi John,\n\nYou're booked to view Fenwick Court 8 today, Tuesday 18 November, at 17:30. I'll meet you " +
          "at the front door.\n\nOwen, Harlow Park Homes",
      }),
    )
      .withId("viewing_confirmed")
      .delayed(7);
    const listing = ev(this.apartments.search_apartments({ name: "Fenwick Court" }))
      .oracle()
      .dependsOn(confirmed, { delaySeconds: 3 });
    const today = ev(this.calendar.read_today_calendar_events())
      .oracle()
      .dependsOn(listing, { delaySeconds: 1 });
    const quote = ev(
      this.cab.get_quotation({
        start_location: OFFICE,
        end_location: FLAT,
        service_type: "Default",
        ride_time: "2025-11-18 17:05:00",
      }),
    )
      .oracle()
      .dependsOn(today, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `Your Fenwick Court 8 viewing is today at 17:30 at ${FLAT}, and your planning meeting at ${OFFICE} ends ` +
          "at 17:00. Shall I book a Default cab from the office at 17:05 and add the viewing to your calendar?",
      }),
    )
      .oracle()
      .dependsOn(quote, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const book = ev(
      this.cab.order_ride({
        start_location: OFFICE,
        end_location: FLAT,
        service_type: "Default",
        ride_time: "2025-11-18 17:05:00",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const add = ev(
      this.calendar.add_calendar_event({
        title: "Viewing: Fenwick Court 8",
        start_datetime: "2025-11-18 17:30:00",
        end_datetime: "2025-11-18 18:00:00",
        location: FLAT,
      }),
    )
      .oracle()
      .dependsOn(book, { delaySeconds: 1 });
    this.events = [confirmed, listing, today, quote, propose, accept, book, add];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const rides = assistantRides(env);
    const ride = rides.find(
      (r) =>
        mentionsAny(r.start_location, "Canal Street", "Brightmoor") &&
        mentionsAny(r.end_location, "Fenwick Court") &&
        rideStartsBetween(r, "2025-11-18 17:00:00", "2025-11-18 17:15:00"),
    );
    const adds = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" });
    return new Checklist()
      .require(
        "a proposal about getting to the viewing",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "cab", "ride")),
      )
      .require(
        "one cab from the office to 12 Fenwick Court leaving 17:00-17:15 (not before the meeting ends)",
        !!ride && rides.length === 1,
      )
      .require(
        "the viewing added at 17:30 today",
        adds.length === 1 &&
          adds.every((e) =>
            timeBetween(argText(e, "start_datetime"), "2025-11-18 17:30:00", "2025-11-18 17:30:00"),
          ),
      )
      .require(
        "nothing else changed",
        assistantWrites(log).every((e) =>
          ["order_ride", "add_calendar_event"].includes(e.action?.function ?? ""),
        ),
      )
      .verdict();
  }
}
