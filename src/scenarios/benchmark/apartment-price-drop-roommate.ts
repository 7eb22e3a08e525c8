import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const JONAH = "5035550172";
const CONVERSATION = "conv-jonah";
const CEDAR = "apt-cedar-loft";
const MAPLE = "apt-maple-court";

/**
 * The user and roommate Jonah are hunting for a 2-bedroom; their budget (a note in Personal) is
 * $2,400 a month, and Jonah asked to hear at once if a saved listing gets under it. Two saved
 * listings get cheaper: Maple Court to $2,790 (still over) and then Cedar Loft to $2,350 (under).
 * Ideal help: compare with the budget note, offer to tell Jonah; on acceptance message him about
 * Cedar Loft and its new rent.
 */
@registerScenario("apartment_price_drop_roommate")
export class ApartmentPriceDropRoommate extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "home-search";
  override description =
    "A saved listing's rent drops under the budget in a note; tell the roommate right away.";

  private apartments!: StatefulApartmentApp;
  private notes!: StatefulNotesApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.notes = new StatefulNotesApp();
    this.messaging = new StatefulMessagingApp();
    const twoBedroom = {
      number_of_bedrooms: 2,
      number_of_bathrooms: 1,
      property_type: "Apartment",
      lease_term: "1 year",
    };
    this.apartments.add_apartment({
      ...twoBedroom,
      apartment_id: CEDAR,
      name: "Cedar Loft 2BR",
      location: "Riverside, Portland",
      zip_code: "97214",
      price: 2650,
      square_footage: 910,
      amenities: ["In-unit laundry", "Balcony"],
      saved: true,
    });
    this.apartments.add_apartment({
      ...twoBedroom,
      apartment_id: MAPLE,
      name: "Maple Court Residences 2BR",
      location: "Hawthorne, Portland",
      zip_code: "97215",
      price: 2890,
      square_footage: 980,
      amenities: ["In-unit laundry", "Gym", "Parking"],
      saved: true,
    });
    this.apartments.add_apartment({
      apartment_id: "apt-harbor-studio",
      name: "Harbor View Studio",
      location: "Pearl District, Portland",
      zip_code: "97209",
      price: 1750,
      number_of_bedrooms: 0,
      number_of_bathrooms: 1,
      square_footage: 480,
      property_type: "Studio",
    });
    this.apartments.add_apartment({
      apartment_id: "apt-linden-row",
      name: "Linden Row Townhouse",
      location: "Sellwood, Portland",
      zip_code: "97202",
      price: 3400,
      number_of_bedrooms: 3,
      number_of_bathrooms: 2,
      square_footage: 1450,
      property_type: "House",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Apartment hunt with Jonah",
      content:
        "Budget: $2,400/month max in total (we split it 50/50).\nMust: 2 bedrooms, in-unit laundry.\n" +
        "Nice to have: balcony, close to the streetcar.\nMove-in: January.",
      created_at: "2025-11-05 20:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Moving costs",
      content: "Movers quote: $850\nDeposit: one month's rent\nNew couch fund: $600",
      created_at: "2025-11-08 18:30:00",
    });
    this.notes.create_note_with_time({
      folder: "Work",
      title: "Team offsite",
      content: "Budget per head: $150, venue shortlist pending",
      created_at: "2025-11-12 09:10:00",
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Jonah Whitfield", phone: JONAH },
        { name: "Clara Yoon", phone: "5035550199" },
      ],
    });
    this.messaging.add_conversation({
      participants: [JONAH],
      conversation_id: CONVERSATION,
      messages: [
        {
          sender: "Jonah Whitfield",
          content:
            "Cedar Loft is still my favourite, just too pricey. If anything on our saved list gets under our budget, " +
            "tell me right away and I'll call the landlord before it's gone.",
          time: "2025-11-16 21:12:00",
        },
        { sender: "John Doe", content: "Deal, I'll keep an eye on it.", time: "2025-11-16 21:20:00" },
      ],
    });
    this.messaging.add_conversation({
      participants: ["5035550199"],
      messages: [
        { sender: "Clara Yoon", content: "Is your old bike still for sale?", time: "2025-11-17 15:45:00" },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.apartments, this.notes, this.messaging];
  }

  protected buildEventsFlow(): void {
    const mapleDrop = ev(this.apartments.update_apartment({ apartment_id: MAPLE, new_price: 2790 }))
      .withId("maple_price_drop")
      .delayed(6);
    const cedarDrop = ev(this.apartments.update_apartment({ apartment_id: CEDAR, new_price: 2350 }))
      .withId("cedar_price_drop")
      .delayed(14);
    const details = ev(this.apartments.get_apartment_details({ apartment_id: CEDAR }))
      .oracle()
      .dependsOn([mapleDrop, cedarDrop], { delaySeconds: 2 });
    const budget = ev(this.notes.search_notes({ query: "budget" }))
      .oracle()
      .dependsOn(details, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Cedar Loft 2BR, on your saved list, just dropped to $2,350/month, under the $2,400 budget in your note " +
          "(Maple Court also dropped, but to $2,790). Shall I tell Jonah right away?",
      }),
    )
      .oracle()
      .dependsOn(budget, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, tell him now." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it looks up Jonah's messaging id before writing to him.
    const findJonah = ev(this.messaging.lookup_user_id({ user_name: "Jonah" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const tell = ev(
      this.messaging.send_message({
        user_id: JONAH,
        content: "Cedar Loft just dropped to $2,350/month, under our $2,400 budget! Call the landlord?",
      }),
    )
      .oracle()
      .dependsOn(findJonah, { delaySeconds: 2 });
    this.events = [mapleDrop, cedarDrop, details, budget, propose, accept, findJonah, tell];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const told = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" }).some(
      (e) =>
        argText(e, "user_id") === JONAH &&
        mentionsAny(argText(e, "content"), "Cedar") &&
        mentionsAny(argText(e, "content"), "2350", "2,350", "2.350"),
    );
    return new Checklist()
      .require(
        "a proposal about Cedar Loft's price drop",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Cedar")),
      )
      .require("a message to Jonah about Cedar Loft at $2,350", told)
      .verdict();
  }
}
