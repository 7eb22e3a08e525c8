import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { StatefulReminderApp } from "../../apps/reminder/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { directMessagesTo, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import {
  calendarWritesOutside,
  dueBetween,
  eventRunsAt,
  reminderWritesOutside,
  upcomingRemindersAbout,
} from "../reschedule-verdicts.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const GRACE = "+15550641";
const GRACE_ODUYA = "+15550642";
const LESSON_DAYS = ["2025-11-20", "2025-11-27", "2025-12-04"];
const FRIDAY_HALF_FIVE = /(fri[a-z]*|28)[^\n]{0,40}(17[:.]30|5[:.]30)|(17[:.]30|5[:.]30)[^\n]{0,40}(fri|28)/i;

/**
 * A recurring lesson against a one-off event. Sofia, John's partner, adds Leo's school concert (Thu 27 Nov
 * 17:00-18:30) to the calendar (+6 s); it lands on Leo's weekly piano lesson (Thursdays 17:00-17:45). The
 * teacher's contact card says make-ups are Wednesdays 16:00 or Fridays 17:30, texted a day ahead; Wednesday 26
 * is taken by the orthodontist, so Friday 28 Nov 17:30 it is. Ideal help: offer to text Grace Okafor for the
 * Friday make-up, move that week's lesson and that week's "piano books" reminder to Friday; on acceptance do it.
 */
@registerScenario("piano_lesson_vs_school_concert")
export class PianoLessonVsSchoolConcert extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "reschedule";
  override description =
    "Leo's school concert lands on his weekly piano lesson; book the teacher's Friday make-up and move that week's lesson and reminder only.";
  override additionalSystemPrompt =
    "You are John Doe. Leo must not miss his school concert, and you'd rather move a piano lesson than skip it.";

  private calendar!: StatefulCalendarApp;
  private contacts!: StatefulContactsApp;
  private messaging!: StatefulMessagingApp;
  private reminders!: StatefulReminderApp;
  private aui!: PAREAgentUserInterface;
  private lessonIds: string[] = [];
  private booksId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.contacts = new StatefulContactsApp();
    this.messaging = new StatefulMessagingApp();
    this.reminders = new StatefulReminderApp();
    this.lessonIds = this.calendar.add_calendar_events({
      events: LESSON_DAYS.map((day) => ({
        title: "Leo piano lesson",
        start_datetime: `${day} 17:00:00`,
        end_datetime: `${day} 17:45:00`,
        location: "Grace Okafor's, 5 Linden Close",
        tag: "Family",
      })),
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Orthodontist (Leo)",
          start_datetime: "2025-11-26 15:30:00",
          end_datetime: "2025-11-26 17:00:00",
        },
        { title: "Pizza night", start_datetime: "2025-11-28 19:00:00", end_datetime: "2025-11-28 21:00:00" },
      ],
    });
    this.contacts.add_contacts({
      contacts: [
        {
          first_name: "Grace",
          last_name: "Okafor",
          phone: GRACE,
          address: "5 Linden Close",
          job: "Piano teacher (Leo)",
          description: "Make-up lessons: Wednesdays 16:00 or Fridays 17:30; text her a day ahead.",
        },
        { first_name: "Grace", last_name: "Oduya", phone: GRACE_ODUYA, job: "Colleague, finance" },
        { first_name: "Sofia", last_name: "Doe", phone: "+15550643", description: "Partner" },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Grace Okafor", phone: GRACE },
        { name: "Grace Oduya", phone: GRACE_ODUYA },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-grace-okafor",
      participants: [GRACE],
      messages: [
        {
          sender: GRACE,
          content: "Leo did really well with the scales today!",
          time: "2025-11-13 17:50:00",
        },
      ],
    });
    this.booksId = this.reminders.create_reminder_with_time({
      title: "Leo: piano books in his bag",
      due_datetime: "2025-11-20 07:30:00",
      repetition_unit: "week",
    });
    this.reminders.create_reminder_with_time({
      title: "Concert outfit for Leo (white shirt)",
      due_datetime: "2025-11-26 19:00:00",
    });
    this.apps = [
      this.aui,
      new HomeScreenSystemApp(),
      this.calendar,
      this.messaging,
      this.contacts,
      this.reminders,
    ];
  }

  protected buildEventsFlow(): void {
    const concert = ev(
      this.calendar.add_calendar_event_by_attendee({
        who_add: "Sofia Doe",
        title: "School winter concert (Leo sings)",
        start_datetime: "2025-11-27 17:00:00",
        end_datetime: "2025-11-27 18:30:00",
        location: "Ashgrove Primary hall",
      }),
    )
      .withId("concert_added")
      .delayed(6);
    const piano = ev(this.calendar.search_events({ query: "piano" }))
      .oracle()
      .dependsOn(concert, { delaySeconds: 3 });
    const week = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-26 00:00:00",
        end_datetime: "2025-11-29 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(piano, { delaySeconds: 1 });
    const teacher = ev(this.contacts.search_contacts({ query: "Okafor" }))
      .oracle()
      .dependsOn(week, { delaySeconds: 1 });
    const list = ev(this.reminders.get_all_reminders()).oracle().dependsOn(teacher, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Sofia added Leo's school concert on Thu 27 Nov 17:00-18:30, the time of his piano lesson. Grace " +
          "Okafor's make-ups are Wednesdays 16:00 or Fridays 17:30; Wednesday the 26th he's at the orthodontist. " +
          "Shall I text Grace Okafor asking for the Friday 28 Nov 17:30 make-up, move that week's lesson to " +
          "Friday 17:30-18:15, and move that week's 'piano books' reminder to Friday 07:30?",
      }),
    )
      .oracle()
      .dependsOn(list, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, Friday is good." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const findGrace = ev(this.messaging.lookup_user_id({ user_name: "Grace Okafor" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const text = ev(
      this.messaging.send_message({
        user_id: GRACE,
        content:
          "Hi Grace, Leo has his school concert on Thursday 27th at lesson time. Could he have the make-up " +
          "lesson on Friday 28 November at 17:30 instead? Thank you!",
      }),
    )
      .oracle()
      .dependsOn(findGrace, { delaySeconds: 1 });
    const refind = ev(this.calendar.search_events({ query: "piano" }))
      .oracle()
      .dependsOn(text, { delaySeconds: 1 });
    const move = ev(
      this.calendar.edit_calendar_event({
        event_id: this.lessonIds[1] as string,
        start_datetime: "2025-11-28 17:30:00",
        end_datetime: "2025-11-28 18:15:00",
      }),
    )
      .oracle()
      .dependsOn(refind, { delaySeconds: 1 });
    const relist = ev(this.reminders.get_all_reminders()).oracle().dependsOn(move, { delaySeconds: 1 });
    const shift = ev(
      this.reminders.update_reminder({
        reminder_id: `${this.booksId}_rep_1`,
        due_datetime: "2025-11-28 07:30:00",
      }),
    )
      .oracle()
      .dependsOn(relist, { delaySeconds: 1 });
    const report = ev(
      this.aui.send_message_to_user({
        content: "Done: Grace asked for Friday 17:30, lesson and reminder moved for that week.",
      }),
    )
      .oracle()
      .dependsOn(shift, { delaySeconds: 1 });
    this.events = [
      concert,
      piano,
      week,
      teacher,
      list,
      propose,
      accept,
      findGrace,
      text,
      refind,
      move,
      relist,
      shift,
      report,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const [first, clash, last] = this.lessonIds as [string, string, string];
    const books = upcomingRemindersAbout(env, "piano");
    const on = (from: string, to: string) => books.some((r) => dueBetween(r, from, to));
    return new Checklist()
      .require(
        "a proposal about the concert and the lesson",
        proposals(log).some(
          (e) =>
            mentionsAny(argText(e, "content"), "concert") &&
            mentionsAny(argText(e, "content"), "piano", "lesson"),
        ),
      )
      .require(
        "Grace Okafor asked for the Friday 17:30 make-up",
        directMessagesTo(log, GRACE).some((e) => FRIDAY_HALF_FIVE.test(argText(e, "content"))),
      )
      .require(
        "the 27 Nov lesson now runs Friday 28 Nov from 17:30",
        eventRunsAt(env, clash, "2025-11-28 17:30:00", "2025-11-28 18:00:00", "2025-11-28 18:30:00"),
      )
      .require(
        "the other lessons and the concert stay",
        eventRunsAt(env, first, "2025-11-20 17:00:00", "2025-11-20 17:45:00") &&
          eventRunsAt(env, last, "2025-12-04 17:00:00", "2025-12-04 17:45:00") &&
          calendarWritesOutside(log, [clash]).length === 0,
      )
      .require(
        "that week's piano-books reminder on Friday 28 Nov before the lesson, none on Thursday 27",
        on("2025-11-28 06:00:00", "2025-11-28 17:00:00") && !on("2025-11-27 00:00:00", "2025-11-27 23:59:59"),
      )
      .require(
        "the weekly reminder stays on Thursdays otherwise; other reminders left alone",
        on("2025-11-20 07:30:00", "2025-11-20 07:30:00") &&
          on("2025-12-04 07:30:00", "2025-12-04 07:30:00") &&
          reminderWritesOutside(log, [`${this.booksId}_rep_1`], { allowAdds: true }).length === 0,
      )
      .require(
        "no message to Grace Oduya or anyone else",
        messagesElsewhere(log, { users: [GRACE] }).length === 0,
      )
      .verdict();
  }
}
