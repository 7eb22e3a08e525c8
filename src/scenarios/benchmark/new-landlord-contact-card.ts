import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
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

const FEMI = "femi.okonjo@okonjo-property.example";
const digits = (s: string | null | undefined) => (s ?? "").replace(/\D/g, "");

/**
 * The landlord of John's new flat (the saved Garnet House 4 at 9 Garnet Lane) introduces himself by email with
 * his mobile for repairs; the letting office's weekday line in the same email is not him. Contacts already hold
 * the previous landlord (Celia Barrow) and a plumber. Ideal help: offer to save Femi Okonjo with his mobile,
 * email and which flat he lets; then add the card (the old landlord's card untouched).
 */
@registerScenario("new_landlord_contact_card")
export class NewLandlordContactCard extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "home-search";
  override description =
    "The new flat's landlord introduces himself by email; save him as a contact with his mobile (not the office line) and the flat he lets.";

  private apartments!: StatefulApartmentApp;
  private contacts!: StatefulContactsApp;
  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.contacts = new StatefulContactsApp();
    this.email = new StatefulEmailApp();
    this.apartments.add_apartment({
      apartment_id: "apt-garnet-house-4",
      name: "Garnet House 4 (signed)",
      location: "9 Garnet Lane, Flat 4, Quarry Hill",
      zip_code: "60607",
      price: 1740,
      number_of_bedrooms: 1,
      number_of_bathrooms: 1,
      square_footage: 620,
      property_type: "Apartment",
      lease_term: "1 year",
      saved: true,
    });
    this.apartments.add_apartment({
      apartment_id: "apt-garnet-yard-1",
      name: "Garnet Yard 1",
      location: "2 Garnet Yard, Quarry Hill",
      zip_code: "60607",
      price: 1690,
      number_of_bedrooms: 1,
      number_of_bathrooms: 1,
      square_footage: 590,
      property_type: "Apartment",
    });
    this.contacts.add_contacts({
      contacts: [
        {
          first_name: "Celia",
          last_name: "Barrow",
          description: "Landlord, current flat (Wick Lane)",
          phone: "+1 (312) 555-0131",
          email: "celia.barrow@postbox.example",
        },
        { first_name: "Dario", last_name: "Ferrante", job: "Plumber", phone: "+1 (312) 555-0190" },
        {
          first_name: "Femke",
          last_name: "Ouwens",
          description: "Climbing club",
          phone: "+1 (312) 555-0112",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.apartments, this.contacts];
  }

  protected buildEventsFlow(): void {
    const intro = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-femi-intro",
        sender: FEMI,
        subject: "Hello from your new landlord",
        content:
          "Hi John,\n\nI own Flat 4 at Garnet House and wanted to introduce myself before you move in. For repairs or " +
          "anything urgent, call or text my mobile, +1 (312) 555-0168. The letting office line, +1 (312) 555-0100, " +
          "only answers on weekdays.\n\nBest wishes,\nFemi Okonjo",
      }),
    )
      .withId("landlord_intro")
      .delayed(8);
    const existing = ev(this.contacts.search_contacts({ query: "Okonjo" }))
      .oracle()
      .dependsOn(intro, { delaySeconds: 3 });
    const flat = ev(this.apartments.search_apartments({ name: "Garnet House" }))
      .oracle()
      .dependsOn(existing, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Femi Okonjo, the landlord of your new flat at Garnet House (9 Garnet Lane, Flat 4), introduced himself. " +
          `He isn't in your contacts. Shall I save him with his mobile +1 (312) 555-0168 and ${FEMI}?`,
      }),
    )
      .oracle()
      .dependsOn(flat, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, save him." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const add = ev(
      this.contacts.add_new_contact({
        first_name: "Femi",
        last_name: "Okonjo",
        phone: "+1 (312) 555-0168",
        email: FEMI,
        description: "Landlord of my new flat, Garnet House, 9 Garnet Lane, Flat 4 (repairs: text or call)",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [intro, existing, flat, propose, accept, add];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const app = env.getAppByClass(StatefulContactsApp);
    const cards = [...(app?.contacts.values() ?? [])];
    const femi = cards.find(
      (c) => c.first_name.toLowerCase() === "femi" && c.last_name.toLowerCase() === "okonjo",
    );
    const celia = cards.find((c) => c.first_name === "Celia" && c.last_name === "Barrow");
    const added = agentCalls(log, { className: "StatefulContactsApp", function: "add_new_contact" });
    return new Checklist()
      .require(
        "a proposal to save the landlord",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Okonjo", "Femi")),
      )
      .require("one new card for Femi Okonjo", added.length === 1 && femi !== undefined)
      .require("his mobile (not the office line)", digits(femi?.phone).endsWith("3125550168"))
      .require("his email address", (femi?.email ?? "").trim().toLowerCase() === FEMI)
      .require(
        "the card says he is the landlord of Garnet House",
        mentionsAny(`${femi?.description ?? ""} ${femi?.address ?? ""} ${femi?.job ?? ""}`, "Garnet") &&
          mentionsAny(`${femi?.description ?? ""} ${femi?.job ?? ""}`, "landlord", "owner"),
      )
      .require(
        "the old landlord's card untouched, nothing else changed",
        celia?.description === "Landlord, current flat (Wick Lane)" &&
          assistantWrites(log).every((e) => e.action?.function === "add_new_contact"),
      )
      .verdict();
  }
}
