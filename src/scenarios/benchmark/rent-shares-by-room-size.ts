import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { groupPosts, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  argText,
  assistantWrites,
  Checklist,
  mentionsAll,
  mentionsAmount,
  mentionsAny,
  proposals,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const GROUP = "conv-tallow-street";
const RENT = 3600;
const ADA = 1080;
const ROHAN = 1170;

/**
 * No environment event: a reminder seeded due at +15 s says to post everyone's December rent share in the flat
 * group. The rent is whatever the flat's listing shows (the landlord raised it to $3,600; a note line still
 * says $3,300); the note splits it by room size, 150/120/130 sq ft for John, Ada and Rohan. Ideal help: offer to
 * post Ada $1,080, Rohan $1,170 (John $1,350) in the flat group, and post it there only.
 */
@registerScenario("rent_shares_by_room_size")
export class RentSharesByRoomSize extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "cost-sharing";
  override description =
    "A due reminder asks for December's rent shares; split the listing's new rent by room size from the note and post them in the flat group.";
  override additionalSystemPrompt =
    "You are John Doe. You share a 3-bed on Tallow Street with Ada and Rohan and always split rent by room " +
    "size, as your note says, using the rent the landlord lists now.";

  private apartments!: StatefulApartmentApp;
  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.reminders = new StatefulReminderApp();
    this.apartments.add_apartment({
      apartment_id: "apt-tallow-street-14",
      name: "Tallow Street 14 (our flat)",
      location: "14 Tallow Street, Millbank",
      zip_code: "27601",
      price: RENT,
      number_of_bedrooms: 3,
      number_of_bathrooms: 2,
      square_footage: 1180,
      property_type: "Apartment",
      lease_term: "1 year",
      saved: true,
    });
    this.apartments.add_apartment({
      apartment_id: "apt-tallow-street-22",
      name: "Tallow Street 22",
      location: "22 Tallow Street, Millbank",
      zip_code: "27601",
      price: 3300,
      number_of_bedrooms: 3,
      number_of_bathrooms: 1,
      square_footage: 1050,
      property_type: "Apartment",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Tallow Street rent split",
      content:
        "Rent = what the landlord lists for our flat in the apartment app (he updates it there).\n" +
        "Split by room size: John 150 sq ft, Ada 120 sq ft, Rohan 130 sq ft (share = room / 400 of the rent).\n" +
        "Bills: equal thirds.\nUp to November the rent was $3,300.",
      created_at: "2025-06-01 10:00:00",
      updated_at: "2025-10-30 20:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Christmas gifts",
      content: "Ada: plant pot. Rohan: coffee beans. Budget $30 each.",
      created_at: "2025-11-10 19:00:00",
    });
    const ids = this.messaging.add_users({ user_names: ["Ada Nwosu", "Rohan Pillai", "Ada Fischer"] });
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "Tallow Street flat",
      participants: [ids["Ada Nwosu"] as string, ids["Rohan Pillai"] as string],
      messages: [
        {
          sender: ids["Rohan Pillai"] as string,
          content: "Landlord says the new rent is in the app now. Send us our December shares when you can",
          time: "2025-11-14 20:00:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: [ids["Ada Fischer"] as string],
      messages: [
        { sender: ids["Ada Fischer"] as string, content: "Lunch Friday?", time: "2025-11-17 12:00:00" },
      ],
    });
    this.reminders.add_reminder({
      title: "Post December rent shares in the flat group",
      due_datetime: "2025-11-18 09:00:15",
      description: "Split as in the rent split note.",
    });
    this.reminders.add_reminder({ title: "Water the plants", due_datetime: "2025-11-19 08:00:00" });
    this.apps = [
      this.aui,
      new HomeScreenSystemApp(),
      this.reminders,
      this.notes,
      this.apartments,
      this.messaging,
    ];
  }

  protected buildEventsFlow(): void {
    const split = ev(this.notes.search_notes({ query: "rent split" }))
      .oracle()
      .delayed(20);
    const flat = ev(this.apartments.list_saved_apartments()).oracle().dependsOn(split, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Time for the December rent shares. Your flat's listing now shows $3,600 (it was $3,300). By room size " +
          "(150/120/130 of 400 sq ft): you $1,350, Ada $1,080, Rohan $1,170. Shall I post that in the Tallow Street flat group?",
      }),
    )
      .oracle()
      .dependsOn(flat, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, post it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const group = ev(this.messaging.search({ query: "Tallow Street" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content:
          "December rent is $3,600. Split by room size: Ada $1,080, Rohan $1,170, me $1,350. Thanks both!",
      }),
    )
      .oracle()
      .dependsOn(group, { delaySeconds: 1 });
    this.events = [split, flat, propose, accept, group, post];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const posts = groupPosts(log, GROUP).map((e) => argText(e, "content"));
    return new Checklist()
      .require(
        "a proposal with the shares",
        proposals(log).some((e) => mentionsAmount(argText(e, "content"), ADA)),
      )
      .require(
        "a post in the flat group giving Ada $1,080 and Rohan $1,170",
        posts.some(
          (p) => mentionsAll(p, "Ada", "Rohan") && mentionsAmount(p, ADA) && mentionsAmount(p, ROHAN),
        ),
      )
      .require(
        "no equal split ($1,200) or shares of the old $3,300 ($990, $1,072.50, $1,237.50)",
        posts.every(
          (p) =>
            !mentionsAmount(p, 1200) &&
            !mentionsAmount(p, 990) &&
            !mentionsAny(p, "1,072", "1072") &&
            !mentionsAmount(p, 1237.5),
        ),
      )
      .require(
        "nothing sent elsewhere, nothing else changed",
        messagesElsewhere(log, { conversations: [GROUP] }).length === 0 &&
          assistantWrites(log).every((e) => e.action?.function === "send_message_to_group_conversation"),
      )
      .verdict();
  }
}
