import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const BEATRIX = "6175550101";
const SAMIR = "6175550122";
const YUKI = "6175550137";
const MATEO_FERREIRA = "6175550164";
const MATEO_ALVAREZ = "6175550189";
const GROUP = "conv-halcyon";

/**
 * The manager asks in the "Project Halcyon" group for the new teammate Mateo to be added. Two Mateos
 * are known: the contact card says Mateo Ferreira is the new data engineer on Halcyon, while Mateo
 * Alvarez is a climbing friend. Ideal help: notice the request, offer to add Mateo Ferreira; on
 * acceptance add him to the group (and say so there).
 */
@registerScenario("add_teammate_to_group")
export class AddTeammateToGroup extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["gap-detection"];
  override theme = "contacts-comms";
  override description =
    "The manager asks to add the new teammate to the project group chat; add the right Mateo.";

  private messaging!: StatefulMessagingApp;
  private contacts!: StatefulContactsApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.contacts = new StatefulContactsApp();
    this.contacts.add_contacts({
      contacts: [
        { first_name: "Beatrix", last_name: "Collins", job: "Engineering manager", phone: "617-555-0101" },
        {
          first_name: "Mateo",
          last_name: "Ferreira",
          job: "Data engineer",
          description: "New on the Halcyon team, starts Nov 18",
          phone: "617-555-0164",
          email: "mateo.ferreira@northwind.example",
        },
        {
          first_name: "Mateo",
          last_name: "Alvarez",
          job: "Physiotherapist",
          description: "Climbing gym buddy",
          phone: "617-555-0189",
        },
        { first_name: "Samir", last_name: "Haddad", job: "Backend engineer", phone: "617-555-0122" },
        { first_name: "Yuki", last_name: "Tanabe", job: "Product designer", phone: "617-555-0137" },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Beatrix Collins", phone: BEATRIX },
        { name: "Samir Haddad", phone: SAMIR },
        { name: "Yuki Tanabe", phone: YUKI },
        { name: "Mateo Ferreira", phone: MATEO_FERREIRA },
        { name: "Mateo Alvarez", phone: MATEO_ALVAREZ },
      ],
    });
    this.messaging.add_conversation({
      participants: [BEATRIX, SAMIR, YUKI],
      title: "Project Halcyon",
      conversation_id: GROUP,
      messages: [
        {
          sender: "Samir Haddad",
          content: "Ingestion job is green again after the fix.",
          time: "2025-11-17 16:02:00",
        },
        {
          sender: "Yuki Tanabe",
          content: "Nice! Dashboard mocks are in the shared drive.",
          time: "2025-11-17 16:20:00",
        },
        {
          sender: "John Doe",
          content: "I'll review them first thing tomorrow.",
          time: "2025-11-17 16:41:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: [MATEO_FERREIRA],
      messages: [
        {
          sender: "Mateo Ferreira",
          content: "Hi John, Beatrix said you'd be my onboarding buddy. Looking forward to it!",
          time: "2025-11-17 10:15:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: [MATEO_ALVAREZ, "Samir Haddad"],
      title: "Thursday climbing",
      messages: [
        {
          sender: "Mateo Alvarez",
          content: "Same time Thursday? I'll bring the rope.",
          time: "2025-11-16 20:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.contacts];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: GROUP,
        sender_id: BEATRIX,
        content:
          "Morning all! Mateo joins the Halcyon team today as our data engineer. John, can you add him to this " +
          "chat? My app won't let me add people from my phone.",
      }),
    )
      .withId("manager_request")
      .delayed(8);
    const find = ev(this.contacts.search_contacts({ query: "Mateo" }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const lookup = ev(this.messaging.lookup_user_id({ user_name: "Mateo Ferreira" }))
      .oracle()
      .dependsOn(find, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Beatrix asked you to add Mateo to the Project Halcyon chat. Your contacts say Mateo Ferreira is the new " +
          "data engineer on Halcyon. Shall I add him to the group?",
      }),
    )
      .oracle()
      .dependsOn(lookup, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, add Mateo Ferreira." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it finds the group chat again before it can add anyone to it.
    const findGroup = ev(this.messaging.search({ query: "Halcyon" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const add = ev(
      this.messaging.add_participant_to_conversation({ conversation_id: GROUP, user_id: MATEO_FERREIRA }),
    )
      .oracle()
      .dependsOn(findGroup, { delaySeconds: 2 });
    const welcome = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content: "Added Mateo. Welcome to Halcyon, Mateo!",
      }),
    )
      .oracle()
      .dependsOn(add, { delaySeconds: 2 });
    this.events = [ask, find, lookup, propose, accept, findGroup, add, welcome];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const adds = agentCalls(log, {
      className: "StatefulMessagingApp",
      function: "add_participant_to_conversation",
    }).filter((e) => argText(e, "conversation_id") === GROUP);
    return new Checklist()
      .require(
        "a proposal about adding Mateo to the group",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Mateo", "Halcyon")),
      )
      .require(
        "Mateo Ferreira added to the Project Halcyon chat",
        adds.some((e) => argText(e, "user_id") === MATEO_FERREIRA),
      )
      .require(
        "nobody else added to the chat",
        adds.every((e) => argText(e, "user_id") === MATEO_FERREIRA),
      )
      .verdict();
  }
}
