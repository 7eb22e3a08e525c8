import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

/**
 * John keeps his apartment-hunt criteria in a note (Eastgate, 2 bedrooms, at most $2,400, dogs allowed,
 * in-unit laundry). Two listings appear in Eastgate: Birchwood Terrace 2A meets every criterion, Maple Yard 5C
 * is over budget. Ideal help: point out the match and, on acceptance, save it (and only it) to favourites.
 */
@registerScenario("new_listing_matches_criteria")
export class NewListingMatchesCriteria extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "home-search";
  override description = "A new listing matches the criteria in the apartment-hunt note; save it.";

  private apartments!: StatefulApartmentApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.notes = new StatefulNotesApp();
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Apartment hunt - criteria",
      content:
        "Must have:\n- Eastgate (walk to Maya's studio)\n- 2 bedrooms\n- Max $2,400/month\n" +
        "- Dogs allowed (Biscuit!)\n- In-unit laundry\n\nNice to have: balcony, lease of a year or more",
      pinned: true,
      created_at: "2025-11-02 20:10:00",
      updated_at: "2025-11-12 21:30:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Moving checklist",
      content: "Book van, cancel internet, forward mail, deposit back from landlord",
      created_at: "2025-11-05 18:00:00",
    });
    const common = { zip_code: "30455", property_type: "Apartment", lease_term: "1 year" };
    this.apartments.add_apartment({
      ...common,
      name: "Gorse Street 14",
      location: "Eastgate",
      price: 2250,
      number_of_bedrooms: 2,
      number_of_bathrooms: 1,
      square_footage: 800,
      pet_policy: "No pets",
      amenities: ["In-unit laundry"],
    });
    this.apartments.add_apartment({
      ...common,
      name: "Eastgate Lofts 7",
      location: "Eastgate",
      price: 1950,
      number_of_bedrooms: 1,
      number_of_bathrooms: 1,
      square_footage: 640,
      pet_policy: "Pets allowed",
      amenities: ["In-unit laundry", "Balcony"],
    });
    this.apartments.add_apartment({
      ...common,
      name: "Canal House 2",
      location: "Westbrook",
      zip_code: "30470",
      price: 2300,
      number_of_bedrooms: 2,
      number_of_bathrooms: 1,
      square_footage: 870,
      pet_policy: "Pets allowed",
      amenities: ["In-unit laundry"],
      saved: true,
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.apartments, this.notes];
  }

  protected buildEventsFlow(): void {
    const tooExpensive = ev(
      this.apartments.add_new_apartment({
        name: "Maple Yard 5C",
        location: "Eastgate",
        zip_code: "30455",
        price: 2650,
        number_of_bedrooms: 2,
        number_of_bathrooms: 2,
        square_footage: 930,
        property_type: "Apartment",
        pet_policy: "Pets allowed",
        lease_term: "1 year",
        amenities: ["In-unit laundry", "Balcony", "Gym"],
      }),
    )
      .withId("listing_maple_yard")
      .delayed(6);
    const match = ev(
      this.apartments.add_new_apartment({
        name: "Birchwood Terrace 2A",
        location: "Eastgate",
        zip_code: "30455",
        price: 2280,
        number_of_bedrooms: 2,
        number_of_bathrooms: 1,
        square_footage: 860,
        property_type: "Apartment",
        furnished_status: "Unfurnished",
        pet_policy: "Pets allowed",
        lease_term: "1 year",
        amenities: ["In-unit laundry", "Balcony"],
      }),
    )
      .withId("listing_birchwood")
      .delayed(12);
    const criteria = ev(this.notes.search_notes({ query: "apartment" }))
      .oracle()
      .dependsOn(match, { delaySeconds: 3 });
    const details = ev(this.apartments.get_apartment_details({ apartment_id: "{{listing_birchwood}}" }))
      .oracle()
      .dependsOn(criteria, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "New in Eastgate: Birchwood Terrace 2A, 2 bedrooms, $2,280/month, pets allowed, in-unit laundry and a balcony. " +
          "It meets every criterion in your apartment-hunt note (Maple Yard 5C is over budget). Shall I save it?",
      }),
    )
      .oracle()
      .dependsOn(details, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, save it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it finds the listing's id before saving it.
    const findListing = ev(this.apartments.search_apartments({ name: "Birchwood Terrace 2A" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const save = ev(this.apartments.save_apartment({ apartment_id: "{{listing_birchwood}}" }))
      .oracle()
      .dependsOn(findListing, { delaySeconds: 2 });
    this.events = [tooExpensive, match, criteria, details, propose, accept, findListing, save];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const idOf = (eventId: string) => String(log.byId(eventId)?.metadata.returnValue ?? "missing");
    const saves = agentCalls(log, { className: "StatefulApartmentApp", function: "save_apartment" }).map(
      (e) => argText(e, "apartment_id"),
    );
    return new Checklist()
      .require(
        "a proposal about Birchwood Terrace",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Birchwood")),
      )
      .require("Birchwood Terrace 2A saved", saves.includes(idOf("listing_birchwood")))
      .require("the over-budget Maple Yard 5C not saved", !saves.includes(idOf("listing_maple_yard")))
      .verdict();
  }
}
