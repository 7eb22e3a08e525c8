import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { groupPosts, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, proposals, timeBetween } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const ANA = "+15550201";
const BILAL = "+15550202";
const CHLOE = "+15550203";
const ANA_SOUZA = "+15550209";
const GROUP = "conv-uni-crew";

/**
 * John asked the "Uni crew" group which evenings next week suit a dinner. The three friends answer in their
 * own 1:1 chats (+6 s, +11 s, +16 s): Ana can do Tue/Wed/Thu, Bilal Wed/Thu, Chloe Mon/Wed/Thu. Of the two
 * shared evenings John has choir on Thursday 27 Nov, so only Wednesday 26 Nov works. Distractors: Ana Souza
 * (a colleague, near-namesake of Ana Sousa), the "Climbing Tuesdays" group, this week's Wednesday squash.
 * Ideal help: offer to post Wednesday 26 Nov in the group and add the dinner; on acceptance do both.
 */
@registerScenario("dinner_slot_from_three_chats")
export class DinnerSlotFromThreeChats extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "multi-party";
  override description =
    "Three friends give their free evenings in separate chats; post the one evening everyone (John included) shares and add the dinner.";
  override additionalSystemPrompt =
    "You are John Doe. Thursday evening choir is not movable. You like dinner at 19:30. Posting the chosen " +
    "evening in Uni crew and putting it in your calendar is exactly what you want.";

  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Ana Sousa", phone: ANA },
        { name: "Bilal Hassan", phone: BILAL },
        { name: "Chloe Martin", phone: CHLOE },
        { name: "Ana Souza", phone: ANA_SOUZA },
      ],
    });
    const me = this.messaging.currentUserId;
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "Uni crew",
      participants: [ANA, BILAL, CHLOE],
      messages: [
        {
          sender: me,
          content: "Dinner next week? Tell me which evenings you can do and I'll book somewhere",
          time: "2025-11-17 20:05:00",
        },
        { sender: BILAL, content: "Yes! Will text you once my rota is out", time: "2025-11-17 20:11:00" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-ana",
      participants: [ANA],
      messages: [{ sender: ANA, content: "Loved the photos from Porto!", time: "2025-11-12 18:00:00" }],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-bilal",
      participants: [BILAL],
      messages: [{ sender: me, content: "Happy birthday mate!", time: "2025-11-02 09:00:00" }],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-chloe",
      participants: [CHLOE],
      messages: [{ sender: CHLOE, content: "Did you get home ok?", time: "2025-11-09 01:10:00" }],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-ana-souza",
      participants: [ANA_SOUZA],
      messages: [
        {
          sender: ANA_SOUZA,
          content: "Could you look at my slides before Thursday's review?",
          time: "2025-11-18 08:40:00",
        },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-climbing",
      title: "Climbing Tuesdays",
      participants: [BILAL, ANA_SOUZA],
      messages: [
        { sender: ANA_SOUZA, content: "Wall is shut next Tuesday fyi", time: "2025-11-16 19:00:00" },
      ],
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Squash with Ola",
          start_datetime: "2025-11-19 19:00:00",
          end_datetime: "2025-11-19 20:00:00",
        },
        {
          title: "Parents' evening at Hollins school",
          start_datetime: "2025-11-25 18:00:00",
          end_datetime: "2025-11-25 19:30:00",
        },
        {
          title: "Team lunch",
          start_datetime: "2025-11-26 12:30:00",
          end_datetime: "2025-11-26 13:30:00",
        },
        {
          title: "Choir rehearsal",
          start_datetime: "2025-11-27 19:00:00",
          end_datetime: "2025-11-27 21:30:00",
          location: "St Aldhelm's hall",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.calendar];
  }

  protected buildEventsFlow(): void {
    const say = (id: string, conversation: string, sender: string, content: string, at: number) =>
      ev(this.messaging.create_and_add_message({ conversation_id: conversation, sender_id: sender, content }))
        .withId(id)
        .delayed(at);
    const ana = say(
      "ana_evenings",
      "conv-ana",
      ANA,
      "For the dinner next week: Tuesday, Wednesday or Thursday evening all work for me. Monday is pottery.",
      6,
    );
    const bilal = say(
      "bilal_evenings",
      "conv-bilal",
      BILAL,
      "Rota's out! Next week I'm on lates Monday and Tuesday, so Wednesday or Thursday evening for dinner.",
      11,
    );
    const chloe = say(
      "chloe_evenings",
      "conv-chloe",
      CHLOE,
      "Dinner next week: I can do Monday, Wednesday or Thursday. Friday I'm away at my sister's.",
      16,
    );
    const week = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-24 00:00:00",
        end_datetime: "2025-11-29 00:00:00",
      }),
    )
      .oracle()
      .dependsOn([ana, bilal, chloe], { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Ana Sousa, Bilal Hassan and Chloe Martin are all free on Wednesday and Thursday evening next week, " +
          "but Thursday 27 Nov you have choir. Shall I post in Uni crew that dinner is Wednesday 26 Nov at " +
          "19:30 and add it to your calendar?",
      }),
    )
      .oracle()
      .dependsOn(week, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, Wednesday it is." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.messaging.search({ query: "Uni crew" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content:
          "Wednesday 26 Nov is the evening that works for all of us, so dinner is on Wednesday at 19:30! " +
          "I'll book somewhere and send the place.",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const add = ev(
      this.calendar.add_calendar_event({
        title: "Dinner with Uni crew",
        start_datetime: "2025-11-26 19:30:00",
        end_datetime: "2025-11-26 22:00:00",
        attendees: ["Ana Sousa", "Bilal Hassan", "Chloe Martin"],
      }),
    )
      .oracle()
      .dependsOn(post, { delaySeconds: 1 });
    this.events = [ana, bilal, chloe, week, propose, accept, find, post, add];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const wednesday = /wed|26/i;
    const adds = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" });
    const onWednesday = adds.filter((e) =>
      timeBetween(argText(e, "start_datetime"), "2025-11-26 17:00:00", "2025-11-26 21:00:00"),
    );
    return new Checklist()
      .require(
        "a proposal naming Wednesday",
        proposals(log).some((e) => wednesday.test(argText(e, "content"))),
      )
      .require(
        "a post in Uni crew fixing Wednesday 26 Nov",
        groupPosts(log, GROUP).some((e) => wednesday.test(argText(e, "content"))),
      )
      .require("the dinner added on Wednesday 26 Nov evening", onWednesday.length > 0)
      .require("no other dinner added (Thursday is choir)", adds.length === onWednesday.length)
      .require(
        "no message elsewhere (Ana Souza, Climbing Tuesdays)",
        messagesElsewhere(log, { conversations: [GROUP], users: [ANA, BILAL, CHLOE] }).length === 0,
      )
      .verdict();
  }
}
