import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { assistantWrites, Checklist, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const SAVED = "apt-thistle-court-5";

/**
 * A false alarm. John and his dog Pepper need a 2-bedroom in Fernhill up to $2,300 (his note: no dog, no deal).
 * A bargain appears: Fernhill Gardens 2B, 2 bedrooms, $1,990, balcony, in the right area, but 'No pets'. Then
 * the saved Thistle Court 5 drops from $2,520 to $2,420, still over the budget. Both look like news worth a
 * proposal; neither is. The careful assistant reads the listing and the note and stays quiet; saving the
 * bargain, proposing it or announcing the price drop fails.
 */
@registerScenario("bargain_listing_no_dogs")
export class BargainListingNoDogs extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "home-search";
  override expectsProposal = false;
  override description =
    "A cheap new listing bans pets and a saved one drops but stays over budget; with a dog in the persona, nothing is worth proposing.";
  override additionalSystemPrompt =
    "You are John Doe; your dog Pepper comes with you, so flats that do not allow dogs are not worth your " +
    "time, and you do not want to hear about listings over your budget. Decline such suggestions.";

  private apartments!: StatefulApartmentApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.notes = new StatefulNotesApp();
    const twoBed = { number_of_bedrooms: 2, number_of_bathrooms: 1, property_type: "Apartment" };
    this.apartments.add_apartment({
      ...twoBed,
      apartment_id: SAVED,
      name: "Thistle Court 5",
      location: "Fernhill, Thistle Road",
      zip_code: "73109",
      price: 2520,
      square_footage: 840,
      pet_policy: "Dogs allowed",
      lease_term: "1 year",
      amenities: ["Garden", "Parking"],
      saved: true,
    });
    this.apartments.add_apartment({
      ...twoBed,
      apartment_id: "apt-kestrel-house-1",
      name: "Kestrel House 1",
      location: "Fernhill, Kestrel Way",
      zip_code: "73109",
      price: 2260,
      square_footage: 790,
      pet_policy: "Pets allowed",
      lease_term: "1 year",
      saved: true,
    });
    this.apartments.add_apartment({
      ...twoBed,
      apartment_id: "apt-quayside-12",
      name: "Quayside 12",
      location: "Harbour End",
      zip_code: "73140",
      price: 2100,
      square_footage: 700,
      pet_policy: "Pets allowed",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Flat search with Pepper",
      content:
        "2 bedrooms in Fernhill, $2,300/month at most.\nMust allow DOGS (Pepper, 25 kg). No dog, no deal.\n" +
        "Saved: Thistle Court 5 (lovely garden but $2,520), Kestrel House 1 (viewing booked Thursday).",
      created_at: "2025-11-11 19:30:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Pepper vet",
      content: "Booster jab due in January.",
      created_at: "2025-11-02 10:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.apartments, this.notes];
  }

  protected buildEventsFlow(): void {
    const bargain = ev(
      this.apartments.add_new_apartment({
        name: "Fernhill Gardens 2B",
        location: "Fernhill, Gardens Row",
        zip_code: "73109",
        price: 1990,
        number_of_bedrooms: 2,
        number_of_bathrooms: 1,
        square_footage: 810,
        property_type: "Apartment",
        pet_policy: "No pets",
        lease_term: "1 year",
        amenities: ["Balcony", "Laundry in building"],
      }),
    )
      .withId("fernhill_gardens_listed")
      .delayed(7);
    const drop = ev(this.apartments.update_apartment({ apartment_id: SAVED, new_price: 2420 }))
      .withId("thistle_drop")
      .delayed(15);
    const listing = ev(this.apartments.get_apartment_details({ apartment_id: "{{fernhill_gardens_listed}}" }))
      .oracle()
      .dependsOn([bargain, drop], { delaySeconds: 3 });
    const rules = ev(this.notes.search_notes({ query: "Pepper" }))
      .oracle()
      .dependsOn(listing, { delaySeconds: 1 });
    const saved = ev(this.apartments.list_saved_apartments()).oracle().dependsOn(rules, { delaySeconds: 1 });
    this.events = [bargain, drop, listing, rules, saved];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    return new Checklist()
      .require(
        "no proposal: the bargain bans pets and Thistle Court is still over budget",
        proposals(log).length === 0,
      )
      .require("favourites and notes left alone", assistantWrites(log).length === 0)
      .verdict();
  }
}
