import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { StatefulContactsApp } from "../../apps/contacts/app.js";
import { StatefulEmailApp } from "../../apps/email/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import { ConditionCheckEvent, type Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { assistantEmails, assistantEmailsTo } from "../email-verdicts.js";
import { directMessagesTo, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { calendarWritesOutside, eventRunsAt } from "../reschedule-verdicts.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals, timeBetween } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const MAREK = "+15550611";
const HELEN = "helen.achterberg@quillfield.example";
const HELEN_ARCHER = "helen@archer-yoga.example";
const HALF_FOUR = /16[:.]30|4[:.]30\s*pm/i;

/**
 * An urgent reschedule in two rounds. (1) Marek, the heating engineer, texts (+6 s) that the only slot this
 * week for the boiler repair is tomorrow, Wednesday 19 Nov 09:00-11:00 (otherwise 2 December). John's 1:1
 * with his manager Helen Achterberg is Wednesday 09:30-10:00; 14:00 and 16:30 are free that day. Ideal help:
 * offer to confirm Marek, put the visit in the calendar and email Helen (address from Contacts, not Helen the
 * yoga teacher) to move the 1:1 to 14:00; on acceptance do it and report. (2) Only once she got the email does
 * Helen answer (+10 s): 14:00 is taken, 16:30 works. Ideal help: offer to move the 1:1 to 16:30 and confirm; on
 * acceptance edit the event and reply to her. Moving the 1:1 before Helen answered is wrong.
 */
@registerScenario("boiler_repair_moves_one_to_one")
export class BoilerRepairMovesOneToOne extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["timing-sensitive"];
  override theme = "reschedule";
  override description =
    "The boiler engineer can only come tomorrow morning, over the 1:1; confirm him, ask the manager to move, then move it to the time she offers.";
  override additionalSystemPrompt =
    "You are John Doe. The flat has had no heating for three days, so the boiler repair comes first and you " +
    "must be home for it. You'd rather move the 1:1 with Helen than miss the repair, but only to a time she " +
    "agrees to. The afternoon client call stays.";

  private calendar!: StatefulCalendarApp;
  private contacts!: StatefulContactsApp;
  private email!: StatefulEmailApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;
  private oneToOneId = "";

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.contacts = new StatefulContactsApp();
    this.email = new StatefulEmailApp();
    this.messaging = new StatefulMessagingApp();
    this.contacts.add_contacts({
      contacts: [
        { first_name: "Helen", last_name: "Achterberg", email: HELEN, job: "Engineering manager" },
        { first_name: "Helen", last_name: "Archer", email: HELEN_ARCHER, description: "Yoga teacher" },
        { first_name: "Marek", last_name: "Zielinski", phone: MAREK, job: "Heating engineer" },
      ],
    });
    this.messaging.add_contacts({ contacts: [{ name: "Marek Zielinski", phone: MAREK }] });
    this.messaging.add_conversation({
      conversation_id: "conv-marek",
      participants: [MAREK],
      messages: [
        {
          sender: MAREK,
          content: "The pump on your boiler has failed, I've ordered the part. I'll text when it arrives.",
          time: "2025-11-15 17:40:00",
        },
      ],
    });
    [this.oneToOneId] = this.calendar.add_calendar_events({
      events: [
        {
          title: "1:1 with Helen",
          start_datetime: "2025-11-19 09:30:00",
          end_datetime: "2025-11-19 10:00:00",
          location: "Quillfield office, 3rd floor",
          attendees: ["Helen Achterberg"],
        },
        {
          title: "Team lunch",
          start_datetime: "2025-11-19 12:30:00",
          end_datetime: "2025-11-19 13:30:00",
        },
        {
          title: "Client call: Baxter & Rowe",
          start_datetime: "2025-11-19 15:00:00",
          end_datetime: "2025-11-19 16:00:00",
        },
        {
          title: "Yoga with Helen Archer",
          start_datetime: "2025-11-20 18:00:00",
          end_datetime: "2025-11-20 19:00:00",
        },
      ],
    }) as [string, string, ...string[]];
    this.email.add_emails({
      emails: [
        {
          sender: HELEN_ARCHER,
          subject: "Thursday class",
          content: "Bring a blanket on Thursday, we're doing a long relaxation.",
          time: "2025-11-16 19:00:00",
        },
      ],
    });
    this.apps = [
      this.aui,
      new HomeScreenSystemApp(),
      this.messaging,
      this.calendar,
      this.email,
      this.contacts,
    ];
  }

  protected buildEventsFlow(): void {
    const slot = ev(
      this.messaging.create_and_add_message({
        conversation_id: "conv-marek",
        sender_id: MAREK,
        content:
          "Good news, the pump arrived! The only slot I have this week is tomorrow, Wednesday, 09:00-11:00; " +
          "after that my next free day is 2 December. Can you be in?",
      }),
    )
      .withId("marek_offers_slot")
      .delayed(6);
    const day = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-19 00:00:00",
        end_datetime: "2025-11-20 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(slot, { delaySeconds: 3 });
    const helen = ev(this.contacts.search_contacts({ query: "Helen" }))
      .oracle()
      .dependsOn(day, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Marek can fix the boiler only tomorrow, Wed 19 Nov 09:00-11:00 (next slot 2 Dec), which clashes with " +
          `your 1:1 with Helen at 09:30. Shall I confirm Marek, add the visit to your calendar, and email Helen ` +
          `Achterberg (${HELEN}) asking to move the 1:1 to 14:00 (you're free 14:00-15:00)?`,
      }),
    )
      .oracle()
      .dependsOn(helen, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes please." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const findMarek = ev(this.messaging.lookup_user_id({ user_name: "Marek" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const confirm = ev(
      this.messaging.send_message({
        user_id: MAREK,
        content: "Great, tomorrow (Wednesday) 09:00-11:00 works. I'll be in. Thanks Marek!",
      }),
    )
      .oracle()
      .dependsOn(findMarek, { delaySeconds: 1 });
    const visit = ev(
      this.calendar.add_calendar_event({
        title: "Boiler repair (Marek)",
        start_datetime: "2025-11-19 09:00:00",
        end_datetime: "2025-11-19 11:00:00",
      }),
    )
      .oracle()
      .dependsOn(confirm, { delaySeconds: 1 });
    const ask = ev(
      this.email.send_email({
        recipients: [HELEN],
        subject: "Could we move tomorrow's 1:1?",
        content:
          "Hi Helen,\n\nThe engineer can only repair my boiler tomorrow morning 09:00-11:00, so I need to be at " +
          "home during our 1:1. Could we move it to 14:00 tomorrow?\n\nThanks,\nJohn",
      }),
    )
      .oracle()
      .dependsOn(visit, { delaySeconds: 1 });
    const asked = ev(
      this.aui.send_message_to_user({ content: "Done; I'll move the 1:1 once Helen answers." }),
    )
      .oracle()
      .dependsOn(ask, { delaySeconds: 1 });
    const reached = ConditionCheckEvent.fromCondition((env) => assistantEmailsTo(env, HELEN).length > 0, {
      description: "Helen was asked to move the 1:1",
      everyTicks: 5,
      timeoutTicks: 3600,
    });
    const reply = ev(
      this.email.send_email_to_user_with_id({
        email_id: "email-helen-reply",
        sender: HELEN,
        subject: "Re: Could we move tomorrow's 1:1?",
        content:
          "Of course, sort the boiler out! 14:00 doesn't work, I'm in the budget review until 15:30. " +
          "How about 16:30-17:00 instead?",
      }),
    )
      .withId("helen_offers_half_four")
      .dependsOn(reached, { delaySeconds: 10 });
    const read = ev(this.email.search_emails({ query: "1:1" }))
      .oracle()
      .dependsOn(reply, { delaySeconds: 2 });
    const propose2 = ev(
      this.aui.send_message_to_user({
        content:
          "Helen can't do 14:00 but offers 16:30-17:00 tomorrow, which is free (your client call ends at 16:00). " +
          "Shall I move the 1:1 to Wed 19 Nov 16:30-17:00 and reply to confirm?",
      }),
    )
      .oracle()
      .dependsOn(read, { delaySeconds: 2 });
    const accept2 = ev(this.aui.accept_proposal({ content: "Yes, 16:30." }))
      .oracle()
      .dependsOn(propose2, { delaySeconds: 3 });
    const find = ev(this.calendar.search_events({ query: "1:1 with Helen" }))
      .oracle()
      .dependsOn(accept2, { delaySeconds: 1 });
    const move = ev(
      this.calendar.edit_calendar_event({
        event_id: this.oneToOneId,
        start_datetime: "2025-11-19 16:30:00",
        end_datetime: "2025-11-19 17:00:00",
      }),
    )
      .oracle()
      .dependsOn(find, { delaySeconds: 1 });
    const mail = ev(this.email.search_emails({ query: "1:1" }))
      .oracle()
      .dependsOn(move, { delaySeconds: 1 });
    const answer = ev(
      this.email.reply_to_email({
        email_id: "email-helen-reply",
        content: "16:30-17:00 tomorrow is perfect, I've moved it in my calendar. Thanks Helen!",
      }),
    )
      .oracle()
      .dependsOn(mail, { delaySeconds: 1 });
    this.events = [
      slot,
      day,
      helen,
      propose,
      accept,
      findMarek,
      confirm,
      visit,
      ask,
      asked,
      reached,
      reply,
      read,
      propose2,
      accept2,
      find,
      move,
      mail,
      answer,
    ];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const answeredAt = log.byId("helen_offers_half_four")?.eventTime;
    const after = (t: number) => answeredAt !== undefined && t > answeredAt;
    const toHelen = assistantEmailsTo(env, HELEN);
    const adds = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" });
    const edits = agentCalls(log, { className: "StatefulCalendarApp", function: "edit_calendar_event" });
    return new Checklist()
      .require(
        "a proposal about the boiler visit and the 1:1",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "boiler", "Marek")),
      )
      .require(
        "Marek told that tomorrow morning works",
        directMessagesTo(log, MAREK).some((e) =>
          mentionsAny(argText(e, "content"), "tomorrow", "Wednesday", "Wed", "19"),
        ),
      )
      .require(
        "at most one event added: the repair, on Wednesday from 09:00",
        adds.length <= 1 &&
          adds.every(
            (e) =>
              timeBetween(argText(e, "start_datetime"), "2025-11-19 08:30:00", "2025-11-19 09:00:00") &&
              timeBetween(argText(e, "end_datetime"), "2025-11-19 10:30:00", "2025-11-19 11:30:00"),
          ),
      )
      .require(
        "Helen asked to move the 1:1 before she answered",
        toHelen.some((m) => answeredAt === undefined || m.time < answeredAt),
      )
      .require(
        "the 1:1 moved to Wed 16:30-17:00, only after Helen offered it",
        eventRunsAt(env, this.oneToOneId, "2025-11-19 16:30:00", "2025-11-19 17:00:00") &&
          edits.every((e) => after(e.eventTime)),
      )
      .require(
        "after her answer, Helen told 16:30 is confirmed",
        toHelen.some((m) => after(m.time) && HALF_FOUR.test(m.content)),
      )
      .require(
        "no other event changed, no email to Helen Archer or anyone else, no other message",
        calendarWritesOutside(log, [this.oneToOneId], { allowAdds: true }).length === 0 &&
          assistantEmails(env).every((m) => m.recipients.every((r) => r === HELEN)) &&
          messagesElsewhere(log, { users: [MAREK] }).length === 0,
      )
      .verdict();
  }
}
