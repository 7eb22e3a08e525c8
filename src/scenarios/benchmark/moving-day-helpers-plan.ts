import { PAREAgentUserInterface } from "../../apps/agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "../../apps/apartment/app.js";
import { StatefulCalendarApp } from "../../apps/calendar/app.js";
import { HomeScreenSystemApp } from "../../apps/home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "../../apps/messaging/app.js";
import { parseDateTime } from "../../core/clock.js";
import type { Environment } from "../../core/environment.js";
import type { Event } from "../../core/events.js";
import { registerScenario } from "../../registry/register-scenario.js";
import { calendarEvent } from "../calendar-verdicts.js";
import { groupPosts, messagesElsewhere } from "../messaging-verdicts.js";
import { PAREScenario } from "../pare-scenario.js";
import { argText, assistantWrites, Checklist, mentionsAny, proposals } from "../scenario-verdict.js";

const ev = (x: unknown) => x as Event;

const GROUP = "conv-moving-crew";
const NEW_FLAT = "6 Linnet Close, Flat 3, Parkend";

/**
 * John asked his moving crew who can help on Saturday 29 Nov: loading at his place from 10:00, unloading at
 * the new flat from 13:00. Three answers arrive: Lina can do 10:00-14:00, Marco only from 13:00, Suki is away.
 * The new address is only in the saved listing (Linnet Close 3; Linnet Court 3 is a near miss). Ideal help:
 * offer to post the plan (Lina to the old place at 10:00, Marco to the new flat's address at 13:00) and add
 * both helpers to the moving-day event; then post it and edit the event.
 */
@registerScenario("moving_day_helpers_plan")
export class MovingDayHelpersPlan extends PAREScenario {
  override status = "Valid" as const;
  override isBenchmarkReady = true;
  override tags = ["information-extraction"];
  override theme = "multi-party";
  override description =
    "Three friends answer who can help with the move; post who goes where and when (with the new flat's address) and add the helpers to the event.";
  override additionalSystemPrompt =
    "You are John Doe, moving on Saturday 29 November. Loading at your old place starts at 10:00 and " +
    "unloading at the new flat at 13:00; you want each helper told where to be and when.";

  private apartments!: StatefulApartmentApp;
  private calendar!: StatefulCalendarApp;
  private messaging!: StatefulMessagingApp;
  private aui!: PAREAgentUserInterface;
  private moveEvent = "";
  private ids: Record<string, string> = {};

  protected initAndPopulateApps(): void {
    this.aui = new PAREAgentUserInterface();
    this.apartments = new StatefulApartmentApp();
    this.calendar = new StatefulCalendarApp();
    this.messaging = new StatefulMessagingApp();
    const flat = { number_of_bathrooms: 1, property_type: "Apartment", lease_term: "1 year" };
    this.apartments.add_apartment({
      ...flat,
      apartment_id: "apt-linnet-close-3",
      name: "Linnet Close 3 (our new flat)",
      location: NEW_FLAT,
      zip_code: "37206",
      price: 1650,
      number_of_bedrooms: 1,
      square_footage: 590,
      saved: true,
    });
    this.apartments.add_apartment({
      ...flat,
      apartment_id: "apt-linnet-court-3",
      name: "Linnet Court 3",
      location: "21 Linnet Court, Flat 3, Parkend",
      zip_code: "37206",
      price: 1610,
      number_of_bedrooms: 1,
      square_footage: 570,
    });
    this.moveEvent = this.calendar.add_calendar_event({
      title: "Moving day",
      start_datetime: "2025-11-29 10:00:00",
      end_datetime: "2025-11-29 17:00:00",
      location: "40 Heron Row (loading), then the new flat",
      description: "Loading from 10:00 at 40 Heron Row, unloading at the new flat from 13:00.",
    });
    this.calendar.add_calendar_event({
      title: "Marco's band gig",
      start_datetime: "2025-11-28 21:00:00",
      end_datetime: "2025-11-28 23:30:00",
    });
    this.ids = this.messaging.add_users({
      user_names: ["Lina Moretti", "Marco Szabo", "Suki Tanaka", "Marco Bellini"],
    });
    this.messaging.add_conversation({
      conversation_id: GROUP,
      title: "Moving crew",
      participants: [this.id("Lina Moretti"), this.id("Marco Szabo"), this.id("Suki Tanaka")],
      messages: [
        {
          sender: "John Doe",
          content:
            "Moving Sat 29 Nov! Who can help? Loading at 40 Heron Row from 10:00, unloading at the new flat from " +
            "13:00. Pizza on me.",
          time: "2025-11-17 20:00:00",
        },
      ],
    });
    this.messaging.add_conversation({
      participants: [this.id("Marco Bellini")],
      messages: [
        {
          sender: this.id("Marco Bellini"),
          content: "Invoice attached next week",
          time: "2025-11-14 09:00:00",
        },
      ],
    });
    this.apps = [this.aui, new HomeScreenSystemApp(), this.messaging, this.apartments, this.calendar];
  }

  private id(name: string): string {
    return this.ids[name] as string;
  }

  protected buildEventsFlow(): void {
    const answer = (id: string, who: string, content: string, at: number) =>
      ev(this.messaging.create_and_add_message({ conversation_id: GROUP, sender_id: this.id(who), content }))
        .withId(id)
        .delayed(at);
    const lina = answer("lina_answers", "Lina Moretti", "I'm in! I can do 10 till 2.", 6);
    const marco = answer(
      "marco_answers",
      "Marco Szabo",
      "Morning's tricky after my gig, but I can help from 1pm wherever you need me.",
      10,
    );
    const suki = answer("suki_answers", "Suki Tanaka", "So sorry, I'm away that whole weekend!", 14);
    const flat = ev(this.apartments.list_saved_apartments())
      .oracle()
      .dependsOn([lina, marco, suki], { delaySeconds: 3 });
    const day = ev(this.calendar.search_events({ query: "Moving day" }))
      .oracle()
      .dependsOn(flat, { delaySeconds: 1 });
    const propose = ev(
      this.aui.send_message_to_user({
        content:
          "Moving crew answers: Lina Moretti can do 10:00-14:00, Marco Szabo from 13:00, Suki Tanaka is away. Shall I " +
          `post the plan in the Moving crew group (Lina at 40 Heron Row at 10:00, Marco at the new flat, ${NEW_FLAT}, ` +
          "at 13:00) and add Lina and Marco to your Moving day event?",
      }),
    )
      .oracle()
      .dependsOn(day, { delaySeconds: 2 });
    const accept = ev(this.aui.accept_proposal({ content: "Perfect, yes." }))
      .oracle()
      .dependsOn(propose, { delaySeconds: 3 });
    const group = ev(this.messaging.search({ query: "Moving crew" }))
      .oracle()
      .dependsOn(accept, { delaySeconds: 1 });
    const post = ev(
      this.messaging.send_message_to_group_conversation({
        conversation_id: GROUP,
        content:
          `Thanks all! Plan for Sat 29 Nov: Lina, 10:00 at 40 Heron Row for loading. Marco, 13:00 at the new flat, ` +
          `${NEW_FLAT}, for unloading. Suki, have a great weekend away!`,
      }),
    )
      .oracle()
      .dependsOn(group, { delaySeconds: 1 });
    const findEvent = ev(this.calendar.search_events({ query: "Moving day" }))
      .oracle()
      .dependsOn(post, { delaySeconds: 1 });
    const edit = ev(
      this.calendar.edit_calendar_event({
        event_id: this.moveEvent,
        attendees: ["Lina Moretti", "Marco Szabo"],
      }),
    )
      .oracle()
      .dependsOn(findEvent, { delaySeconds: 1 });
    const report = ev(
      this.aui.send_message_to_user({ content: "Posted the plan and added Lina and Marco to Moving day." }),
    )
      .oracle()
      .dependsOn(edit, { delaySeconds: 1 });
    this.events = [lina, marco, suki, flat, day, propose, accept, group, post, findEvent, edit, report];
  }

  validate(env: Environment) {
    const log = env.eventLog;
    const posts = groupPosts(log, GROUP).map((e) => argText(e, "content"));
    const move = calendarEvent(env, this.moveEvent);
    const attendees = (move?.attendees ?? []).join(" ");
    return new Checklist()
      .require(
        "a proposal with the helpers' plan",
        proposals(log).some(
          (e) => mentionsAny(argText(e, "content"), "Lina") && mentionsAny(argText(e, "content"), "Marco"),
        ),
      )
      .require(
        "the group told: Marco to the new flat (6 Linnet Close) at 13:00, Lina at 10:00",
        posts.some(
          (p) =>
            mentionsAny(p, "6 Linnet Close") &&
            /13[:.]00|1\s*pm/i.test(p) &&
            /10[:.]00|10\s*am/i.test(p) &&
            mentionsAny(p, "Marco") &&
            mentionsAny(p, "Lina"),
        ),
      )
      .require(
        "no address of Linnet Court given",
        posts.every((p) => !mentionsAny(p, "Linnet Court")),
      )
      .require(
        "Lina and Marco on the Moving day event, Suki not, its time kept",
        mentionsAny(attendees, "Lina") &&
          mentionsAny(attendees, "Marco") &&
          !mentionsAny(attendees, "Suki") &&
          move?.start_datetime === parseDateTime("2025-11-29 10:00:00"),
      )
      .require(
        "nothing sent elsewhere, no other calendar change",
        messagesElsewhere(log, { conversations: [GROUP] }).length === 0 &&
          assistantWrites(log, { className: "StatefulCalendarApp" }).every(
            (e) => argText(e, "event_id") === this.moveEvent,
          ),
      )
      .verdict();
  }
}
