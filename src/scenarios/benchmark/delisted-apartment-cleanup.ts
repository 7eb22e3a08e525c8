import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/**
 * John saved two apartments and booked viewings for both; each viewing event names its listing id. The
 * Quarry Lane listing is taken down. Ideal help: notice the orphaned Thursday viewing, offer to remove it,
 * and delete that event only (the Orchard Mews viewing stays).
 */
@registerScenario("delisted_apartment_cleanup")
export class DelistedApartmentCleanup extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "home-search";
  override description =
    "A saved listing is taken down while its viewing is in the calendar; delete the viewing.";

  private apartments!: StatefulApartmentApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;
  private quarryViewingId = "";
  private orchardViewingId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.calendar = new StatefulCalendarApp();
    const common = { zip_code: "30433", property_type: "Apartment", lease_term: "1 year", saved: true };
    this.apartments.add_apartment({
      ...common,
      apartment_id: "apt-5512",
      name: "Quarry Lane Flat",
      location: "Hillcrest, 7 Quarry Lane",
      price: 1980,
      number_of_bedrooms: 2,
      number_of_bathrooms: 1,
      square_footage: 790,
      amenities: ["Parking"],
    });
    this.apartments.add_apartment({
      ...common,
      apartment_id: "apt-5630",
      name: "Orchard Mews 12",
      location: "Hillcrest, 12 Orchard Mews",
      price: 2040,
      number_of_bedrooms: 2,
      number_of_bathrooms: 1,
      square_footage: 815,
      amenities: ["Garden"],
    });
    this.apartments.add_apartment({
      ...common,
      apartment_id: "apt-5701",
      name: "Tannery Row 3",
      location: "Mill District",
      price: 1850,
      number_of_bedrooms: 1,
      number_of_bathrooms: 1,
      square_footage: 600,
      saved: false,
    });
    this.quarryViewingId = this.calendar.add_calendar_event({
      title: "Apartment viewing",
      start_datetime: "2025-11-20 17:30:00",
      end_datetime: "2025-11-20 18:00:00",
      location: "7 Quarry Lane, Hillcrest",
      description: "Listing apt-5512 (Quarry Lane Flat). Ask about parking and heating costs.",
      attendees: ["Piotr Malinowski"],
    });
    this.orchardViewingId = this.calendar.add_calendar_event({
      title: "Apartment viewing",
      start_datetime: "2025-11-22 10:00:00",
      end_datetime: "2025-11-22 10:30:00",
      location: "12 Orchard Mews, Hillcrest",
      description: "Listing apt-5630 (Orchard Mews 12). Bring ID.",
      attendees: ["Grace Adeyemi"],
    });
    this.calendar.add_calendar_event({
      title: "Dinner with Darius",
      start_datetime: "2025-11-20 19:30:00",
      end_datetime: "2025-11-20 21:00:00",
      location: "Osteria Lume",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.apartments, this.calendar];
  }

  protected buildEventsFlow(): void {
    const delisted = ev(this.apartments.delete_apartment({ apartment_id: "apt-5512" })).delayed(10);
    const find = ev(this.calendar.search_events({ query: "apt-5512" }))
      .oracle()
      .dependsOn(delisted, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Quarry Lane Flat (apt-5512) was taken off the market, but its viewing is still in your calendar on Thursday Nov 20 at 17:30. " +
          "Shall I delete that viewing?",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, remove it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const remove = ev(this.calendar.delete_calendar_event({ event_id: this.quarryViewingId }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [delisted, find, propose, accept, remove];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const deleted = agentCalls(log, {
      className: "StatefulCalendarApp",
      function: "delete_calendar_event",
    }).map((e) => argText(e, "event_id"));
    return new Checklist()
      .require(
        "a proposal about the Quarry Lane viewing",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Quarry", "apt-5512")),
      )
      .require("the Quarry Lane viewing deleted", deleted.includes(this.quarryViewingId))
      .require("the Orchard Mews viewing kept", !deleted.includes(this.orchardViewingId))
      .verdict();
  }
}
