import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import { ConditionCheckEvent, type Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { directMessagesTo, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  argText,
  assistantWrites,
  Checklist,
  mentionsAll,
  mentionsAny,
  proposals,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const PLUMBER = "+15550351";
const ELSIE = "+15550352";
const ELSIE_MORROW = "+15550353";
const GORDON = "+15550354";
const FRIDAY_10 = /fri[a-z]*\b[^\n]{0,40}10|10[:.]00[^\n]{0,40}fri/i;

/**
 * Two rounds. (1) Dariusz the plumber texts (+6 s) that he comes on Friday at 10:00 to fix the leak in Flat 3
 * and someone must let him in; John is on a work trip to Leeds all Friday. The contact cards say Elsie Marlow
 * (Flat 4, across the landing) keeps the spare key; Gordon Pike downstairs is away until December and Elsie
 * Morrow is a colleague. Ideal help: offer to ask Elsie Marlow; on acceptance message her and report. (2) Only
 * once she was asked does Elsie answer (+12 s): yes, knock at Flat 4. Ideal help: offer to tell Dariusz; on
 * acceptance text him Elsie's name and flat. Telling the plumber before Elsie agreed is wrong.
 */
@registerScenario("neighbour_lets_plumber_in")
export class NeighbourLetsPlumberIn extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "multi-party";
  override description =
    "The plumber comes Friday 10:00 while the user is away; ask the neighbour with the spare key, then tell the plumber once she agrees.";
  override additionalSystemPrompt =
    "You are John Doe, in Leeds for work all Friday; the plumber's visit must go ahead. Elsie across the landing " +
    "has your spare key and you're happy to ask her. Don't promise the plumber anything until she says yes.";

  private calendar!: StatefulCalendarApp;
  private contacts!: StatefulContactsApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.contacts = new StatefulContactsApp();
    this.messaging = new StatefulMessagingApp();
    this.contacts.add_contacts({
      contacts: [
        {
          first_name: "Dariusz",
          last_name: "Nowicki",
          phone: PLUMBER,
          job: "Plumber",
          description: "Booked for the bathroom leak",
        },
        {
          first_name: "Elsie",
          last_name: "Morrow",
          phone: ELSIE_MORROW,
          job: "Accountant",
          description: "Colleague",
        },
        {
          first_name: "Gordon",
          last_name: "Pike",
          phone: GORDON,
          address: "Flat 1, 41 Quarry Lane",
          description: "Neighbour downstairs; away until December",
        },
        {
          first_name: "Elsie",
          last_name: "Marlow",
          phone: ELSIE,
          address: "Flat 4, 41 Quarry Lane",
          description: "Neighbour across the landing; keeps our spare key",
        },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Dariusz Nowicki", phone: PLUMBER },
        { name: "Elsie Marlow", phone: ELSIE },
        { name: "Elsie Morrow", phone: ELSIE_MORROW },
        { name: "Gordon Pike", phone: GORDON },
      ],
    });
    const me = this.messaging.currentUserId;
    this.messaging.add_conversation({
      conversation_id: "conv-plumber",
      participants: [PLUMBER],
      messages: [
        {
          sender: me,
          content: "Hi, could you look at a leak under the bathroom sink?",
          time: "2025-11-14 08:00:00",
        },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-elsie",
      participants: [ELSIE],
      messages: [
        {
          sender: ELSIE,
          content: "Took your parcel in, it's on my hall table!",
          time: "2025-11-10 17:00:00",
        },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-elsie-morrow",
      participants: [ELSIE_MORROW],
      messages: [
        { sender: ELSIE_MORROW, content: "Budget sheet is in the drive", time: "2025-11-17 15:00:00" },
      ],
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Work trip to Leeds",
          start_datetime: "2025-11-21 07:00:00",
          end_datetime: "2025-11-21 19:00:00",
          location: "Leeds office",
        },
        { title: "Gym", start_datetime: "2025-11-20 18:00:00", end_datetime: "2025-11-20 19:00:00" },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.calendar, this.contacts];
  }

  protected buildEventsFlow(): void {
    const visit = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-plumber",
        sender_id: PLUMBER,
        content:
          "Hi John, Dariusz the plumber. Confirming Friday at 10:00 for the leak at Flat 3, 41 Quarry Lane. " +
          "Someone will need to let me in, it takes about an hour.",
      }),
    )
      .withId("plumber_confirms_friday")
      .delayed(6);
    const friday = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-21 00:00:00",
        end_datetime: "2025-11-22 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(visit, { delaySeconds: 3 });
    const cards = ev(this.contacts.get_contacts({ offset: 0 }))
      .oracle()
      .dependsOn(friday, { delaySeconds: 1 });
    const elsies = ev(this.messaging.lookup_user_id({ user_name: "Elsie" }))
      .oracle()
      .dependsOn(cards, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Dariusz the plumber comes on Friday at 10:00, but you're in Leeds all day. Your neighbour Elsie Marlow " +
          "(Flat 4) keeps your spare key. Shall I ask her whether she can let him in?",
      }),
    )
      .oracle()
      .dependsOn(elsies, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, ask Elsie." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const findElsie = ev(this.messaging.lookup_user_id({ user_name: "Elsie Marlow" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const ask = ev(
      this.messaging.send_message({
        user_id: ELSIE,
        content:
          "Hi Elsie! The plumber, Dariusz, is coming to fix our leak on Friday at 10:00 and I'm in Leeds all " +
          "day. Could you let him into the flat with the spare key? It takes about an hour.",
      }),
    )
      .oracle()
      .dependsOn(findElsie, { delaySeconds: 1 });
    const asked = ev(
      this.aui.send_message_to_user({ content: "Asked Elsie; I'll tell you when she answers." }),
    )
      .oracle()
      .dependsOn(ask, { delaySeconds: 2 });
    const reached = ConditionCheckEvent.fromCondition(
      (env) => directMessagesTo(env.eventLog, ELSIE).length > 0,
      { description: "Elsie Marlow was asked", everyTicks: 5, timeoutTicks: 3600 },
    );
    const yes = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-elsie",
        sender_id: ELSIE,
        content: "Of course! I'm home all Friday. Tell him to knock at Flat 4 and I'll let him into yours.",
      }),
    )
      .withId("elsie_agrees")
      .dependsOn(reached, { delaySeconds: 12 });
    const reread = ev(this.messaging.read_conversation({ conversation_id: "conv-elsie", limit: 3 }))
      .oracle()
      .dependsOn(yes, { delaySeconds: 2 });
    const proposeTell = ev(
      this.aui.send_message_to_user({
        content:
          "Elsie says yes: she's home Friday. Shall I text Dariusz Nowicki that Elsie Marlow will let him in, and " +
          "that he should knock at Flat 4?",
      }),
    )
      .oracle()
      .dependsOn(reread, { delaySeconds: 2 });
    const acceptTell = ev(this.aui.accept_proposal({ content: "Yes, tell him." }))
      .oracle()
      .dependsOn(proposeTell, { delaySeconds: 3 });
    const findPlumber = ev(this.messaging.lookup_user_id({ user_name: "Dariusz Nowicki" }))
      .oracle()
      .dependsOn(acceptTell, { delaySeconds: 1 });
    const tell = ev(
      this.messaging.send_message({
        user_id: PLUMBER,
        content:
          "Hi Dariusz, Friday 10:00 is fine. I'm away, but my neighbour Elsie Marlow will let you in: please " +
          "knock at Flat 4, across the landing from mine. Thanks!",
      }),
    )
      .oracle()
      .dependsOn(findPlumber, { delaySeconds: 1 });
    this.events = [
      visit,
      friday,
      cards,
      elsies,
      propose,
      accept,
      findElsie,
      ask,
      asked,
      reached,
      yes,
      reread,
      proposeTell,
      acceptTell,
      findPlumber,
      tell,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const agreedAt = log.byId("elsie_agrees")?.eventTime;
    const toPlumber = directMessagesTo(log, PLUMBER);
    return new Checklist()
      .require(
        "a proposal to ask Elsie",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Elsie")),
      )
      .require(
        "Elsie Marlow asked to let the plumber in on Friday at 10:00",
        directMessagesTo(log, ELSIE).some((e) => FRIDAY_10.test(argText(e, "content"))),
      )
      .require(
        "after Elsie agreed, Dariusz told that Elsie lets him in at Flat 4",
        agreedAt !== undefined &&
          toPlumber.some(
            (e) => e.eventTime > agreedAt && mentionsAll(argText(e, "content"), "Elsie", "Flat 4"),
          ),
      )
      .require(
        "nothing promised to Dariusz before Elsie agreed",
        agreedAt !== undefined && toPlumber.every((e) => e.eventTime > agreedAt),
      )
      .require(
        "no message to Elsie Morrow, Gordon or anyone else",
        messagesElsewhere(log, { users: [ELSIE, PLUMBER] }).length === 0,
      )
      .require(
        "the Leeds trip left alone",
        assistantWrites(log, { className: "StatefulCalendarApp" }).length === 0,
      )
      .verdict();
  }
}
