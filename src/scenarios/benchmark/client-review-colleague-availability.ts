import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails } from "../email-verdicts.js";
import { directMessagesTo, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { calendarWritesOutside, eventRunsAt } from "../reschedule-verdicts.js";
import { argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const MARIAM = "m.osei@harbourline.example";
const TOMASZ = "+15550651";
const TWO_PM = /14[:.]00|2\s*pm|2[:.]00\s*pm/i;
const TEN_AM = /10[:.]00|10\s*am/i;

/**
 * Attendee availability decides the new slot. Mariam, the client, emails (+7 s) asking to move Thursday's
 * 11:00 design review to Friday 10:00 or Friday 14:00. John is free at both, but his colleague Tomasz, the
 * review's other attendee, wrote on Monday that he is at the dentist on Friday morning until about 12:30.
 * Ideal help: offer Friday 14:00 (reply to Mariam, move the event, tell Tomasz); on acceptance do it.
 * Answering 10:00 would lose Tomasz.
 */
@registerScenario("client_review_colleague_availability")
export class ClientReviewColleagueAvailability extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "reschedule";
  override description =
    "A client asks to move a review to one of two Friday slots; the colleague who attends is out Friday morning, so take 14:00 and tell him.";
  override additionalSystemPrompt =
    "You are John Doe. Tomasz must be at any review with Harbourline; he presents the designs.";

  private email!: StatefulEmailApp;
  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;
  private reviewId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.email = new StatefulEmailApp();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    [this.reviewId] = this.calendar.add_calendar_events({
      events: [
        {
          title: "Design review with Harbourline",
          start_datetime: "2025-11-20 11:00:00",
          end_datetime: "2025-11-20 12:00:00",
          location: "Video call",
          attendees: ["Mariam Osei", "Tomasz Wrona"],
        },
        {
          title: "Sprint demo",
          start_datetime: "2025-11-21 09:00:00",
          end_datetime: "2025-11-21 09:45:00",
        },
        {
          title: "Lunch with Bea",
          start_datetime: "2025-11-21 12:30:00",
          end_datetime: "2025-11-21 13:30:00",
        },
      ],
    }) as [string, string, ...string[]];
    this.messaging.add_contacts({
      contacts: [
        { name: "Tomasz Wrona", phone: TOMASZ },
        { name: "Bea Lund", phone: "+15550652" },
        { name: "Rafe Kim", phone: "+15550653" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-tomasz",
      participants: [TOMASZ],
      messages: [
        {
          sender: TOMASZ,
          content: "FYI I'm at the dentist on Friday morning, back at my desk around 12:30.",
          time: "2025-11-17 16:40:00",
        },
        { sender: this.messaging.currentUserId, content: "Noted, good luck!", time: "2025-11-17 16:45:00" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-studio",
      title: "Studio",
      participants: [TOMASZ, "+15550652", "+15550653"],
      messages: [
        { sender: "+15550653", content: "Friday drinks at 17:00 anyone?", time: "2025-11-17 18:00:00" },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          sender: MARIAM,
          subject: "Designs for Thursday",
          content: "Looking forward to seeing the new check-in flow on Thursday.",
          time: "2025-11-14 10:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar, this.messaging];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-mariam-move",
        sender: MARIAM,
        subject: "Can we move Thursday's review?",
        content:
          "Hi John,\n\nSomething came up on Thursday. Could we move the design review to Friday, either " +
          "10:00-11:00 or 14:00-15:00? Whichever suits you and Tomasz.\n\nBest, Mariam",
      }),
    )
      .withId("mariam_asks")
      .delayed(7);
    const review = ev(this.calendar.search_events({ query: "Harbourline" }))
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const friday = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-21 00:00:00",
        end_datetime: "2025-11-22 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(review, { delaySeconds: 1 });
    const chats = ev(this.messaging.search({ query: "Friday" }))
      .oracle()
      .dependsOn(friday, { delaySeconds: 1 });
    const tomasz = ev(this.messaging.read_conversation({ conversation_id: "conv-tomasz", limit: 5 }))
      .oracle()
      .dependsOn(chats, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Mariam asks to move Thursday's Harbourline review to Friday 10:00 or 14:00. Tomasz Wrona is at the " +
          "dentist Friday morning until about 12:30, so shall I reply to Mariam with Friday 14:00-15:00, move " +
          "the review in your calendar, and let Tomasz Wrona know?",
      }),
    )
      .oracle()
      .dependsOn(tomasz, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, 14:00." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const mail = ev(this.email.search_emails({ query: "Thursday's review" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const reply = ev(
      this.email.reply_to_email({
        email_id: "email-mariam-move",
        content: "Hi Mariam,\n\nFriday 14:00-15:00 works for Tomasz and me. See you then!\n\nJohn",
      }),
    )
      .oracle()
      .dependsOn(mail, { delaySeconds: 1 });
    const refind = ev(this.calendar.search_events({ query: "Harbourline" }))
      .oracle()
      .dependsOn(reply, { delaySeconds: 1 });
    const move = ev(
      this.calendar.edit_calendar_event({
        event_id: this.reviewId,
        start_datetime: "2025-11-21 14:00:00",
        end_datetime: "2025-11-21 15:00:00",
      }),
    )
      .oracle()
      .dependsOn(refind, { delaySeconds: 1 });
    const find = ev(this.messaging.lookup_user_id({ user_name: "Tomasz Wrona" }))
      .oracle()
      .dependsOn(move, { delaySeconds: 1 });
    const tell = ev(
      this.messaging.send_message({
        user_id: TOMASZ,
        content: "Harbourline moved the design review to Friday 14:00-15:00, after your dentist. OK?",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const report = ev(this.aui.send_message_to_user({ content: "Done: review on Friday 14:00, both told." }))
      .oracle()
      .dependsOn(tell, { delaySeconds: 1 });
    this.events = [
      ask,
      review,
      friday,
      chats,
      tomasz,
      propose,
      accept,
      mail,
      reply,
      refind,
      move,
      find,
      tell,
      report,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const sent = assistantEmails(env);
    const toMariam = sent.filter((m) => m.recipients.includes(MARIAM));
    return new Checklist()
      .require(
        "a proposal about moving the Harbourline review",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "review", "Harbourline", "Mariam")),
      )
      .require(
        "Mariam told Friday 14:00 (never 10:00 alone)",
        toMariam.some((m) => TWO_PM.test(m.content)) &&
          toMariam.every((m) => TWO_PM.test(m.content) || !TEN_AM.test(m.content)),
      )
      .require(
        "the review now runs Friday 21 Nov 14:00-15:00",
        eventRunsAt(env, this.reviewId, "2025-11-21 14:00:00", "2025-11-21 15:00:00"),
      )
      .require(
        "Tomasz told the review is Friday at 14:00",
        directMessagesTo(log, TOMASZ).some((e) => TWO_PM.test(argText(e, "content"))),
      )
      .require(
        "no other event changed, no other email or message",
        calendarWritesOutside(log, [this.reviewId]).length === 0 &&
          sent.every((m) => m.recipients.every((r) => r === MARIAM)) &&
          messagesElsewhere(log, { users: [TOMASZ] }).length === 0,
      )
      .verdict();
  }
}
