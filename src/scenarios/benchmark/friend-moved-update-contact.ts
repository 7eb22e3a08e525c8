import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAll, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const TOBIAS_CHAT_ID = "5035550118";
const TOBIAS_CONTACT = "contact-tobias-lindqvist";
const OTHER_TOBIAS = "contact-tobias-reinholt";
const CONVERSATION = "conv-tobias";

const digits = (s: string) => s.replace(/\D/g, "");

/**
 * Tobias, an old friend, texts that he moved to Bend and changed his number. His contact card still
 * has the Portland address and old number. Ideal help: offer to update his card; on acceptance edit
 * the existing contact (not a new one, not the colleague with the same first name).
 */
@registerScenario("friend_moved_update_contact")
export class FriendMovedUpdateContact extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "contacts-comms";
  override description = "A friend texts his new phone number and address; update his existing contact card.";

  private messaging!: StatefulMessagingApp;
  private contacts!: StatefulContactsApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.contacts = new StatefulContactsApp();
    this.contacts.add_contacts({
      contacts: [
        {
          contact_id: TOBIAS_CONTACT,
          first_name: "Tobias",
          last_name: "Lindqvist",
          gender: "Male",
          city_living: "Portland",
          country: "USA",
          description: "College roommate",
          phone: "503-555-0118",
          email: "tobias.lindqvist@fernmail.example",
          address: "2217 SE Clinton St, Portland, OR 97202",
        },
        {
          contact_id: OTHER_TOBIAS,
          first_name: "Tobias",
          last_name: "Reinholt",
          job: "Account manager",
          description: "Works with me at Northwind",
          phone: "503-555-0164",
          address: "910 NW Everett St, Portland, OR 97209",
        },
        { first_name: "Amara", last_name: "Nwosu", phone: "503-555-0131", city_living: "Seattle" },
        { first_name: "Grace", last_name: "Fitzpatrick", phone: "971-555-0102", description: "Neighbour" },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Tobias Lindqvist", phone: TOBIAS_CHAT_ID },
        { name: "Grace Fitzpatrick", phone: "9715550102" },
      ],
    });
    this.messaging.add_conversation({
      participants: [TOBIAS_CHAT_ID],
      conversation_id: CONVERSATION,
      messages: [
        {
          sender: "Tobias Lindqvist",
          content: "Packing boxes all weekend, send help (or pizza).",
          time: "2025-11-09 17:40:00",
        },
        { sender: "John Doe", content: "Ha, good luck with the move!", time: "2025-11-09 18:05:00" },
      ],
    });
    this.messaging.add_conversation({
      participants: ["9715550102"],
      messages: [
        {
          sender: "Grace Fitzpatrick",
          content: "Your package got left at my door, I'll bring it over tonight.",
          time: "2025-11-17 16:20:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.contacts];
  }

  protected buildEventsFlow(): void {
    const news = ev(
      this.messaging.create_and_add_message({
        conversation_id: CONVERSATION,
        sender_id: TOBIAS_CHAT_ID,
        content:
          "We survived the move! New address: 48 Larkspur Lane, Apt 3B, Bend, OR 97701. I also switched carriers, " +
          "so my new number is 541-555-0193. The old one stops working on Friday.",
      }),
    )
      .withId("moving_news")
      .delayed(9);
    const find = ev(this.contacts.search_contacts({ query: "Tobias" }))
      .oracle()
      .dependsOn(news, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Tobias Lindqvist moved to 48 Larkspur Lane, Apt 3B, Bend, OR 97701 and has a new number, 541-555-0193. " +
          "Shall I update his contact card?",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const edit = ev(
      this.contacts.edit_contact({
        contact_id: TOBIAS_CONTACT,
        updates: {
          phone: "541-555-0193",
          address: "48 Larkspur Lane, Apt 3B, Bend, OR 97701",
          city_living: "Bend",
        },
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    this.events = [news, find, propose, accept, edit];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const edits = agentCalls(log, { className: "StatefulContactsApp", function: "edit_contact" });
    // The phone and the address may be changed in one call or in several.
    const updatesFor = (id: string) =>
      edits
        .filter((e) => argText(e, "contact_id") === id)
        .map((e) => e.action?.args.updates)
        .filter((u): u is Record<string, string> => typeof u === "object" && u !== null && !Array.isArray(u));
    const mine = updatesFor(TOBIAS_CONTACT);
    const phoneSet = mine.some((u) => digits(String(u.phone ?? "")).endsWith("5415550193"));
    const addressSet = mine.some((u) => mentionsAll(String(u.address ?? ""), "48 Larkspur", "Bend"));
    return new Checklist()
      .require(
        "a proposal about Tobias's new details",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Tobias", "Larkspur", "541")),
      )
      .require("Tobias Lindqvist's phone set to 541-555-0193", phoneSet)
      .require("Tobias Lindqvist's address set to 48 Larkspur Lane, Bend", addressSet)
      .require("the colleague Tobias Reinholt left untouched", updatesFor(OTHER_TOBIAS).length === 0)
      .verdict();
  }
}
