import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAll, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const SAM = "+15550261";
const OLA = "+15550262";
const DEV = "+15550263";
const HANA_MORITA = "+15550264";
const HANA_SATO = "+15550265";
const RUI_COSTA = "+15550266";
const RUI_ALMEIDA = "+15550267";
const GROUP = "conv-lakeside-reunion";

/**
 * In the "Lakeside '15 reunion" group (John, Sam, Ola, Dev) Sam writes (+8 s) that the chat should hold all six
 * of their class, so John should add Hana and Rui. John knows two of each: the contact cards say Hana Morita and
 * Rui Costa were at Lakeside High (class of 2015), while Hana Sato is a colleague and Rui Almeida the neighbour.
 * Ideal help: offer to add Hana Morita and Rui Costa; on acceptance add exactly those two to the group.
 */
@registerScenario("reunion_group_missing_members")
export class ReunionGroupMissingMembers extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "contacts-comms";
  override description =
    "Sam says the reunion group lacks Hana and Rui; add the two classmates, not their namesakes.";

  private contacts!: StatefulContactsApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.contacts = new StatefulContactsApp();
    this.messaging = new StatefulMessagingApp();
    const school = "Lakeside High, class of 2015";
    this.contacts.add_contacts({
      contacts: [
        { first_name: "Sam", last_name: "Whitfield", phone: SAM, description: school },
        { first_name: "Ola", last_name: "Adeyemi", phone: OLA, description: school },
        { first_name: "Dev", last_name: "Patel", phone: DEV, description: school },
        { first_name: "Hana", last_name: "Sato", phone: HANA_SATO, job: "Finance", description: "Colleague" },
        {
          first_name: "Hana",
          last_name: "Morita",
          phone: HANA_MORITA,
          description: `${school}; now in Glasgow`,
        },
        { first_name: "Rui", last_name: "Almeida", phone: RUI_ALMEIDA, description: "Neighbour, flat 2" },
        { first_name: "Rui", last_name: "Costa", phone: RUI_COSTA, description: `${school}; rowing team` },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Sam Whitfield", phone: SAM },
        { name: "Ola Adeyemi", phone: OLA },
        { name: "Dev Patel", phone: DEV },
        { name: "Hana Morita", phone: HANA_MORITA },
        { name: "Hana Sato", phone: HANA_SATO },
        { name: "Rui Costa", phone: RUI_COSTA },
        { name: "Rui Almeida", phone: RUI_ALMEIDA },
      ],
    });
    const me = this.messaging.currentUserId;
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "Lakeside '15 reunion",
      participants: [SAM, OLA, DEV],
      messages: [
        { sender: SAM, content: "Ten years!! Reunion in March?", time: "2025-11-16 20:00:00" },
        { sender: OLA, content: "Yes! The Boathouse again?", time: "2025-11-16 20:04:00" },
        { sender: me, content: "I'm in", time: "2025-11-16 20:30:00" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-hana-sato",
      participants: [HANA_SATO],
      messages: [{ sender: HANA_SATO, content: "Expense report approved", time: "2025-11-17 15:00:00" }],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-rui-almeida",
      participants: [RUI_ALMEIDA],
      messages: [{ sender: RUI_ALMEIDA, content: "Your parcel is with me", time: "2025-11-14 13:00:00" }],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.contacts];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: GROUP,
        sender_id: SAM,
        content:
          "Wait, this chat should be all six of us from our year: me, John, Ola, Dev, plus Hana and Rui. " +
          "John, you've got their numbers, can you add them?",
      }),
    )
      .withId("sam_asks_add")
      .delayed(8);
    const cards = ev(this.contacts.get_contacts({ offset: 0 }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const hanas = ev(this.messaging.lookup_user_id({ user_name: "Hana" }))
      .oracle()
      .dependsOn(cards, { delaySeconds: 1 });
    const ruis = ev(this.messaging.lookup_user_id({ user_name: "Rui" }))
      .oracle()
      .dependsOn(hanas, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Sam asks you to add Hana and Rui to Lakeside '15 reunion. Your contacts say the classmates are Hana " +
          "Morita and Rui Costa (Lakeside High, class of 2015); Hana Sato is a colleague and Rui Almeida your " +
          "neighbour. Shall I add Hana Morita and Rui Costa to the group?",
      }),
    )
      .oracle()
      .dependsOn(ruis, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, add them." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const group = ev(this.messaging.search({ query: "Lakeside" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const hana = ev(this.messaging.lookup_user_id({ user_name: "Hana Morita" }))
      .oracle()
      .dependsOn(group, { delaySeconds: 1 });
    const addHana = ev(
      this.messaging.add_participant_to_conversation({ conversation_id: GROUP, user_id: HANA_MORITA }),
    )
      .oracle()
      .dependsOn(hana, { delaySeconds: 1 });
    const rui = ev(this.messaging.lookup_user_id({ user_name: "Rui Costa" }))
      .oracle()
      .dependsOn(addHana, { delaySeconds: 1 });
    const addRui = ev(
      this.messaging.add_participant_to_conversation({ conversation_id: GROUP, user_id: RUI_COSTA }),
    )
      .oracle()
      .dependsOn(rui, { delaySeconds: 1 });
    this.events = [ask, cards, hanas, ruis, propose, accept, group, hana, addHana, rui, addRui];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const members = env.getAppByClass(StatefulMessagingApp)?.conversations.get(GROUP)?.participant_ids ?? [];
    const removed = agentCalls(log, {
      className: "StatefulMessagingApp",
      function: ["remove_participant_from_conversation", "create_group_conversation"],
    });
    return new Checklist()
      .require(
        "a proposal to add Hana and Rui",
        proposals(log).some((e) => mentionsAll(argText(e, "content"), "Hana", "Rui")),
      )
      .require("Hana Morita is in the reunion group", members.includes(HANA_MORITA))
      .require("Rui Costa is in the reunion group", members.includes(RUI_COSTA))
      .require(
        "neither namesake added (Hana Sato, Rui Almeida)",
        !members.includes(HANA_SATO) && !members.includes(RUI_ALMEIDA),
      )
      .require("nobody removed and no new group made", removed.length === 0)
      .verdict();
  }
}
