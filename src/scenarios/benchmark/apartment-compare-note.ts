import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAll, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const SHORTLIST =
  "Westbrook shortlist\n\n" +
  "1) Copperfield House 4A - $1,980/mo, 2 bd / 1 ba, 820 sq ft, cats only, 1-year lease\n" +
  "2) Millrace Apartments 210 - $2,120/mo, 2 bd / 2 ba, 910 sq ft, pets allowed, 1-year lease";

/**
 * John compares Westbrook flats in a note. Two listings appear: Tanner's Wharf 3C in Westbrook and, as a
 * distractor, a flat in Northgate. Ideal help: offer to add the Westbrook listing to the comparison, then
 * append its key facts (rent, rooms, size, pets, lease) to the note, keeping the existing entries.
 */
@registerScenario("apartment_compare_note")
export class ApartmentCompareNote extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "home-search";
  override description =
    "A new listing appears in the searched neighbourhood; append its facts to the comparison note.";

  private apartments!: StatefulApartmentApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private comparisonNoteId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.notes = new StatefulNotesApp();
    const common = { zip_code: "30470", property_type: "Apartment", lease_term: "1 year", saved: true };
    this.apartments.add_apartment({
      ...common,
      name: "Copperfield House 4A",
      location: "Westbrook",
      price: 1980,
      number_of_bedrooms: 2,
      number_of_bathrooms: 1,
      square_footage: 820,
      pet_policy: "Cats allowed",
    });
    this.apartments.add_apartment({
      ...common,
      name: "Millrace Apartments 210",
      location: "Westbrook",
      price: 2120,
      number_of_bedrooms: 2,
      number_of_bathrooms: 2,
      square_footage: 910,
      pet_policy: "Pets allowed",
      amenities: ["Gym", "Parking"],
    });
    this.comparisonNoteId = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Flat comparison - Westbrook",
      content: SHORTLIST,
      created_at: "2025-11-09 19:00:00",
      updated_at: "2025-11-15 18:20:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Questions for landlords",
      content: "Heating type? Deposit amount? Bike storage? Can we paint?",
      created_at: "2025-11-09 19:30:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.apartments, this.notes];
  }

  protected buildEventsFlow(): void {
    const elsewhere = ev(
      this.apartments.add_new_apartment({
        name: "Signal Works 8",
        location: "Northgate",
        zip_code: "30488",
        price: 1890,
        number_of_bedrooms: 2,
        number_of_bathrooms: 1,
        square_footage: 780,
        property_type: "Apartment",
        pet_policy: "No pets",
        lease_term: "1 year",
      }),
    ).delayed(6);
    const listing = ev(
      this.apartments.add_new_apartment({
        name: "Tanner's Wharf 3C",
        location: "Westbrook",
        zip_code: "30470",
        price: 2045,
        number_of_bedrooms: 2,
        number_of_bathrooms: 1.5,
        square_footage: 880,
        property_type: "Apartment",
        furnished_status: "Unfurnished",
        pet_policy: "Pets allowed",
        lease_term: "6 months",
        amenities: ["Balcony", "Bike storage"],
      }),
    )
      .withId("listing_tanners_wharf")
      .delayed(12);
    const note = ev(this.notes.search_notes({ query: "Westbrook" }))
      .oracle()
      .dependsOn(listing, { delaySeconds: 3 });
    const details = ev(this.apartments.get_apartment_details({ apartment_id: "{{listing_tanners_wharf}}" }))
      .oracle()
      .dependsOn(note, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "A new Westbrook listing, Tanner's Wharf 3C ($2,045/mo, 2 bd / 1.5 ba, 880 sq ft, pets allowed, 6-month lease), " +
          "just appeared. Shall I add it to your Westbrook comparison note?",
      }),
    )
      .oracle()
      .dependsOn(details, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, add it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const update = ev(
      this.notes.update_note({
        note_id: this.comparisonNoteId,
        content: `${SHORTLIST}\n3) Tanner's Wharf 3C - $2,045/mo, 2 bd / 1.5 ba, 880 sq ft, pets allowed, 6-month lease, balcony`,
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [elsewhere, listing, note, details, propose, accept, update];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const updated = agentCalls(log, { className: "StatefulNotesApp", function: "update_note" }).some((e) => {
      const content = argText(e, "content");
      return (
        argText(e, "note_id") === this.comparisonNoteId &&
        mentionsAll(content, "Copperfield", "Millrace", "Tanner", "880") &&
        mentionsAny(content, "2,045", "2045") &&
        mentionsAny(content, "6 month", "6-month", "six month", "six-month", "6 mo") &&
        !mentionsAny(content, "Signal Works")
      );
    });
    return new Checklist()
      .require(
        "a proposal about Tanner's Wharf",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Tanner")),
      )
      .require("the comparison note keeps its entries and gains Tanner's Wharf rent, size and lease", updated)
      .verdict();
  }
}
