import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails, assistantEmailsTo } from "../email-verdicts.js";
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

const AGENT = "bookings@juniper-lettings.example";
const OFFER = "email-juniper-slots";
const ADDRESS = "88 Juniper Walk, Flat 4A, Cliffside";

/**
 * The letting agent of the saved Juniper Lofts 4A offers three viewing slots: Wednesday 19 Nov 18:30,
 * Thursday 20 Nov 12:30 or Friday 21 Nov 18:00. John's calendar has choir on Wednesday evening and a client
 * lunch on Thursday; Friday evening is free. The email gives no address; the listing does. Ideal help: offer to
 * take Friday 18:00; reply choosing it and add the viewing with the listing's address.
 */
@registerScenario("viewing_offer_clash_pick_free_slot")
export class ViewingOfferClashPickFreeSlot extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "home-search";
  override description =
    "A letting agent offers three viewing slots; two clash with the calendar, so accept the free Friday slot and add it with the listing's address.";
  override additionalSystemPrompt =
    "You are John Doe. You never drop choir or client meetings for a viewing, but any free slot is fine.";

  private apartments!: StatefulApartmentApp;
  private calendar!: StatefulCalendarApp;
  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.calendar = new StatefulCalendarApp();
    this.email = new StatefulEmailApp();
    const flat = {
      zip_code: "98109",
      number_of_bathrooms: 1,
      property_type: "Apartment",
      lease_term: "1 year",
    };
    this.apartments.add_apartment({
      ...flat,
      apartment_id: "apt-juniper-lofts-4a",
      name: "Juniper Lofts 4A",
      location: ADDRESS,
      price: 2120,
      number_of_bedrooms: 1,
      square_footage: 700,
      amenities: ["Gym", "Concierge"],
      saved: true,
    });
    this.apartments.add_apartment({
      ...flat,
      apartment_id: "apt-juniper-lofts-2c",
      name: "Juniper Lofts 2C",
      location: "88 Juniper Walk, Flat 2C, Cliffside",
      price: 1980,
      number_of_bedrooms: 1,
      square_footage: 640,
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Choir rehearsal",
          start_datetime: "2025-11-19 18:00:00",
          end_datetime: "2025-11-19 20:30:00",
          location: "St Brendan's Hall",
        },
        {
          title: "Client lunch: Orla Finch",
          start_datetime: "2025-11-20 12:00:00",
          end_datetime: "2025-11-20 13:30:00",
          location: "Marrow & Vine",
          attendees: ["Orla Finch"],
        },
        {
          title: "Gym",
          start_datetime: "2025-11-21 07:00:00",
          end_datetime: "2025-11-21 08:00:00",
        },
        {
          title: "Dinner at Nell's",
          start_datetime: "2025-11-21 20:00:00",
          end_datetime: "2025-11-21 22:00:00",
          location: "Nell's, Cliffside",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.apartments, this.calendar];
  }

  protected buildEventsFlow(): void {
    const offer = ev(
      this.email.send_email_to_user_with_id({
        email_id: OFFER,
        sender: AGENT,
        subject: "Viewing Juniper Lofts 4A",
        content:
          "Hi John,\n\nThanks for saving Juniper Lofts 4A. I can show it to you on Wednesday 19 November at 18:30, " +
          "Thursday 20 November at 12:30 or Friday 21 November at 18:00. Which would you like?\n\nTess, Juniper Lettings",
      }),
    )
      .withId("viewing_slots")
      .delayed(7);
    const listing = ev(this.apartments.list_saved_apartments())
      .oracle()
      .dependsOn(offer, { delaySeconds: 3 });
    const week = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-19 00:00:00",
        end_datetime: "2025-11-22 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(listing, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Juniper Lettings offers viewings of Juniper Lofts 4A on Wed 19 Nov 18:30 (clashes with choir), Thu 20 Nov " +
          "12:30 (your client lunch with Orla Finch) or Fri 21 Nov 18:00 (free). Shall I reply taking Friday at 18:00 " +
          `and add the viewing at ${ADDRESS} to your calendar?`,
      }),
    )
      .oracle()
      .dependsOn(week, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Friday works, go ahead." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "Juniper Lofts 4A" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: OFFER,
        content: "Hi Tess,\n\nFriday 21 November at 18:00 suits me, see you at the flat.\n\nBest,\nJohn",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const add = ev(
      this.calendar.add_calendar_event({
        title: "Viewing: Juniper Lofts 4A",
        start_datetime: "2025-11-21 18:00:00",
        end_datetime: "2025-11-21 18:30:00",
        location: ADDRESS,
      }),
    )
      .oracle()
      .dependsOn(reply, { delaySeconds: 1 });
    this.events = [offer, listing, week, propose, accept, find, reply, add];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const toAgent = assistantEmailsTo(env, AGENT);
    const adds = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" });
    return new Checklist()
      .require(
        "a proposal naming the free Friday slot",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Friday", "Fri")),
      )
      .require(
        "the agent told Friday 21 Nov at 18:00",
        toAgent.some(
          (m) => mentionsAny(m.content, "Friday", "Fri", "21") && /18[:.]00|6\s*pm/i.test(m.content),
        ),
      )
      .require(
        "no email taking a clashing slot instead (each one is about Friday)",
        toAgent.every((m) => mentionsAny(m.content, "Friday", "Fri ")),
      )
      .require(
        "one viewing added on Friday 21 Nov at 18:00 at 88 Juniper Walk",
        adds.length === 1 &&
          adds.every(
            (e) =>
              timeBetween(argText(e, "start_datetime"), "2025-11-21 18:00:00", "2025-11-21 18:00:00") &&
              mentionsAny(argText(e, "location"), "Juniper Walk"),
          ),
      )
      .require(
        "nothing else changed, no other email",
        assistantEmails(env).every((m) => m.recipients.every((r) => r === AGENT)) &&
          assistantWrites(log).every((e) =>
            ["reply_to_email", "send_email", "add_calendar_event"].includes(e.action?.function ?? ""),
          ),
      )
      .verdict();
  }
}
