import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulNotesApp } from "../../apps/notes/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { groupPosts, messagesElsewhere } from "../messaging-verdicts.js";
import { noteAtEnd } from "../notes-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  agentCalls,
  argText,
  assistantWrites,
  Checklist,
  mentionsAll,
  proposals,
  timeBetween,
} from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const PRITI = "+15550301";
const GARETH = "+15550302";
const YUSUF = "+15550303";
const GROUP = "conv-otters-lifts";
/** Who drives which day: the only rota that fits everyone's days and John's calendar. */
const ROTA: [string, RegExp][] = [
  ["mon", /\b(john|me|myself|i|i'll|i'm)\b/i],
  ["tue", /priti/i],
  ["wed", /yusuf/i],
  ["thu", /gareth/i],
];
const PARENTS = /priti|gareth|yusuf/gi;

/**
 * Does a rota text give each day to the right driver? The text is cut at every weekday word, so both one line
 * per day and "Mon: John, Tue: Priti, …" read the same; some piece for each day names its driver and no piece
 * for that day names another parent.
 */
function rotaHolds(text: string): boolean {
  const marks = [...text.matchAll(/\b(mon|tue|wed|thu|fri)(?:s|rs)?(?:day|sday|nesday|rsday)?\b/gi)];
  const pieces = marks.map((m, i) => ({
    day: (m[1] as string).toLowerCase(),
    text: text.slice(m.index, marks[i + 1]?.index ?? text.length),
  }));
  return ROTA.every(([day, driver]) => {
    const mine = pieces.filter((p) => p.day === day);
    const wrong = mine.some((p) => (p.text.match(PARENTS) ?? []).some((name) => !driver.test(name)));
    return !wrong && mine.some((p) => driver.test(p.text.replace(/^\S+/, "")));
  });
}

/**
 * John offered to draw up next week's swim-training lifts (Mon-Thu, pick-up 17:10). The three parents answer
 * in their own chats (+6 s, +11 s, +16 s): Priti can do Monday or Tuesday, Gareth only Thursday, Yusuf only
 * Wednesday. John's calendar has the quarterly review until 18:30 on Tuesday, so the only rota is Mon John,
 * Tue Priti, Wed Yusuf, Thu Gareth. Distractors: last week's filled-in rota note (same names, other days), the
 * swim club committee group. Ideal help: offer the rota; on acceptance fill in next week's note and post the
 * rota in the parents' lift group and put John's Monday lift in his calendar.
 */
@registerScenario("swim_rota_three_parents")
export class SwimRotaThreeParents extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "multi-party";
  override description =
    "Three parents offer driving days in separate chats; the user's calendar blocks Tuesday; fill the rota note and post it in the parents' group.";
  override additionalSystemPrompt =
    "You are John Doe. You drive one day of the swim lifts each week, any day your calendar leaves free at " +
    "17:10. You want the rota in your note and in the Otters lifts group, and your own driving day in your " +
    "calendar.";

  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;
  private notes!: StatefulNotesApp;
  private aui!: PAREAgentUserInterface;
  private rotaNote = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    this.notes = new StatefulNotesApp();
    this.notes.create_note_with_time({
      folder: "Personal",
      title: "Swim lifts w/c 17 Nov",
      content:
        "Pick-up 17:10 from school, training 17:30 at Riverside Pool.\nMon: Gareth\nTue: John\nWed: Priti\nThu: Yusuf",
      created_at: "2025-11-10 20:00:00",
    });
    this.rotaNote = this.notes.create_note_with_time({
      folder: "Personal",
      title: "Swim lifts w/c 24 Nov",
      content: "Pick-up 17:10 from school, training 17:30 at Riverside Pool.\nMon: ?\nTue: ?\nWed: ?\nThu: ?",
      created_at: "2025-11-17 20:00:00",
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Priti Shah", phone: PRITI },
        { name: "Gareth Lloyd", phone: GARETH },
        { name: "Yusuf Karim", phone: YUSUF },
        { name: "Helen Achebe", phone: "+15550304" },
      ],
    });
    const me = this.messaging.currentUserId;
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "Otters swim lifts",
      participants: [PRITI, GARETH, YUSUF],
      messages: [
        {
          sender: me,
          content: "I'll do next week's rota, tell me which days you can drive!",
          time: "2025-11-17 20:10:00",
        },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-swim-committee",
      title: "Otters swim club committee",
      participants: [GARETH, "+15550304"],
      messages: [{ sender: "+15550304", content: "Gala entries close Friday", time: "2025-11-17 12:00:00" }],
    });
    for (const [id, who] of [
      ["conv-priti", PRITI],
      ["conv-gareth", GARETH],
      ["conv-yusuf", YUSUF],
    ] as const)
      this.messaging.add_conversation({
        conversation_id: id,
        participants: [who],
        messages: [{ sender: who, content: "Thanks for driving today!", time: "2025-11-11 18:30:00" }],
      });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Lunch with Ola",
          start_datetime: "2025-11-24 12:00:00",
          end_datetime: "2025-11-24 13:00:00",
        },
        {
          title: "Quarterly review",
          start_datetime: "2025-11-25 16:00:00",
          end_datetime: "2025-11-25 18:30:00",
          location: "Head office, room 4",
        },
        { title: "Dentist", start_datetime: "2025-11-26 09:00:00", end_datetime: "2025-11-26 09:30:00" },
        { title: "Five-a-side", start_datetime: "2025-11-18 17:00:00", end_datetime: "2025-11-18 18:00:00" },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.calendar, this.notes];
  }

  protected buildEventsFlow(): void {
    const say = (id: string, conversation: string, sender: string, content: string, at: number) =>
      ev(this.messaging.create_and_add_message({ conversation_id: conversation, sender_id: sender, content }))
        .withId(id)
        .delayed(at);
    const priti = say("priti_days", "conv-priti", PRITI, "Next week I can drive Monday or Tuesday.", 6);
    const gareth = say(
      "gareth_days",
      "conv-gareth",
      GARETH,
      "Only Thursday for me next week, sorry, I'm on late shifts the other days.",
      11,
    );
    const yusuf = say(
      "yusuf_days",
      "conv-yusuf",
      YUSUF,
      "I can do Wednesday. The other days I've got the baby on my own.",
      16,
    );
    const week = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-24 00:00:00",
        end_datetime: "2025-11-28 00:00:00",
      }),
    )
      .oracle()
      .dependsOn([priti, gareth, yusuf], { delaySeconds: 3 });
    const note = ev(this.notes.search_notes({ query: "swim lifts" }))
      .oracle()
      .dependsOn(week, { delaySeconds: 1 });
    const chats = ev(this.messaging.list_recent_conversations({ offset: 0, limit: 5 }))
      .oracle()
      .dependsOn(note, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Priti can drive Mon or Tue, Gareth only Thu, Yusuf only Wed, and your quarterly review runs to 18:30 " +
          "on Tuesday. That gives: Mon you, Tue Priti, Wed Yusuf, Thu Gareth. Shall I fill in your note 'Swim " +
          "lifts w/c 24 Nov', post the rota in Otters swim lifts and put your Monday 17:10 lift in your calendar?",
      }),
    )
      .oracle()
      .dependsOn(chats, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Perfect, do it." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.notes.search_notes({ query: "w/c 24 Nov" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const fill = ev(
      this.notes.update_note({
        note_id: this.rotaNote,
        content:
          "Pick-up 17:10 from school, training 17:30 at Riverside Pool.\nMon: John\nTue: Priti\nWed: Yusuf\nThu: Gareth",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const group = ev(this.messaging.search({ query: "Otters swim lifts" }))
      .oracle()
      .dependsOn(fill, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content:
          "Lifts for next week (pick-up 17:10):\nMon: John\nTue: Priti\nWed: Yusuf\nThu: Gareth\nThanks all!",
      }),
    )
      .oracle()
      .dependsOn(group, { delaySeconds: 1 });
    const drive = ev(
      this.calendar.add_calendar_event({
        title: "Swim lift: Otters to Riverside Pool",
        start_datetime: "2025-11-24 17:10:00",
        end_datetime: "2025-11-24 17:40:00",
      }),
    )
      .oracle()
      .dependsOn(post, { delaySeconds: 1 });
    this.events = [priti, gareth, yusuf, week, note, chats, propose, accept, find, fill, group, post, drive];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const note = noteAtEnd(env, this.rotaNote);
    const otherNotes = assistantWrites(log, { className: "StatefulNotesApp" }).filter(
      (e) => argText(e, "note_id") !== this.rotaNote,
    );
    const adds = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" });
    const monday = adds.filter((e) =>
      timeBetween(argText(e, "start_datetime"), "2025-11-24 16:30:00", "2025-11-24 17:30:00"),
    );
    return new Checklist()
      .require(
        "a proposal with the rota",
        proposals(log).some((e) => mentionsAll(argText(e, "content"), "Priti", "Gareth", "Yusuf")),
      )
      .require(
        "next week's note holds Mon John, Tue Priti, Wed Yusuf, Thu Gareth",
        !!note && rotaHolds(note.content),
      )
      .require(
        "the rota posted in Otters swim lifts",
        groupPosts(log, GROUP).some((e) => rotaHolds(argText(e, "content"))),
      )
      .require(
        "John's Monday lift in the calendar, and no other day added",
        monday.length > 0 && adds.length === monday.length,
      )
      .require("last week's rota note untouched, no other note written", otherNotes.length === 0)
      .require(
        "nothing sent outside the lifts group",
        messagesElsewhere(log, { conversations: [GROUP] }).length === 0,
      )
      .verdict();
  }
}
