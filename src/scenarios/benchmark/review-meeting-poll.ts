import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import type { Environment } from "../../core/environment.js";
import { ConditionCheckEvent, type Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails, assistantEmailsTo } from "../email-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals, timeBetween } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const RHEA = "rhea.kapoor@ferrovia-systems.example";
const TOMAS = "tomas.ortega@ferrovia-systems.example";
const WEN = "wen.li@ferrovia-systems.example";
const NAMESAKES = ["tomas.ortiz@ortiz-print.example", "wen.liu@postbox.example"];
const THURSDAY_2PM = /thu[a-z]*\b[^\n]{0,40}(?:14[:.]00|2\s*pm)|(?:14[:.]00|2\s*pm)[^\n]{0,40}thu/i;
const FRIDAY_10AM = /fri[a-z]*\b[^\n]{0,40}10[:.]00|10[:.]00[^\n]{0,40}fri|fri[a-z]*\b[^\n]{0,40}10\s*am/i;
const FOUR_PM = /16[:.]00|4\s*pm/i;

/**
 * Two rounds. (1) Rhea, John's manager, emails (+6 s): set up a 45-minute design review with Tomás Ortega and
 * Wen Li; Thursday 14:00, Thursday 16:00 or Friday 10:00 suit her. John's physio on Thursday 15:30-17:00 rules
 * out 16:00. Ideal help: offer to email both colleagues (addresses from Contacts, not Tomas Ortiz the printer or
 * Wen Liu) the two slots John can do; on acceptance send it and report. (2) Only once they got it do both answer
 * (+10 s, +18 s): Tomás can only do Thursday, Wen either. Ideal help: offer to book Thursday 20 Nov 14:00-14:45
 * and confirm; on acceptance add the review and email the confirmation. Booking before both replied is wrong.
 */
@registerScenario("review_meeting_poll")
export class ReviewMeetingPoll extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["follow-up"];
  override theme = "multi-party";
  override description =
    "The manager asks for a review with two colleagues; email both the free slots, then book the one both accept and confirm.";
  override additionalSystemPrompt =
    "You are John Doe. Thursday's physio appointment stays. You want Tomás and Wen to choose between the slots " +
    "you can do, and the review booked only once both have answered.";

  private calendar!: StatefulCalendarApp;
  private contacts!: StatefulContactsApp;
  private email!: StatefulEmailApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.contacts = new StatefulContactsApp();
    this.email = new StatefulEmailApp();
    this.contacts.add_contacts({
      contacts: [
        { first_name: "Rhea", last_name: "Kapoor", email: RHEA, job: "Head of design" },
        {
          first_name: "Tomas",
          last_name: "Ortiz",
          email: NAMESAKES[0],
          job: "Print shop",
          description: "Flyers",
        },
        { first_name: "Tomás", last_name: "Ortega", email: TOMAS, job: "Product designer" },
        { first_name: "Wen", last_name: "Liu", email: NAMESAKES[1], description: "Book club" },
        { first_name: "Wen", last_name: "Li", email: WEN, job: "Front-end engineer" },
      ],
    });
    this.calendar.add_calendar_events({
      events: [
        { title: "Lunch", start_datetime: "2025-11-20 13:00:00", end_datetime: "2025-11-20 14:00:00" },
        {
          title: "Physio",
          start_datetime: "2025-11-20 15:30:00",
          end_datetime: "2025-11-20 17:00:00",
          location: "Eastfold Physio",
        },
        {
          title: "Sprint planning",
          start_datetime: "2025-11-21 11:00:00",
          end_datetime: "2025-11-21 12:00:00",
        },
      ],
    });
    this.email.add_emails({
      emails: [
        {
          sender: "tomas.ortiz@ortiz-print.example",
          subject: "Your flyer proofs",
          content: "Proofs attached, reply to approve.",
          time: "2025-11-17 11:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.email, this.calendar, this.contacts];
  }

  protected buildEventsFlow(): void {
    const ask = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-rhea-review",
        sender: RHEA,
        subject: "Design review of the onboarding flow",
        content:
          "Hi John, could you set up a 45-minute design review of the new onboarding flow with Tomás Ortega and " +
          "Wen Li? Thursday 14:00, Thursday 16:00 or Friday 10:00 all suit me. Offer them the ones you can do " +
          "and book whichever both can make. Thanks! Rhea",
      }),
    )
      .withId("rhea_asks_review")
      .delayed(6);
    const days = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-20 00:00:00",
        end_datetime: "2025-11-22 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(ask, { delaySeconds: 3 });
    const tomas = ev(this.contacts.search_contacts({ query: "Ortega" }))
      .oracle()
      .dependsOn(days, { delaySeconds: 1 });
    const wen = ev(this.contacts.search_contacts({ query: "Wen" }))
      .oracle()
      .dependsOn(tomas, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Rhea wants a 45-minute design review with Tomás Ortega and Wen Li; Thursday 16:00 clashes with your " +
          `physio. Shall I email Tomás (${TOMAS}) and Wen (${WEN}) offering Thursday 20 Nov at 14:00 or Friday ` +
          "21 Nov at 10:00?",
      }),
    )
      .oracle()
      .dependsOn(wen, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, ask them." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const offer = ev(
      this.email.send_email({
        recipients: [TOMAS, WEN],
        subject: "Design review",
        content:
          "Hi Tomás, hi Wen,\n\nRhea asked me to set up a 45-minute design review of the new onboarding flow. " +
          "Could you each tell me which of these works: Thursday 20 Nov at 14:00, or Friday 21 Nov at 10:00?" +
          "\n\nThanks,\nJohn",
      }),
    )
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const asked = ev(
      this.aui.send_message_to_user({ content: "Sent; I'll book the review once both have answered." }),
    )
      .oracle()
      .dependsOn(offer, { delaySeconds: 2 });
    const reached = ConditionCheckEvent.fromCondition(
      (env) => assistantEmailsTo(env, TOMAS).length > 0 && assistantEmailsTo(env, WEN).length > 0,
      { description: "Tomás and Wen received the two slots", everyTicks: 5, timeoutTicks: 3600 },
    );
    const tomasReply = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-tomas-slot",
        sender: TOMAS,
        subject: "Re: Design review",
        content: "Thursday at 14:00 works for me. Friday morning I'm at the client, so not then.",
      }),
    )
      .withId("tomas_answers")
      .dependsOn(reached, { delaySeconds: 10 });
    const wenReply = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-wen-slot",
        sender: WEN,
        subject: "Re: Design review",
        content: "Either is fine for me, Thursday 14:00 or Friday 10:00.",
      }),
    )
      .withId("wen_answers")
      .dependsOn(reached, { delaySeconds: 18 });
    const replies = ev(this.email.search_emails({ query: "Re: Design review" }))
      .oracle()
      .dependsOn([tomasReply, wenReply], { delaySeconds: 2 });
    const proposeBook = ev(
      this.aui.send_message_to_user({
        content:
          "Tomás can only do Thursday; Wen can do either. Shall I book the design review for Thursday 20 Nov " +
          `14:00-14:45 with Tomás Ortega and Wen Li, and email them (${TOMAS}, ${WEN}) the confirmation with ` +
          `Rhea (${RHEA}) in copy?`,
      }),
    )
      .oracle()
      .dependsOn(replies, { delaySeconds: 2 });
    const acceptBook = ev(this.aui.accept_proposal({ content: "Yes, book it." }))
      .oracle()
      .dependsOn(proposeBook, { delaySeconds: 3 });
    const book = ev(
      this.calendar.add_calendar_event({
        title: "Design review: onboarding flow",
        start_datetime: "2025-11-20 14:00:00",
        end_datetime: "2025-11-20 14:45:00",
        attendees: ["Tomás Ortega", "Wen Li", "Rhea Kapoor"],
      }),
    )
      .oracle()
      .dependsOn(acceptBook, { delaySeconds: 2 });
    const confirm = ev(
      this.email.send_email({
        recipients: [TOMAS, WEN],
        cc: [RHEA],
        subject: "Design review booked: Thursday 20 Nov, 14:00",
        content:
          "Hi both,\n\nThe design review of the onboarding flow is booked for Thursday 20 November, " +
          "14:00-14:45. See you then!\n\nJohn",
      }),
    )
      .oracle()
      .dependsOn(book, { delaySeconds: 1 });
    this.events = [
      ask,
      days,
      tomas,
      wen,
      propose,
      accept,
      offer,
      asked,
      reached,
      tomasReply,
      wenReply,
      replies,
      proposeBook,
      acceptBook,
      book,
      confirm,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const times = ["tomas_answers", "wen_answers"].map((id) => log.byId(id)?.eventTime);
    const bothAnswered =
      times[0] !== undefined && times[1] !== undefined ? Math.max(times[0], times[1]) : undefined;
    const before = (t: number) => bothAnswered === undefined || t < bothAnswered;
    const after = (t: number) => bothAnswered !== undefined && t > bothAnswered;
    const toBoth = assistantEmails(env).filter(
      (m) => m.recipients.includes(TOMAS) || m.recipients.includes(WEN),
    );
    const offered = [TOMAS, WEN].every((who) =>
      toBoth.some(
        (m) =>
          m.recipients.includes(who) &&
          before(m.time) &&
          THURSDAY_2PM.test(m.content) &&
          FRIDAY_10AM.test(m.content) &&
          !FOUR_PM.test(m.content),
      ),
    );
    const confirmed = [TOMAS, WEN].every((who) =>
      toBoth.some((m) => m.recipients.includes(who) && after(m.time) && THURSDAY_2PM.test(m.content)),
    );
    const adds = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" });
    const booked = adds.filter(
      (e) =>
        timeBetween(argText(e, "start_datetime"), "2025-11-20 14:00:00", "2025-11-20 14:00:00") &&
        timeBetween(argText(e, "end_datetime"), "2025-11-20 14:45:00", "2025-11-20 15:00:00"),
    );
    return new Checklist()
      .require(
        "a proposal to offer Tomás and Wen the slots",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Tomás", "Tomas", "Wen")),
      )
      .require(
        "before they answered, Tomás and Wen offered Thursday 14:00 and Friday 10:00 (not 16:00)",
        offered,
      )
      .require(
        "after both answered, the review booked Thursday 20 Nov 14:00 for 45 minutes",
        booked.length > 0 && booked.every((e) => after(e.eventTime)),
      )
      .require("no other review booked", adds.length === booked.length)
      .require("after both answered, a confirmation of Thursday 14:00 to both", confirmed)
      .require(
        "no email to the namesakes (Tomas Ortiz, Wen Liu)",
        assistantEmails(env).every((m) => m.recipients.every((r) => !NAMESAKES.includes(r))),
      )
      .verdict();
  }
}
