import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { assistantWrites, Checklist, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const JESS = "+15550251";
const MARCO = "+15550252";
const PRIYA = "+15550253";
const LEO = "+15550254";
const GROUP = "conv-supper-club";

/**
 * Nothing to do yet. In the "Supper club" group (+6 s to +21 s) Jess suggests Thai on Friday, Marco can't do
 * Friday and offers Saturday, Priya can't do Saturday and wants Sunday lunch somewhere that isn't Thai, and
 * Jess ends with "let's decide tomorrow when Leo is back". John's weekend has room for any of them, which makes
 * adding a dinner or answering for him tempting, but nothing is settled. A careful assistant reads the chat
 * and the calendar and waits: any proposal (add Friday, vote, book) fails.
 */
@registerScenario("group_dinner_still_undecided")
export class GroupDinnerStillUndecided extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "multi-party";
  override expectsProposal = false;
  override description =
    "The supper club is still arguing over the day and the place; adding an event or answering now is premature.";
  override additionalSystemPrompt =
    "You are John Doe. You'll go whenever the supper club settles and you don't want your assistant voting or " +
    "adding a dinner before they have decided; decline such offers.";

  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;

  protected initAndPopulateApps(): void {
    const aui = new PAREAgentUserInterface();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Jess Amari", phone: JESS },
        { name: "Marco Ricci", phone: MARCO },
        { name: "Priya Menon", phone: PRIYA },
        { name: "Leo Brandt", phone: LEO },
      ],
    });
    const me = this.messaging.currentUserId;
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "Supper club",
      participants: [JESS, MARCO, PRIYA, LEO],
      messages: [
        {
          sender: LEO,
          content: "Off to Lisbon till tomorrow, don't decide without me!",
          time: "2025-11-15 07:30:00",
        },
        { sender: me, content: "Ha, have fun Leo", time: "2025-11-15 08:00:00" },
      ],
    });
    this.messaging.add_conversation({
      conversation_id: "conv-marco",
      participants: [MARCO],
      messages: [{ sender: MARCO, content: "Still got my bike pump?", time: "2025-11-11 17:00:00" }],
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Five-a-side",
          start_datetime: "2025-11-21 17:30:00",
          end_datetime: "2025-11-21 18:30:00",
        },
        {
          title: "Supper club: Korean at Hanok",
          start_datetime: "2025-10-24 19:30:00",
          end_datetime: "2025-10-24 22:00:00",
          attendees: ["Jess Amari", "Marco Ricci", "Priya Menon", "Leo Brandt"],
        },
        {
          title: "Haircut",
          start_datetime: "2025-11-22 10:00:00",
          end_datetime: "2025-11-22 10:45:00",
        },
      ],
    });
    this.apps = [aui, new HomeScreenSystemApp(), this.messaging, this.calendar];
  }

  protected buildEventsFlow(): void {
    const say = (id: string, sender: string, content: string, at: number) =>
      ev(this.messaging.create_and_add_message({ conversation_id: GROUP, sender_id: sender, content }))
        .withId(id)
        .delayed(at);
    const jess = say("jess_friday_thai", JESS, "Supper club this week? Thai place on Friday, 8pm?", 6);
    const marco = say("marco_saturday", MARCO, "Friday I'm out, sorry. Saturday evening?", 11);
    const priya = say(
      "priya_sunday",
      PRIYA,
      "Saturday is my sister's engagement do. Sunday lunch? And not Thai again please",
      16,
    );
    const later = say(
      "jess_decide_tomorrow",
      JESS,
      "Ugh ok, let's decide tomorrow when Leo's back, he'll have opinions anyway",
      21,
    );
    const chat = ev(this.messaging.read_conversation({ conversation_id: GROUP, limit: 8 }))
      .oracle()
      .dependsOn([jess, marco, priya, later], { delaySeconds: 3 });
    const weekend = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-21 00:00:00",
        end_datetime: "2025-11-24 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(chat, { delaySeconds: 1 });
    const recent = ev(this.messaging.list_recent_conversations({ offset: 0, limit: 3 }))
      .oracle()
      .dependsOn(weekend, { delaySeconds: 1 });
    this.events = [jess, marco, priya, later, chat, weekend, recent];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    return new Checklist()
      .require("no proposal: the group has not settled on a day or a place", proposals(log).length === 0)
      .require("no dinner added and no message sent", assistantWrites(log).length === 0)
      .verdict();
  }
}
