import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/**
 * A letting agent emails offering a viewing of Linden Court 3B, one of John's saved apartments, on Saturday
 * Nov 22 at 11:00. Saturday morning is free (a market trip ends at 10:00). Ideal help: offer to book it,
 * then add the viewing to the calendar and reply to the agent to confirm.
 */
@registerScenario("apartment_viewing_calendar")
export class ApartmentViewingCalendar extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "home-search";
  override description =
    "An agent offers a Saturday viewing of a saved apartment; add it to the calendar and confirm.";

  private apartments!: StatefulApartmentApp;
  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    const base = { property_type: "Apartment", lease_term: "1 year", floor_level: "Upper floors" };
    this.apartments.add_apartment({
      ...base,
      apartment_id: "apt-linden-3b",
      name: "Linden Court 3B",
      location: "Riverside, 48 Linden Street",
      zip_code: "30412",
      price: 2150,
      number_of_bedrooms: 2,
      number_of_bathrooms: 1,
      square_footage: 840,
      pet_policy: "Cats allowed",
      amenities: ["Elevator", "Bike storage"],
      saved: true,
    });
    this.apartments.add_apartment({
      ...base,
      apartment_id: "apt-harbor-loft",
      name: "Harbor View Loft",
      location: "Docklands, 9 Pier Road",
      zip_code: "30420",
      price: 2390,
      number_of_bedrooms: 1,
      number_of_bathrooms: 1,
      square_footage: 760,
      amenities: ["Gym"],
      saved: true,
    });
    this.apartments.add_apartment({
      ...base,
      name: "Linden Gardens 1A",
      location: "Old Town, 2 Linden Gardens",
      zip_code: "30401",
      price: 1890,
      number_of_bedrooms: 1,
      number_of_bathrooms: 1,
      square_footage: 610,
      floor_level: "Ground floor",
    });
    this.calendar.add_calendar_event({
      title: "Farmers market with Maya",
      start_datetime: "2025-11-22 08:30:00",
      end_datetime: "2025-11-22 10:00:00",
      attendees: ["Maya Lindqvist"],
    });
    this.calendar.add_calendar_event({
      title: "Climbing gym",
      start_datetime: "2025-11-22 15:00:00",
      end_datetime: "2025-11-22 17:00:00",
    });
    this.email.create_and_add_email_with_time({
      sender: "lettings@harborhomes.example",
      subject: "Harbor View Loft - still available",
      content: "The loft is still available. Viewings can be arranged on weekdays after 17:00.",
      email_time: "2025-11-17 14:30:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.apartments, this.email, this.calendar];
  }

  protected buildEventsFlow(): void {
    const offer = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-linden-viewing",
        sender: "nadia.okafor@brightkey-realty.example",
        subject: "Viewing: Linden Court, unit 3B",
        content:
          "Hello John,\n\nThanks for saving Linden Court 3B. I can show you the apartment this Saturday, " +
          "November 22, at 11:00 (about 30 minutes) at 48 Linden Street. Could you confirm that works?\n\n" +
          "Best regards,\nNadia Okafor\nBrightkey Realty",
      }),
    ).delayed(7);
    const saved = ev(this.apartments.list_saved_apartments()).oracle().dependsOn(offer, { delaySeconds: 3 });
    const saturday = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-22 00:00:00",
        end_datetime: "2025-11-23 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(saved, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Nadia from Brightkey offers a viewing of Linden Court 3B on Saturday Nov 22 at 11:00, and you're free then. " +
          "Shall I add it to your calendar and confirm with her?",
      }),
    )
      .oracle()
      .dependsOn(saturday, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it finds Nadia's email (her full name, the address, the id to reply to).
    const findEmail = ev(this.email.search_emails({ query: "Linden Court" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const add = ev(
      this.calendar.add_calendar_event({
        title: "Apartment viewing: Linden Court 3B",
        start_datetime: "2025-11-22 11:00:00",
        end_datetime: "2025-11-22 11:30:00",
        location: "48 Linden Street",
        attendees: ["Nadia Okafor"],
      }),
    )
      .oracle()
      .dependsOn(findEmail, { delaySeconds: 2 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: "email-linden-viewing",
        content: "Hi Nadia, Saturday at 11:00 works for me. See you at 48 Linden Street. Best, John",
      }),
    )
      .oracle()
      .dependsOn(add, { delaySeconds: 2 });
    this.events = [offer, saved, saturday, propose, accept, findEmail, add, reply];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const added = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" }).some(
      (e) =>
        argText(e, "start_datetime").startsWith("2025-11-22 11:00") &&
        mentionsAny(argText(e, "title") + argText(e, "description") + argText(e, "location"), "Linden"),
    );
    const replied = agentCalls(log, { className: "StatefulEmailApp", function: "reply_to_email" }).some(
      (e) => argText(e, "email_id") === "email-linden-viewing",
    );
    return new Checklist()
      .require(
        "a proposal about the Linden Court viewing",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Linden", "viewing")),
      )
      .require("a calendar event for the viewing on Saturday Nov 22 at 11:00", added)
      .require("a reply to Nadia's email", replied)
      .verdict();
  }
}
