import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { favouritesChangedExactly } from "../apartment-verdicts.js";
import { calendarEvent } from "../calendar-verdicts.js";
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

const SIGNED = "apt-cobalt-street-3";
const OTHERS = ["apt-dunmore-place-7", "apt-saltmarsh-lofts-b", "apt-ivy-terrace-12"];
const SAVED = [SIGNED, ...OTHERS];

/**
 * John has four saved listings and upcoming viewings for two of them (Dunmore Place on Wednesday, Saltmarsh
 * Lofts on Friday). The agent of the fourth, Cobalt Street 3, emails that both parties have signed. His persona:
 * once a lease is signed, the search is over. Ideal help: offer to clear the other three favourites and delete
 * the two now pointless viewings; keep Cobalt Street saved, its key handover and the unrelated gallery
 * 'private viewing'.
 */
@registerScenario("lease_signed_tidy_favourites")
export class LeaseSignedTidyFavourites extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "home-search";
  override description =
    "The lease for one saved flat is signed; drop the other favourites and delete their upcoming viewings, keeping the handover.";
  override additionalSystemPrompt =
    "You are John Doe. Once a lease is signed your flat search is over: you want the other saved listings and " +
    "their viewings out of the way, but nothing else in your calendar touched.";

  private apartments!: StatefulApartmentApp;
  private calendar!: StatefulCalendarApp;
  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;
  private dunmoreViewing = "";
  private saltmarshViewing = "";
  private keep: string[] = [];

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.calendar = new StatefulCalendarApp();
    this.email = new StatefulEmailApp();
    const flat = { number_of_bathrooms: 1, property_type: "Apartment", lease_term: "1 year", saved: true };
    this.apartments.add_apartment({
      ...flat,
      apartment_id: SIGNED,
      name: "Cobalt Street 3",
      location: "Cobalt Street, Northbank",
      zip_code: "55012",
      price: 1640,
      number_of_bedrooms: 1,
      square_footage: 600,
    });
    const others: [string, string, string, number][] = [
      [OTHERS[0] as string, "Dunmore Place 7", "Dunmore Place, Northbank", 1710],
      [OTHERS[1] as string, "Saltmarsh Lofts B", "Saltmarsh Quay", 1590],
      [OTHERS[2] as string, "Ivy Terrace 12", "Ivy Terrace, Westcroft", 1680],
    ];
    for (const [id, name, location, price] of others)
      this.apartments.add_apartment({
        ...flat,
        apartment_id: id,
        name,
        location,
        zip_code: "55020",
        price,
        number_of_bedrooms: 1,
        square_footage: 580,
      });
    this.apartments.add_apartment({
      ...flat,
      saved: false,
      apartment_id: "apt-cobalt-street-9",
      name: "Cobalt Street 9",
      location: "Cobalt Street, Northbank",
      zip_code: "55012",
      price: 1720,
      number_of_bedrooms: 2,
      square_footage: 720,
    });
    this.dunmoreViewing = this.calendar.add_calendar_event({
      title: "Viewing: Dunmore Place 7",
      start_datetime: "2025-11-19 18:00:00",
      end_datetime: "2025-11-19 18:30:00",
      location: "Dunmore Place, Northbank",
    });
    this.saltmarshViewing = this.calendar.add_calendar_event({
      title: "Viewing: Saltmarsh Lofts B",
      start_datetime: "2025-11-21 12:30:00",
      end_datetime: "2025-11-21 13:00:00",
      location: "Saltmarsh Quay",
    });
    this.keep = [
      this.calendar.add_calendar_event({
        title: "Key handover: Cobalt Street 3",
        start_datetime: "2025-12-01 10:00:00",
        end_datetime: "2025-12-01 10:30:00",
        location: "Cobalt Street, Northbank",
      }),
      this.calendar.add_calendar_event({
        title: "Private viewing: Hollis Gallery winter show",
        start_datetime: "2025-11-20 19:00:00",
        end_datetime: "2025-11-20 21:00:00",
        location: "Hollis Gallery",
      }),
      this.calendar.add_calendar_event({
        title: "Viewing: Cobalt Street 3",
        start_datetime: "2025-11-14 17:00:00",
        end_datetime: "2025-11-14 17:30:00",
        location: "Cobalt Street, Northbank",
      }),
    ];
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.apartments, this.calendar];
  }

  protected buildEventsFlow(): void {
    const signed = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-cobalt-signed",
        sender: "team@northbank-lets.example",
        subject: "Fully signed: Cobalt Street 3",
        content:
          "Hi John,\n\nThe landlord has signed too, so your lease for Cobalt Street 3 is complete. See you at the " +
          "key handover on 1 December at 10:00.\n\nPriya, Northbank Lets",
      }),
    )
      .withId("cobalt_signed")
      .delayed(9);
    const saved = ev(this.apartments.list_saved_apartments()).oracle().dependsOn(signed, { delaySeconds: 3 });
    const viewings = ev(this.calendar.search_events({ query: "Viewing" }))
      .oracle()
      .dependsOn(saved, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Your Cobalt Street 3 lease is fully signed. Shall I remove the other saved listings (Dunmore Place 7, " +
          "Saltmarsh Lofts B, Ivy Terrace 12) from your favourites and delete the viewings of Dunmore Place 7 " +
          "(Wed 19 Nov 18:00) and Saltmarsh Lofts B (Fri 21 Nov 12:30)? Cobalt Street 3, its key handover and the " +
          "Hollis Gallery private viewing stay.",
      }),
    )
      .oracle()
      .dependsOn(viewings, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, clear them out." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const listAgain = ev(this.apartments.list_saved_apartments())
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    let prev: Event = listAgain;
    const removals: Event[] = [];
    for (const id of OTHERS) {
      prev = ev(this.apartments.remove_saved_apartment({ apartment_id: id }))
        .oracle()
        .dependsOn(prev, { delaySeconds: 1 });
      removals.push(prev);
    }
    const findViewings = ev(this.calendar.search_events({ query: "Viewing" }))
      .oracle()
      .dependsOn(prev, { delaySeconds: 1 });
    const deleteDunmore = ev(this.calendar.delete_calendar_event({ event_id: this.dunmoreViewing }))
      .oracle()
      .dependsOn(findViewings, { delaySeconds: 1 });
    const deleteSaltmarsh = ev(this.calendar.delete_calendar_event({ event_id: this.saltmarshViewing }))
      .oracle()
      .dependsOn(deleteDunmore, { delaySeconds: 1 });
    const report = ev(
      this.aui.send_message_to_user({
        content: "Done: only Cobalt Street 3 is left in your favourites and the two viewings are gone.",
      }),
    )
      .oracle()
      .dependsOn(deleteSaltmarsh, { delaySeconds: 1 });
    this.events = [
      signed,
      saved,
      viewings,
      propose,
      accept,
      listAgain,
      ...removals,
      findViewings,
      deleteDunmore,
      deleteSaltmarsh,
      report,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const deleted = agentCalls(log, {
      className: "StatefulCalendarApp",
      function: "delete_calendar_event",
    }).map((e) => argText(e, "event_id"));
    const allowed = new Set(["remove_saved_apartment", "delete_calendar_event"]);
    return new Checklist()
      .require(
        "a proposal to clear the other favourites and viewings",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Dunmore", "Saltmarsh", "Ivy")),
      )
      .require(
        "favourites: the other three removed, Cobalt Street 3 kept",
        favouritesChangedExactly(env, SAVED, { removed: OTHERS }),
      )
      .require(
        "the Dunmore and Saltmarsh viewings deleted",
        calendarEvent(env, this.dunmoreViewing) === undefined &&
          calendarEvent(env, this.saltmarshViewing) === undefined &&
          deleted.includes(this.dunmoreViewing) &&
          deleted.includes(this.saltmarshViewing),
      )
      .require(
        "the key handover, the gallery evening and the past Cobalt viewing kept",
        this.keep.every((id) => calendarEvent(env, id) !== undefined),
      )
      .require(
        "no other kind of change",
        assistantWrites(log).every((e) => allowed.has(e.action?.function ?? "")),
      )
      .verdict();
  }
}
