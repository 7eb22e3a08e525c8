import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails } from "../email-verdicts.js";
import { directMessagesTo, messagesElsewhere } from "../messaging-verdicts.js";
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

const RENT = 2400;
const DEPOSIT = 3600;
const ADMIN = 150;
/** Ines: 45% of rent and deposit, half the admin fee. */
const INES = 0.45 * (RENT + DEPOSIT) + ADMIN / 2;
const JOHN = 0.55 * (RENT + DEPOSIT) + ADMIN / 2;

/**
 * The letting agent asks for the move-in payment for Saffron Row 2B: the first month's rent plus a deposit of
 * one and a half months' rent, and a $150 admin fee. The rent ($2,400) is only in the saved listing; a similar
 * Saffron Row 2A at $2,250 is a near miss. The flat note says John pays 55% of rent and deposit (bigger room),
 * Ines 45%, fees half each, and that every split is logged in the note. Ideal help: Ines owes $2,775 (John
 * $3,375); offer to message her and log it; then message her and update the note.
 */
@registerScenario("move_in_costs_split_roommate")
export class MoveInCostsSplitRoommate extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "cost-sharing";
  override description =
    "The agent asks for first month's rent, a 1.5-month deposit and a fee; work out the roommate's 45% share from the listing's rent and tell her.";
  override additionalSystemPrompt =
    "You are John Doe, moving into Saffron Row 2B with your friend Ines. You split costs as your flat note " +
    "says and like every split written down there.";

  private apartments!: StatefulApartmentApp;
  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private ines = "";
  private flatNote = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    const twoBed = {
      zip_code: "84110",
      number_of_bedrooms: 2,
      number_of_bathrooms: 1,
      property_type: "Apartment",
      lease_term: "1 year",
    };
    this.apartments.add_apartment({
      ...twoBed,
      apartment_id: "apt-saffron-row-2b",
      name: "Saffron Row 2B",
      location: "Saffron Row, Old Town",
      price: RENT,
      square_footage: 890,
      saved: true,
    });
    this.apartments.add_apartment({
      ...twoBed,
      apartment_id: "apt-saffron-row-2a",
      name: "Saffron Row 2A",
      location: "Saffron Row, Old Town",
      price: 2250,
      square_footage: 820,
      saved: true,
    });
    this.flatNote = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Flat with Ines",
      content:
        "Saffron Row 2B from 1 December.\nSplit: rent and deposit 55% me (big room) / 45% Ines. Fees and bills " +
        "50/50.\nLog every split here.\n\nLog:\n- 12 Nov: application fee $60, Ines $30",
      created_at: "2025-11-06 20:00:00",
      updated_at: "2025-11-12 18:00:00",
    });
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Ski trip",
      content: "Chalet $1,800 split four ways = $450 each.",
      created_at: "2025-11-03 12:00:00",
    });
    const ids = this.messaging.add_users({ user_names: ["Ines Carvalho", "Ines Albrecht", "Tariq Hale"] });
    this.ines = ids["Ines Carvalho"] as string;
    this.messaging.add_conversation({
      conversation_id: "conv-ines-carvalho",
      participants: [this.ines],
      messages: [
        {
          sender: this.ines,
          content: "Tell me what I owe for the move-in as soon as the agent sends the numbers!",
          time: "2025-11-17 19:10:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: [ids["Ines Albrecht"] as string],
      messages: [
        {
          sender: ids["Ines Albrecht"] as string,
          content: "Can you send me the slides from Friday?",
          time: "2025-11-17 11:00:00",
        },
      ],
    });
    this.apps = [
      this.aui,
      new HomeScreenSystemApp(),
      this.email,
      this.apartments,
      this.notes,
      this.messaging,
    ];
  }

  protected buildEventsFlow(): void {
    const request = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-saffron-move-in",
        sender: "accounts@oldtown-lettings.example",
        subject: "Saffron Row 2B: move-in payment",
        content:
          "Hello John,\n\nTo complete your move-in for Saffron Row 2B, please pay by 25 November: the first " +
          "month's rent, a security deposit of one and a half months' rent, and our $150 admin fee.\n\nOld Town Lettings",
      }),
    )
      .withId("move_in_request")
      .delayed(8);
    const listing = ev(this.apartments.search_apartments({ name: "Saffron Row 2B" }))
      .oracle()
      .dependsOn(request, { delaySeconds: 3 });
    const rules = ev(this.notes.search_notes({ query: "Ines" }))
      .oracle()
      .dependsOn(listing, { delaySeconds: 1 });
    // Two people called Ines: the recent chats show which one is waiting for the numbers.
    const chats = ev(this.messaging.list_recent_conversations({}))
      .oracle()
      .dependsOn(rules, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Old Town Lettings wants the Saffron Row 2B move-in payment by 25 Nov: rent $2,400 + deposit $3,600 " +
          "(1.5 months) + $150 fee = $6,150. By your flat note (55/45, fees half each) Ines Carvalho owes $2,775 " +
          "and you $3,375. Shall I message her and log it in the flat note?",
      }),
    )
      .oracle()
      .dependsOn(chats, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, do both." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const who = ev(this.messaging.lookup_user_id({ user_name: "Ines Carvalho" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const tell = ev(
      this.messaging.send_message({
        user_id: this.ines,
        content:
          "The agent sent the move-in numbers: $2,400 rent + $3,600 deposit + $150 fee. Your share (45%, half the " +
          "fee) is $2,775, due by 25 Nov.",
      }),
    )
      .oracle()
      .dependsOn(who, { delaySeconds: 1 });
    const find = ev(this.notes.search_notes({ query: "Flat with Ines" }))
      .oracle()
      .dependsOn(tell, { delaySeconds: 1 });
    const log = ev(
      this.notes.update_note({
        note_id: this.flatNote,
        content:
          "Saffron Row 2B from 1 December.\nSplit: rent and deposit 55% me (big room) / 45% Ines. Fees and bills " +
          "50/50.\nLog every split here.\n\nLog:\n- 12 Nov: application fee $60, Ines $30\n- 18 Nov: move-in " +
          "$6,150 (rent $2,400 + deposit $3,600 + fee $150): Ines $2,775, me $3,375",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    this.events = [request, listing, rules, chats, propose, accept, who, tell, find, log];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const toInes = directMessagesTo(log, this.ines).map((e) => argText(e, "content"));
    const noteWrites = agentCalls(log, { className: "StatefulNotesApp", function: "update_note" }).filter(
      (e) => argText(e, "note_id") === this.flatNote,
    );
    const lastNote = noteWrites.at(-1);
    const note = lastNote ? argText(lastNote, "content") : "";
    return new Checklist()
      .require(
        "a proposal with Ines's share",
        proposals(log).some((e) => mentionsAmount(argText(e, "content"), INES)),
      )
      .require(
        "Ines Carvalho told she owes $2,775",
        toInes.some((t) => mentionsAmount(t, INES)),
      )
      .require(
        "no half split ($3,075) or Saffron Row 2A rent ($2,250) given",
        toInes.every((t) => !mentionsAmount(t, 3075) && !mentionsAmount(t, 2250)),
      )
      .require(
        "the split logged in the flat note, the earlier entry kept",
        mentionsAmount(note, INES) && mentionsAmount(note, JOHN) && mentionsAny(note, "application fee"),
      )
      .require(
        "no message to anyone else, no email, no other note changed",
        messagesElsewhere(log, { users: [this.ines] }).length === 0 &&
          assistantEmails(env).length === 0 &&
          assistantWrites(log, { className: "StatefulNotesApp" }).every(
            (e) => argText(e, "note_id") === this.flatNote,
          ),
      )
      .verdict();
  }
}
