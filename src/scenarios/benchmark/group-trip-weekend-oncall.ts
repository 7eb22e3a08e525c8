import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails } from "../email-verdicts.js";
import { groupPosts, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, proposals, timeBetween } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const FINN = "+15550311";
const ROSA = "+15550312";
const TOMI = "+15550313";
const GROUP = "conv-fellside-trip";
const FIRST_WEEKEND = /\b5(?:th)?\b|\bfirst\b/i;

/**
 * Finn asks the "Fellside cottage trip" group (+6 s) to vote between two weekends, 5-7 Dec or 12-14 Dec; Rosa
 * answers "either" (+12 s). The December on-call rota John's team lead emailed last week puts John on call the
 * weekend of 12-15 Dec, with no swaps in December. Distractors: a January rota draft (John on call 9-12 Jan),
 * the team Christmas party on 12 Dec, Finn's 1:1 chat. Ideal help: offer to vote for 5-7 Dec and hold that
 * weekend in the calendar; on acceptance post the vote in the group and add the hold for 5-7 Dec.
 */
@registerScenario("group_trip_weekend_oncall")
export class GroupTripWeekendOncall extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "multi-party";
  override description =
    "Friends vote between two weekends for a trip; a work email puts the user on call for one, so vote for the other and hold it.";
  override additionalSystemPrompt =
    "You are John Doe. You really want to go on the Fellside trip. Your on-call weekends cannot be swapped. " +
    "You're happy for your assistant to vote in the group and block the weekend in your calendar.";

  private calendar!: StatefulCalendarApp;
  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Finn Walsh", phone: FINN },
        { name: "Rosa Ibarra", phone: ROSA },
        { name: "Tomi Akande", phone: TOMI },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "Fellside cottage trip",
      participants: [FINN, ROSA, TOMI],
      messages: [
        { sender: TOMI, content: "Found a cottage that takes dogs!", time: "2025-11-16 12:00:00" },
        { sender: FINN, content: "I'll check its free dates", time: "2025-11-16 12:20:00" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-finn",
      participants: [FINN],
      messages: [{ sender: FINN, content: "Pub quiz Thursday?", time: "2025-11-17 18:00:00" }],
    });
    this.email.add_emails({
      emails: [
        {
          sender: "ruth.kline@ferrovia-systems.example",
          subject: "December on-call rota",
          content:
            "Hi team, weekend on-call for December (Fri 18:00 to Mon 08:00):\n28 Nov-1 Dec: Priya\n5-8 Dec: " +
            "Marcus\n12-15 Dec: John\n19-22 Dec: Ana\nNo swaps in December please, it's tight with holidays.\nRuth",
          time: "2025-11-13 10:00:00",
        },
        {
          sender: "ruth.kline@ferrovia-systems.example",
          subject: "DRAFT January on-call rota",
          content: "Draft, comments welcome: 2-5 Jan Ana, 9-12 Jan John, 16-19 Jan Priya.",
          time: "2025-11-17 16:00:00",
        },
        {
          sender: "events@ferrovia-systems.example",
          subject: "Team Christmas party",
          content: "Friday 12 December, 19:00, The Lamplighter. Partners welcome!",
          time: "2025-11-10 09:00:00",
        },
      ],
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Team Christmas party",
          start_datetime: "2025-12-12 19:00:00",
          end_datetime: "2025-12-12 23:00:00",
          location: "The Lamplighter",
        },
        { title: "Dentist", start_datetime: "2025-12-03 08:30:00", end_datetime: "2025-12-03 09:00:00" },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.email, this.calendar];
  }

  protected buildEventsFlow(): void {
    const vote = ev(
      this.messaging.create_and_add_message({
        conversation_id: GROUP,
        sender_id: FINN,
        content: "The cottage has two free weekends: 5-7 Dec or 12-14 Dec. Vote by tonight and I'll book it!",
      }),
    )
      .withId("finn_two_weekends")
      .delayed(6);
    const rosa = ev(
      this.messaging.create_and_add_message({
        conversation_id: GROUP,
        sender_id: ROSA,
        content: "Either works for me!",
      }),
    )
      .withId("rosa_either")
      .dependsOn(vote, { delaySeconds: 6 });
    const rota = ev(this.email.search_emails({ query: "on-call" }))
      .oracle()
      .dependsOn(rosa, { delaySeconds: 3 });
    const weekends = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-12-05 00:00:00",
        end_datetime: "2025-12-15 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(rota, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Finn wants votes for the Fellside cottage: 5-7 Dec or 12-14 Dec. Ruth's December rota has you on call " +
          "12-15 Dec (no swaps). Shall I vote for 5-7 Dec in Fellside cottage trip and hold that weekend in your " +
          "calendar?",
      }),
    )
      .oracle()
      .dependsOn(weekends, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, vote 5-7." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const group = ev(this.messaging.search({ query: "Fellside" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content: "5-7 Dec for me please! I'm on call the 12-14 weekend so I can't do that one.",
      }),
    )
      .oracle()
      .dependsOn(group, { delaySeconds: 1 });
    const hold = ev(
      this.calendar.add_calendar_event({
        title: "Fellside cottage trip (hold)",
        start_datetime: "2025-12-05 17:00:00",
        end_datetime: "2025-12-07 18:00:00",
        description: "Cottage trip with Finn, Rosa and Tomi; Finn books it.",
      }),
    )
      .oracle()
      .dependsOn(post, { delaySeconds: 1 });
    this.events = [vote, rosa, rota, weekends, propose, accept, group, post, hold];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const adds = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" });
    const held = adds.filter(
      (e) =>
        timeBetween(argText(e, "start_datetime"), "2025-12-05 00:00:00", "2025-12-06 12:00:00") &&
        timeBetween(argText(e, "end_datetime"), "2025-12-06 12:00:00", "2025-12-08 12:00:00"),
    );
    const second = adds.filter((e) =>
      timeBetween(argText(e, "start_datetime"), "2025-12-11 00:00:00", "2025-12-15 00:00:00"),
    );
    return new Checklist()
      .require(
        "a proposal to vote for 5-7 Dec",
        proposals(log).some((e) => FIRST_WEEKEND.test(argText(e, "content"))),
      )
      .require(
        "a vote for 5-7 Dec in Fellside cottage trip",
        groupPosts(log, GROUP).some((e) => FIRST_WEEKEND.test(argText(e, "content"))),
      )
      .require("the 5-7 Dec weekend held in the calendar", held.length > 0)
      .require("nothing held on the on-call weekend", second.length === 0)
      .require(
        "no message outside the trip group, no email",
        messagesElsewhere(log, { conversations: [GROUP] }).length === 0 && assistantEmails(env).length === 0,
      )
      .verdict();
  }
}
