import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { StatefulFilesApp } from "../../apps/files/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { calendarWritesOutside, eventRunsAt } from "../reschedule-verdicts.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const MAIL = "email-spanish-timetable";
const TIMETABLE = "spanish-b1-timetable-rev2.pdf";
const MONDAYS = ["2025-11-24", "2025-12-01", "2025-12-08", "2025-12-15"];

/**
 * A recurring course changes two sessions, and only the attached PDF says which. The college emails (+9 s) a
 * revised timetable for John's Monday Spanish course: the session of Mon 24 Nov moves to Wed 26 Nov and the
 * session of Mon 8 Dec to Tue 9 Dec (same hours, 18:00-20:00); 1 and 15 Dec stay. Ideal help: offer to save
 * and read the timetable and update the sessions; on acceptance save it, read it and move exactly those two.
 */
@registerScenario("course_timetable_revised_sessions")
export class CourseTimetableRevisedSessions extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "reschedule";
  override description =
    "A revised course timetable PDF moves two of the Monday sessions; save it, read it and move exactly those two in the calendar.";

  private email!: StatefulEmailApp;
  private files!: StatefulFilesApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;
  private sessionIds: string[] = [];

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.files = new StatefulFilesApp();
    this.calendar = new StatefulCalendarApp();
    this.sessionIds = this.calendar.add_calendar_events({
      events: MONDAYS.map((day) => ({
        title: "Spanish B1 (evening course)",
        start_datetime: `${day} 18:00:00`,
        end_datetime: `${day} 20:00:00`,
        location: "Rivermead College, Room 12",
      })),
    });
    this.calendar.add_calendar_events({
      events: [
        { title: "Badminton", start_datetime: "2025-11-25 19:00:00", end_datetime: "2025-11-25 20:30:00" },
        {
          title: "Office party",
          start_datetime: "2025-12-12 18:00:00",
          end_datetime: "2025-12-12 23:00:00",
        },
      ],
    });
    this.files.add_file({
      path: "Documents/Courses/spanish-b1-timetable.pdf",
      text:
        "Spanish B1, autumn term: Mondays 18:00-20:00, Room 12, 15 September to 15 December (no session on " +
        "27 October).",
      size: 64_000,
    });
    this.email.add_emails({
      emails: [
        {
          sender: "courses@rivermead-college.example",
          subject: "Spanish B1: homework for Monday",
          content: "Please finish unit 7 of the workbook for Monday.",
          time: "2025-11-17 21:00:00",
        },
        {
          sender: "courses@rivermead-college.example",
          subject: "Photography course: timetable",
          content: "The photography course keeps its Thursday slot for the whole term.",
          time: "2025-11-14 09:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.files, this.calendar];
  }

  protected buildEventsFlow(): void {
    const revised = ev(
      this.email.send_email_to_user_with_id({
        email_id: MAIL,
        sender: "courses@rivermead-college.example",
        subject: "Spanish B1: revised timetable",
        content:
          "Dear students,\n\nBecause of the exam period two of the remaining sessions change day; the revised " +
          "timetable is attached. All other sessions stay as they are.\n\nRivermead College",
        attachments: [
          {
            name: TIMETABLE,
            text:
              "Spanish B1 - revised timetable (rev. 2) - Room 12, 18:00-20:00\n" +
              "Session 9: Monday 24 November -> moved to Wednesday 26 November 2025\n" +
              "Session 10: Monday 1 December (unchanged)\n" +
              "Session 11: Monday 8 December -> moved to Tuesday 9 December 2025\n" +
              "Session 12: Monday 15 December (unchanged, oral exam)",
            size: 71_000,
          },
        ],
      }),
    )
      .withId("timetable_revised")
      .delayed(9);
    const read = ev(this.email.get_email_by_id({ email_id: MAIL }))
      .oracle()
      .dependsOn(revised, { delaySeconds: 3 });
    const course = ev(this.calendar.search_events({ query: "Spanish" }))
      .oracle()
      .dependsOn(read, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          `Rivermead College sent a revised Spanish B1 timetable (${TIMETABLE}): two of your remaining Monday ` +
          "sessions change day. Shall I save it, read which ones, and move those sessions in your calendar?",
      }),
    )
      .oracle()
      .dependsOn(course, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const find = ev(this.email.search_emails({ query: "revised timetable" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const save = ev(this.email.download_attachments({ email_id: MAIL }))
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const details = ev(this.files.read_document({ file_path: `/Downloads/${TIMETABLE}` }))
      .oracle()
      .dependsOn(save, { delaySeconds: 1 });
    const sessions = ev(this.calendar.search_events({ query: "Spanish" }))
      .oracle()
      .dependsOn(details, { delaySeconds: 1 });
    const nine = ev(
      this.calendar.edit_calendar_event({
        event_id: this.sessionIds[0] as string,
        start_datetime: "2025-11-26 18:00:00",
        end_datetime: "2025-11-26 20:00:00",
      }),
    )
      .oracle()
      .dependsOn(sessions, { delaySeconds: 1 });
    const eleven = ev(
      this.calendar.edit_calendar_event({
        event_id: this.sessionIds[2] as string,
        start_datetime: "2025-12-09 18:00:00",
        end_datetime: "2025-12-09 20:00:00",
      }),
    )
      .oracle()
      .dependsOn(nine, { delaySeconds: 1 });
    const report = ev(
      this.aui.send_message_to_user({
        content: "Done: session 9 is now Wed 26 Nov and session 11 Tue 9 Dec, both 18:00-20:00.",
      }),
    )
      .oracle()
      .dependsOn(eleven, { delaySeconds: 1 });
    this.events = [
      revised,
      read,
      course,
      propose,
      accept,
      find,
      save,
      details,
      sessions,
      nine,
      eleven,
      report,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const [s9, s10, s11, s12] = this.sessionIds as [string, string, string, string];
    return new Checklist()
      .require(
        "a proposal about the revised timetable",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "timetable", "Spanish")),
      )
      .require(
        "session 9 moved to Wednesday 26 Nov 18:00-20:00",
        eventRunsAt(env, s9, "2025-11-26 18:00:00", "2025-11-26 20:00:00"),
      )
      .require(
        "session 11 moved to Tuesday 9 Dec 18:00-20:00",
        eventRunsAt(env, s11, "2025-12-09 18:00:00", "2025-12-09 20:00:00"),
      )
      .require(
        "sessions 10 and 12 stay on their Mondays; nothing else changed",
        eventRunsAt(env, s10, "2025-12-01 18:00:00", "2025-12-01 20:00:00") &&
          eventRunsAt(env, s12, "2025-12-15 18:00:00", "2025-12-15 20:00:00") &&
          calendarWritesOutside(log, [s9, s11]).length === 0,
      )
      .verdict();
  }
}
