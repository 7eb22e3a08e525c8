import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { PAREScenario } from "../pare-scenario.js";
import { agentCalls, argText, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const MARISOL = "4155550142";
const CONVERSATION = "conv-marisol";
const LATE_SLOT = parseDateTime("2025-11-21 20:30:00") as number;
const EARLY_SLOT = parseDateTime("2025-11-21 19:00:00") as number;

/**
 * Marisol offers dinner on Friday at 19:00 or 20:30. The user's pottery class runs 18:30-20:00 that
 * evening, so only 20:30 works. Ideal help: notice the clash, propose answering with 20:30, and on
 * acceptance reply to Marisol and put the dinner in the calendar at 20:30.
 */
@registerScenario("double_booked_dinner")
export class DoubleBookedDinner extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["conflict-resolution"];
  override theme = "scheduling";
  override description =
    "A friend offers dinner Friday at 19:00 or 20:30; 19:00 clashes with a class, so answer 20:30 and book it.";

  private messaging!: StatefulMessagingApp;
  private calendar!: StatefulCalendarApp;
  private aui!: PAREAgentUserInterface;

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.messaging = new StatefulMessagingApp();
    this.calendar = new StatefulCalendarApp();
    this.messaging.add_contacts({
      contacts: [
        { name: "Marisol Quintero", phone: MARISOL },
        { name: "Devon Achterberg", phone: "4155550177" },
      ],
    });
    this.messaging.add_conversation({
      participants: [MARISOL],
      conversation_id: CONVERSATION,
      messages: [
        {
          sender: "Marisol Quintero",
          content: "Back from Lisbon! We need to catch up properly, it's been ages.",
          time: "2025-11-16 19:02:00",
        },
        {
          sender: "John Doe",
          content: "Welcome back! Yes, dinner soon, my treat.",
          time: "2025-11-16 19:20:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: ["4155550177"],
      conversation_id: "conv-devon",
      messages: [
        {
          sender: "Devon Achterberg",
          content: "Can I swing by Friday around 7 to return your drill?",
          time: "2025-11-17 11:45:00",
        },
        {
          sender: "John Doe",
          content: "Leave it with the concierge, I won't be home till late.",
          time: "2025-11-17 12:03:00",
        },
      ],
    });
    this.calendar.add_calendar_events({
      events: [
        {
          title: "Pottery wheel class",
          start_datetime: "2025-11-21 18:30:00",
          end_datetime: "2025-11-21 20:00:00",
          location: "Clayworks Studio, 14 Foundry Lane",
          tag: "Personal",
        },
        {
          title: "Sprint planning",
          start_datetime: "2025-11-21 10:00:00",
          end_datetime: "2025-11-21 11:30:00",
          attendees: ["Nora Kessler", "Ahmed Saleh"],
          tag: "Work",
        },
        {
          title: "Pottery wheel class",
          start_datetime: "2025-11-14 18:30:00",
          end_datetime: "2025-11-14 20:00:00",
          location: "Clayworks Studio, 14 Foundry Lane",
          tag: "Personal",
        },
        { title: "Haircut", start_datetime: "2025-11-22 11:00:00", end_datetime: "2025-11-22 11:45:00" },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.calendar];
  }

  protected buildEventsFlow(): void {
    const invite = ev(
      this.messaging.create_and_add_message({
        conversation_id: CONVERSATION,
        sender_id: MARISOL,
        content:
          "Dinner this Friday at Little Saigon Kitchen on Grove St? I can do 7pm or 8:30pm, whichever suits you better.",
      }),
    )
      .withId("dinner_invite")
      .delayed(10);
    const read = ev(this.messaging.read_conversation({ conversation_id: CONVERSATION }))
      .oracle()
      .dependsOn(invite, { delaySeconds: 2 });
    const check = ev(
      this.calendar.get_calendar_events_from_to({
        start_datetime: "2025-11-21 00:00:00",
        end_datetime: "2025-11-22 00:00:00",
      }),
    )
      .oracle()
      .dependsOn(read, { delaySeconds: 2 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Marisol offers dinner Friday at Little Saigon Kitchen, 19:00 or 20:30. Your pottery class runs 18:30-20:00, " +
          "so 19:00 clashes. Shall I tell her 20:30 works and add the dinner to your calendar at 20:30?",
      }),
    )
      .oracle()
      .dependsOn(check, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Yes, 8:30 it is." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    // The executor starts fresh: it looks up Marisol (her id and full name) before writing to her.
    const findMarisol = ev(this.messaging.lookup_user_id({ user_name: "Marisol" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 2 });
    const reply = ev(
      this.messaging.send_message({
        user_id: MARISOL,
        content:
          "7 clashes with my pottery class, but 8:30pm on Friday at Little Saigon Kitchen is perfect. See you there!",
      }),
    )
      .oracle()
      .dependsOn(findMarisol, { delaySeconds: 2 });
    const add = ev(
      this.calendar.add_calendar_event({
        title: "Dinner with Marisol",
        start_datetime: "2025-11-21 20:30:00",
        end_datetime: "2025-11-21 22:00:00",
        location: "Little Saigon Kitchen, Grove St",
        attendees: ["Marisol Quintero"],
      }),
    )
      .oracle()
      .dependsOn(reply, { delaySeconds: 2 });
    this.events = [invite, read, check, propose, accept, findMarisol, reply, add];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const adds = agentCalls(log, { className: "StatefulCalendarApp", function: "add_calendar_event" });
    const startOf = (e: (typeof adds)[number]) => parseDateTime(argText(e, "start_datetime"));
    const dinnerAt = adds.some(
      (e) =>
        startOf(e) === LATE_SLOT &&
        mentionsAny(argText(e, "title") + argText(e, "description"), "dinner", "Marisol"),
    );
    const bookedEarly = adds.some((e) => startOf(e) === EARLY_SLOT);
    const replied = agentCalls(log, { className: "StatefulMessagingApp", function: "send_message" }).some(
      (e) =>
        argText(e, "user_id") === MARISOL &&
        mentionsAny(argText(e, "content"), "8:30", "20:30", "830", "8.30", "half past eight"),
    );
    return new Checklist()
      .require(
        "a proposal about Marisol's dinner",
        proposals(log).some((e) => mentionsAny(argText(e, "content"), "Marisol", "dinner")),
      )
      .require("a reply to Marisol choosing 8:30pm", replied)
      .require("a calendar event for the dinner on Friday Nov 21 at 20:30", dinnerAt)
      .require("no event booked at the clashing 19:00 slot", !bookedEarly)
      .verdict();
  }
}
