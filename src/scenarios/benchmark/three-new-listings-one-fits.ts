import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { favouritesChangedExactly } from "../apartment-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  assistantWrites,
  Checklist,
  mentionsAmount,
  mentionsAny,
  proposals,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const SAVED_BEFORE = ["apt-ashgrove-court-2"];
const FITS = "Ferrybank Rise 11";

interface NewListing {
  name: string;
  price: number;
  number_of_bedrooms: number;
  square_footage: number;
  amenities: string[];
}

/**
 * Three listings appear in Ferrybank within a few seconds. John's must-haves (note): 2 bedrooms, at most
 * $2,200, a balcony, in Ferrybank. Ferrybank Quay 7 is $2,250 (over), Ferrybank Mill 3 has one bedroom, and
 * Ferrybank Rise 11 ($2,140, 2 bedrooms, balcony) fits. Ideal help: check all three, offer to save the one that
 * fits and add it to the shortlist in the note; then save it and append a line, keeping the existing entry.
 */
@registerScenario("three_new_listings_one_fits")
export class ThreeNewListingsOneFits extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "home-search";
  override description =
    "Three new listings arrive; only one meets every must-have in the note, so save it and add it to the shortlist (not the near misses).";
  override additionalSystemPrompt =
    "You are John Doe. You only want listings that meet all of your must-haves saved or shortlisted; near " +
    "misses are not worth your time.";

  private apartments!: StatefulApartmentApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private huntNote = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.notes = new StatefulNotesApp();
    this.apartments.add_apartment({
      apartment_id: SAVED_BEFORE[0] as string,
      name: "Ashgrove Court 2",
      location: "Ferrybank, Ashgrove Road",
      zip_code: "02127",
      price: 2180,
      number_of_bedrooms: 2,
      number_of_bathrooms: 1,
      square_footage: 800,
      property_type: "Apartment",
      amenities: ["Balcony"],
      saved: true,
    });
    this.huntNote = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Ferrybank flat shortlist",
      content:
        "Must-haves: Ferrybank, 2 bedrooms, $2,200/month max, balcony.\n\nShortlist:\n- Ashgrove Court 2: $2,180, " +
        "2 bed, balcony, viewing Sat",
      created_at: "2025-11-05 20:00:00",
      updated_at: "2025-11-15 10:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Packing",
      content: "Start with books and winter clothes.",
      created_at: "2025-11-06 20:00:00",
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.apartments, this.notes];
  }

  protected buildEventsFlow(): void {
    const listing = (id: string, at: number, fields: NewListing) =>
      ev(
        this.apartments.add_new_apartment({
          location: "Ferrybank",
          zip_code: "02127",
          number_of_bathrooms: 1,
          property_type: "Apartment",
          lease_term: "1 year",
          ...fields,
        }),
      )
        .withId(id)
        .delayed(at);
    const quay = listing("listed_quay", 6, {
      name: "Ferrybank Quay 7",
      price: 2250,
      number_of_bedrooms: 2,
      square_footage: 830,
      amenities: ["Balcony", "Parking"],
    });
    const mill = listing("listed_mill", 9, {
      name: "Ferrybank Mill 3",
      price: 1900,
      number_of_bedrooms: 1,
      square_footage: 560,
      amenities: ["Balcony"],
    });
    const rise = listing("listed_rise", 12, {
      name: FITS,
      price: 2140,
      number_of_bedrooms: 2,
      square_footage: 790,
      amenities: ["Balcony", "Bike storage"],
    });
    const must = ev(this.notes.search_notes({ query: "Ferrybank" }))
      .oracle()
      .dependsOn([quay, mill, rise], { delaySeconds: 3 });
    const d1 = ev(this.apartments.get_apartment_details({ apartment_id: "{{listed_quay}}" }))
      .oracle()
      .dependsOn(must, { delaySeconds: 1 });
    const d2 = ev(this.apartments.get_apartment_details({ apartment_id: "{{listed_mill}}" }))
      .oracle()
      .dependsOn(d1, { delaySeconds: 1 });
    const d3 = ev(this.apartments.get_apartment_details({ apartment_id: "{{listed_rise}}" }))
      .oracle()
      .dependsOn(d2, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Three new Ferrybank listings: Ferrybank Quay 7 is $2,250 (over your $2,200), Ferrybank Mill 3 has one " +
          "bedroom, but Ferrybank Rise 11 ($2,140, 2 bedrooms, balcony) meets all your must-haves. Shall I save it " +
          "and add it to your shortlist note?",
      }),
    )
      .oracle()
      .dependsOn(d3, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, do that." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.apartments.search_apartments({ name: FITS }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const save = ev(this.apartments.save_apartment({ apartment_id: "{{listed_rise}}" }))
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const note = ev(this.notes.search_notes({ query: "shortlist" }))
      .oracle()
      .dependsOn(save, { delaySeconds: 1 });
    const update = ev(
      this.notes.update_note({
        note_id: this.huntNote,
        content:
          "Must-haves: Ferrybank, 2 bedrooms, $2,200/month max, balcony.\n\nShortlist:\n- Ashgrove Court 2: $2,180, " +
          "2 bed, balcony, viewing Sat\n- Ferrybank Rise 11: $2,140, 2 bed, balcony, bike storage (new 18 Nov)",
      }),
    )
      .oracle()
      .dependsOn(note, { delaySeconds: 1 });
    const report = ev(
      this.aui.send_message_to_user({ content: "Saved Ferrybank Rise 11 and added it to your shortlist." }),
    )
      .oracle()
      .dependsOn(update, { delaySeconds: 1 });
    this.events = [quay, mill, rise, must, d1, d2, d3, propose, accept, find, save, note, update, report];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const rise = env
      .getAppByClass(StatefulApartmentApp)
      ?.apartments.find((a) => a.name === FITS)?.apartment_id;
    const updates = agentCalls(log, { className: "StatefulNotesApp", function: "update_note" }).filter(
      (e) => argText(e, "note_id") === this.huntNote,
    );
    const last = updates.at(-1);
    const note = last ? argText(last, "content") : "";
    return new Checklist()
      .require(
        "a proposal about Ferrybank Rise 11",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Rise")),
      )
      .require(
        "favourites: Ferrybank Rise 11 added, nothing else changed",
        rise !== undefined && favouritesChangedExactly(env, SAVED_BEFORE, { added: [rise] }),
      )
      .require(
        "the shortlist note gains Ferrybank Rise 11 at $2,140 and keeps Ashgrove Court 2",
        mentionsAny(note, "Ferrybank Rise") &&
          mentionsAmount(note, 2140) &&
          mentionsAny(note, "Ashgrove Court 2"),
      )
      .require(
        "no near miss shortlisted (a line naming one only as rejected is fine)",
        note
          .split("\n")
          .filter((line) => mentionsAny(line, "Quay 7", "Mill 3"))
          .every((line) => mentionsAny(line, "over", "not ", "reject", "one bed", "1 bed", "skip", "no ")),
      )
      .require(
        "no other note changed",
        assistantWrites(log, { className: "StatefulNotesApp" }).every(
          (e) => argText(e, "note_id") === this.huntNote,
        ),
      )
      .verdict();
  }
}
