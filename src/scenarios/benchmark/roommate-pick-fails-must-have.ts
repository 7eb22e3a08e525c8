import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { favouritesChangedExactly } from "../apartment-verdicts.js";
import { directMessagesTo, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, assistantWrites, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const TERRACE = "apt-pemberton-works-3";
const MATCH = "apt-pemberton-works-5";
const SAVED_BEFORE = ["apt-rosewell-12"];

/**
 * Roommate Kai asks John to save 'the Pemberton Works 2-bed with the roof terrace' if it ticks their list. Their
 * note's must-haves: 2 bedrooms, at most $2,600, in-unit laundry, 1-year lease. The roof-terrace flat (No. 3,
 * $2,480) has only a shared laundry room; its neighbour No. 5 ($2,350, in-unit laundry) meets everything.
 * Ideal help: point out the gap, offer to save No. 5 instead and tell Kai why; then save it and message him.
 */
@registerScenario("roommate_pick_fails_must_have")
export class RoommatePickFailsMustHave extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "home-search";
  override description =
    "The roommate asks to save a listing that misses a must-have from their note; save the sibling listing that meets all of them and tell him why.";
  override additionalSystemPrompt =
    "You are John Doe, flat hunting with Kai. The must-haves in your shared note are non-negotiable; a " +
    "listing that fits them all is worth saving, whoever found it.";

  private apartments!: StatefulApartmentApp;
  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private kai = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    const twoBed = {
      location: "Pemberton Works, Canalside",
      zip_code: "45202",
      number_of_bedrooms: 2,
      number_of_bathrooms: 1,
      property_type: "Apartment",
      lease_term: "1 year",
    };
    this.apartments.add_apartment({
      ...twoBed,
      apartment_id: TERRACE,
      name: "Pemberton Works 3",
      price: 2480,
      square_footage: 880,
      amenities: ["Roof terrace", "Shared laundry room", "Bike storage"],
    });
    this.apartments.add_apartment({
      ...twoBed,
      apartment_id: MATCH,
      name: "Pemberton Works 5",
      price: 2350,
      square_footage: 840,
      amenities: ["In-unit laundry", "Bike storage"],
    });
    this.apartments.add_apartment({
      ...twoBed,
      apartment_id: "apt-pemberton-works-8",
      name: "Pemberton Works 8",
      price: 2290,
      number_of_bedrooms: 1,
      square_footage: 610,
      amenities: ["In-unit laundry"],
    });
    this.apartments.add_apartment({
      ...twoBed,
      apartment_id: SAVED_BEFORE[0] as string,
      name: "Rosewell 12",
      location: "Rosewell, Northside",
      zip_code: "45214",
      price: 2550,
      square_footage: 900,
      amenities: ["In-unit laundry", "Parking"],
      saved: true,
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Flat hunt with Kai: must-haves",
      content:
        "MUST: 2 bedrooms, $2,600/month max, in-unit laundry (no shared laundry rooms again!), 1-year lease.\n" +
        "Nice: outdoor space, bike storage.\nSaved: Rosewell 12.",
      created_at: "2025-11-07 21:00:00",
    });
    const ids = this.messaging.add_users({ user_names: ["Kai Lindgren", "Kaia Berg"] });
    this.kai = ids["Kai Lindgren"] as string;
    this.messaging.add_conversation({
      conversation_id: "conv-kai",
      participants: [this.kai],
      messages: [
        {
          sender: this.kai,
          content: "Viewing at Rosewell still on for Thursday?",
          time: "2025-11-17 18:00:00",
        },
        { sender: "John Doe", content: "Yes, 18:00", time: "2025-11-17 18:05:00" },
      ],
    });
    this.messaging.add_conversation({
      participants: [ids["Kaia Berg"] as string],
      messages: [
        {
          sender: ids["Kaia Berg"] as string,
          content: "Book club moved to Monday",
          time: "2025-11-16 12:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.apartments, this.notes];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-kai",
        sender_id: this.kai,
        content:
          "Pemberton Works has new flats up! The 2-bed with the roof terrace looks amazing. Can you save it if it " +
          "ticks our list?",
      }),
    )
      .withId("kai_asks")
      .delayed(8);
    const found = ev(this.apartments.search_apartments({ name: "Pemberton Works" }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const list = ev(this.notes.search_notes({ query: "must-haves" }))
      .oracle()
      .dependsOn(found, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Kai wants the Pemberton Works 2-bed with the roof terrace (No. 3, $2,480), but it only has a shared " +
          "laundry room, and your must-haves need in-unit laundry. Pemberton Works 5 ($2,350, 2 bedrooms, in-unit " +
          "laundry, 1-year lease) ticks everything. Shall I save No. 5 instead and tell Kai why?",
      }),
    )
      .oracle()
      .dependsOn(list, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Good catch, yes." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const again = ev(this.apartments.search_apartments({ name: "Pemberton Works 5" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const save = ev(this.apartments.save_apartment({ apartment_id: MATCH }))
      .oracle()
      .dependsOn(again, { delaySeconds: 1 });
    const who = ev(this.messaging.lookup_user_id({ user_name: "Kai" }))
      .oracle()
      .dependsOn(save, { delaySeconds: 1 });
    const tell = ev(
      this.messaging.send_message({
        user_id: this.kai,
        content:
          "The roof-terrace one (No. 3) only has a shared laundry room, so it fails our in-unit laundry rule. " +
          "Pemberton Works 5 ticks everything ($2,350, in-unit laundry), so I saved that one instead.",
      }),
    )
      .oracle()
      .dependsOn(who, { delaySeconds: 1 });
    const report = ev(this.aui.send_message_to_user({ content: "Saved Pemberton Works 5 and told Kai." }))
      .oracle()
      .dependsOn(tell, { delaySeconds: 1 });
    this.events = [ask, found, list, propose, accept, again, save, who, tell, report];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const toKai = directMessagesTo(log, this.kai).map((e) => argText(e, "content"));
    return new Checklist()
      .require(
        "a proposal pointing out the laundry gap",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "laundry")),
      )
      .require(
        "favourites: Pemberton Works 5 added, nothing else changed",
        favouritesChangedExactly(env, SAVED_BEFORE, { added: [MATCH] }),
      )
      .require(
        "Kai told about the laundry and the flat saved instead",
        toKai.some(
          (t) =>
            mentionsAny(t, "laundry") &&
            mentionsAny(t, "No. 5", "Works 5", "number 5", "#5", "2,350", "2350"),
        ),
      )
      .require(
        "no message to anyone else, no note changed",
        messagesElsewhere(log, { users: [this.kai] }).length === 0 &&
          assistantWrites(log, { className: "StatefulNotesApp" }).length === 0,
      )
      .verdict();
  }
}
