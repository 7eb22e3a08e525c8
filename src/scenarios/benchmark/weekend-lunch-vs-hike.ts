import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { directMessagesTo, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals, timeBetween } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const MUM = "+15550211";
const HELEN_MARSH = "+15550212";
const SAM = "+15550213";

/**
 * Mum (Helen Doe) asks (+7 s) whether John can come for lunch on Saturday at 13:00. Saturday 22 Nov is taken
 * by the all-day hike John's partner Sam planned (already in the calendar); Sunday 23 Nov is free at lunchtime (a morning
 * swim, an evening film). Distractors: Helen Marsh (Sam's mother, a near-namesake with her own chat), next
 * Sunday's brunch. Ideal help: offer to answer Mum with Sunday lunch instead and pencil it in; on acceptance
 * message Mum (not Helen Marsh) and add Sunday 13:00 to the calendar.
 */
@registerScenario("weekend_lunch_vs_hike")
export class WeekendLunchVsHike extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "multi-party";
  override description =
    "Mum asks for Saturday lunch while Sam's hike fills Saturday; offer her Sunday lunch, which is free, and add it.";
  override additionalSystemPrompt =
    "You are John Doe. Saturday's hike with Sam is planned and stays. You'd love to see Mum on Sunday instead; " +
    "she always says yes to Sunday, so put it straight in the calendar.";

  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Helen Doe", phone: MUM },
        { name: "Helen Marsh", phone: HELEN_MARSH },
        { name: "Sam Marsh", phone: SAM },
      ],
    });
    const me = this.messaging.currentUserId;
    this.messaging.add_conversation({
      conversation_id: "conv-mum",
      participants: [MUM],
      messages: [
        { sender: MUM, content: "Did you get the parcel I sent?", time: "2025-11-14 17:20:00" },
        { sender: me, content: "Yes thank you, the scarf is lovely", time: "2025-11-14 18:02:00" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-helen-marsh",
      participants: [HELEN_MARSH],
      messages: [
        {
          sender: HELEN_MARSH,
          content: "Thanks for the lift last week John! Tell Sam to ring me.",
          time: "2025-11-13 12:00:00",
        },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-sam",
      participants: [SAM],
      messages: [
        {
          sender: SAM,
          content: "Hike's in the calendar: Saturday, leave at 8, back by 5. Bring the big flask!",
          time: "2025-11-16 21:00:00",
        },
      ],
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Hike at Brackenfold Edge with Sam",
          start_datetime: "2025-11-22 08:00:00",
          end_datetime: "2025-11-22 17:00:00",
          attendees: ["Sam Marsh"],
        },
        {
          title: "Morning swim",
          start_datetime: "2025-11-23 09:00:00",
          end_datetime: "2025-11-23 10:00:00",
        },
        {
          title: "Film club: Ordet",
          start_datetime: "2025-11-23 19:00:00",
          end_datetime: "2025-11-23 21:30:00",
        },
        {
          title: "Brunch with the Okafors",
          start_datetime: "2025-11-30 11:00:00",
          end_datetime: "2025-11-30 13:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.calendar];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-mum",
        sender_id: MUM,
        content: "Hello love, can you come for lunch on Saturday at 1? Dad's doing his roast. Let me know x",
      }),
    )
      .withId("mum_asks_lunch")
      .delayed(7);
    const weekend = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-22 00:00:00",
        end_datetime: "2025-11-24 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Mum (Helen Doe) invites you for lunch on Saturday at 13:00, but Saturday is the hike with Sam " +
          "(8:00-17:00). Sunday lunchtime is free. Shall I reply that Saturday's taken and offer Sunday 23 Nov " +
          "at 13:00 instead, and add the lunch at Mum's to your calendar?",
      }),
    )
      .oracle()
      .dependsOn(weekend, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, Sunday please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const lookup = ev(this.messaging.lookup_user_id({ user_name: "Helen Doe" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const reply = ev(
      this.messaging.send_message({
        user_id: MUM,
        content:
          "Hi Mum! I'm away hiking with Sam all Saturday, sorry. Could we do Sunday lunch at 1 instead? " +
          "I'd love to come x",
      }),
    )
      .oracle()
      .dependsOn(lookup, { delaySeconds: 1 });
    const add = ev(
      this.calendar.add_calendar_event({
        title: "Lunch at Mum's",
        start_datetime: "2025-11-23 13:00:00",
        end_datetime: "2025-11-23 15:00:00",
        attendees: ["Helen Doe"],
      }),
    )
      .oracle()
      .dependsOn(reply, { delaySeconds: 1 });
    this.events = [ask, weekend, propose, accept, lookup, reply, add];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const adds = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" });
    const sunday = adds.filter((e) =>
      timeBetween(argText(e, "start_datetime"), "2025-11-23 11:30:00", "2025-11-23 14:00:00"),
    );
    const changed = agentCalls(log, {
      className: "StatefulCalendarApp",
      function: ["edit_calendar_event", "delete_calendar_event"],
    });
    return new Checklist()
      .require(
        "a proposal offering Mum Sunday",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Sunday")),
      )
      .require(
        "a message to Mum (Helen Doe) offering Sunday lunch",
        directMessagesTo(log, MUM).some((e) => mentionsAny(argText(e, "content"), "Sunday")),
      )
      .require("Sunday lunch at Mum's added to the calendar", sunday.length > 0)
      .require("no Saturday lunch added, nothing else added", adds.length === sunday.length)
      .require("the hike and the other events left alone", changed.length === 0)
      .require(
        "no message to Helen Marsh or anyone else",
        messagesElsewhere(log, { users: [MUM] }).length === 0,
      )
      .verdict();
  }
}
