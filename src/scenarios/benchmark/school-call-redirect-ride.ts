import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCabApp } from "../../apps/cab/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantRides, rideById } from "../cab-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals, timeBetween } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const MAYA = "+15550123";
const HOME = "14 Alder Row";
const SCHOOL = "Elm Park Primary, 7 Orchard Lane";
const SCHOOL_EMAIL = "email-school-fever";
const ORGANISER = "ruth.okafor@brightfold.example";

/**
 * 09:00. John has a cab booked from home to the studio at 09:15 for a 10:30 planning meeting organised by
 * Ruth. At +8 s the school emails that his son Theo has a fever and must be collected now. Maya, his
 * partner, said yesterday she is at an audit in Leeds all day. Ideal help: offer to cancel the office cab,
 * book one from home to the school now, reply to the school, email Ruth that John will miss the planning
 * meeting, and message Maya; on acceptance do all five.
 */
@registerScenario("school_call_redirect_ride")
export class SchoolCallRedirectRide extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "ride-monitoring";
  override description =
    "The school calls a sick child home while a cab to the office is booked; redirect the ride and clear the morning.";
  override additionalSystemPrompt =
    "You are John Doe. If Theo is unwell you go and fetch him straight away and work from home; Ruth and Maya " +
    "should hear it from you. Any ordinary cab is fine.";

  private cab!: StatefulCabApp;
  private calendar!: StatefulCalendarApp;
  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;
  private officeRideId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.cab = new StatefulCabApp();
    this.calendar = new StatefulCalendarApp();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    this.calendar.add_calendar_event({
      title: "Quarterly planning",
      start_datetime: "2025-11-18 10:30:00",
      end_datetime: "2025-11-18 12:00:00",
      location: "Brightfold Studio, 19 Foundry Square, room Atlas",
      description: `Organiser: Ruth Okafor (${ORGANISER}). In person only.`,
      attendees: ["Ruth Okafor", "Oskar Lind", "Anya Sorensen"],
    });
    this.calendar.add_calendar_event({
      title: "Design review (remote ok)",
      start_datetime: "2025-11-18 15:00:00",
      end_datetime: "2025-11-18 16:00:00",
      description: "Organiser: Oskar Lind (oskar.lind@brightfold.example).",
      attendees: ["Oskar Lind"],
    });
    this.cab.add_new_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: SCHOOL,
      price: 4.2,
      distance_km: 4.2,
      duration: 9,
      ride_time: "2025-11-03 08:20:00",
    });
    this.officeRideId = this.cab.add_on_going_ride({
      service_type: "Default",
      start_location: HOME,
      end_location: "Brightfold Studio, 19 Foundry Square",
      ride_time: "2025-11-18 09:15:00",
      distance_km: 8.4,
      delay: 15,
    }).ride_id;
    this.email.add_emails({
      emails: [
        {
          sender: "office@elmparkprimary.example",
          subject: "Reminder: photo day on Friday",
          content: "Class photos are on Friday 21 November.",
          time: "2025-11-14 12:00:00",
        },
        {
          sender: ORGANISER,
          subject: "Planning: please bring the Q1 roadmap",
          content: "See you in Atlas at 10:30. Ruth",
          time: "2025-11-17 17:20:00",
        },
      ],
    });
    this.messaging.add_contacts({
      contacts: [
        { name: "Maya Lindqvist", phone: MAYA },
        { name: "Ruth Okafor", phone: "+15550140" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-maya",
      participants: [MAYA],
      messages: [
        {
          sender: MAYA,
          content: "I'm at the Leeds audit all day tomorrow, back around 20:00. You're on school duty!",
          time: "2025-11-17 21:40:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.cab, this.calendar, this.email, this.messaging];
  }

  protected buildEventsFlow(): void {
    const call = ev(
      this.email.send_email_to_user_with_id({
        email_id: SCHOOL_EMAIL,
        sender: "office@elmparkprimary.example",
        subject: "Theo is unwell - please collect him",
        content:
          "Dear Mr Doe,\n\nTheo has a temperature of 38.6 C and says his head hurts. Please collect him from the " +
          `school office (${SCHOOL}) as soon as you can.\n\nElm Park Primary office`,
      }),
    )
      .withId("school_fever_email")
      .delayed(8);
    const ride = ev(this.cab.get_current_ride_status()).oracle().dependsOn(call, { delaySeconds: 3 });
    const agenda = ev(this.calendar.read_today_calendar_events())
      .oracle()
      .dependsOn(ride, { delaySeconds: 1 });
    const partner = ev(this.messaging.list_recent_conversations({}))
      .oracle()
      .dependsOn(agenda, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Elm Park Primary says Theo has a fever and needs collecting, and Maya is in Leeds all day. Shall I " +
          `cancel your 09:15 cab to the studio, book one from ${HOME} to ${SCHOOL} right now, tell the school ` +
          `you're on your way, email Ruth Okafor (${ORGANISER}) that you'll miss the 10:30 quarterly planning, ` +
          "and let Maya Lindqvist know?",
      }),
    )
      .oracle()
      .dependsOn(partner, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, all of it, quickly please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const cancel = ev(this.cab.user_cancel_ride()).oracle().dependsOn(accept, { delaySeconds: 1 });
    const book = ev(
      this.cab.order_ride({ start_location: HOME, end_location: SCHOOL, service_type: "Default" }),
    )
      .oracle()
      .dependsOn(cancel, { delaySeconds: 1 });
    const findSchool = ev(this.email.search_emails({ query: "Theo" }))
      .oracle()
      .dependsOn(book, { delaySeconds: 1 });
    const school = ev(
      this.email.reply_to_email({
        email_id: SCHOOL_EMAIL,
        content:
          "Thank you for letting me know. I'm on my way and will be there in about 20 minutes. John Doe",
      }),
    )
      .oracle()
      .dependsOn(findSchool, { delaySeconds: 1 });
    const ruth = ev(
      this.email.send_email({
        recipients: [ORGANISER],
        subject: "Can't make quarterly planning today",
        content:
          "Hi Ruth, my son is ill and I have to collect him from school, so I'll miss the 10:30 planning. " +
          "I'll catch up on the notes and send my roadmap comments this afternoon. Sorry! John",
      }),
    )
      .oracle()
      .dependsOn(school, { delaySeconds: 2 });
    const who = ev(this.messaging.lookup_user_id({ user_name: "Maya Lindqvist" }))
      .oracle()
      .dependsOn(ruth, { delaySeconds: 1 });
    const maya = ev(
      this.messaging.send_message({
        user_id: MAYA,
        content: "Theo has a fever, the school called. I'm picking him up now and will work from home.",
      }),
    )
      .oracle()
      .dependsOn(who, { delaySeconds: 1 });
    this.events = [
      call,
      ride,
      agenda,
      partner,
      propose,
      accept,
      cancel,
      book,
      findSchool,
      school,
      ruth,
      who,
      maya,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const rides = assistantRides(env);
    const toSchool = agentCalls(log, { className: "StatefulCabApp", function: "order_ride" }).some(
      (e) =>
        mentionsAny(argText(e, "start_location"), "Alder") &&
        mentionsAny(argText(e, "end_location"), "Orchard", "Elm Park") &&
        timeBetween(argText(e, "ride_time"), "2025-11-18 09:00:00", "2025-11-18 09:20:00", e.eventTime),
    );
    const toldRuth = agentCalls(log, { className: "StatefulEmailApp", function: "send_email" }).some(
      (e) =>
        argText(e, "recipients").includes(ORGANISER) &&
        mentionsAny(argText(e, "content"), "miss", "can't", "cannot", "won't", "not be able", "unable"),
    );
    const repliedSchool = agentCalls(log, { className: "StatefulEmailApp", function: "reply_to_email" }).some(
      (e) => argText(e, "email_id") === SCHOOL_EMAIL,
    );
    const toldMaya = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" }).some(
      (e) => argText(e, "user_id") === MAYA && mentionsAny(argText(e, "content"), "Theo", "school", "fever"),
    );
    return new Checklist()
      .require(
        "a proposal to redirect to the school",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Theo", "school")),
      )
      .require("the cab to the studio cancelled", rideById(env, this.officeRideId)?.status === "CANCELLED")
      .require("one cab from home to the school, now", toSchool && rides.length === 1)
      .require("a reply to the school", repliedSchool)
      .require("an email to Ruth that John misses the planning", toldRuth)
      .require("a message to Maya about Theo", toldMaya)
      .verdict();
  }
}
