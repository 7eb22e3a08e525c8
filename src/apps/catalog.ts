import type { App } from "../core/app.js";
import { PAREAgentUserInterface } from "./agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "./apartment/app.js";
import * as apartmentScreens from "./apartment/screens.js";
import { StatefulCabApp } from "./cab/app.js";
import * as cabScreens from "./cab/screens.js";
import { StatefulCalendarApp } from "./calendar/app.js";
import * as calendarScreens from "./calendar/screens.js";
import { StatefulContactsApp } from "./contacts/app.js";
import * as contactsScreens from "./contacts/screens.js";
import { StatefulEmailApp } from "./email/app.js";
import * as emailScreens from "./email/screens.js";
import { StatefulFilesApp } from "./files/app.js";
import * as filesScreens from "./files/screens.js";
import { HomeScreenSystemApp } from "./home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "./messaging/app.js";
import * as messagingScreens from "./messaging/screens.js";
import { StatefulNotesApp } from "./notes/app.js";
import * as notesScreens from "./notes/screens.js";
import { StatefulReminderApp } from "./reminder/app.js";
import * as reminderScreens from "./reminder/screens.js";
import { Screen } from "./screen.js";
import { StatefulShoppingApp } from "./shopping/app.js";
import * as shoppingScreens from "./shopping/screens.js";

/** One fresh instance of every app of the phone: the two system apps, then the ten domain apps. */
export function appCatalog(): App[] {
  return [
    new HomeScreenSystemApp(),
    new PAREAgentUserInterface(),
    new StatefulApartmentApp(),
    new StatefulCabApp(),
    new StatefulCalendarApp(),
    new StatefulContactsApp(),
    new StatefulEmailApp(),
    new StatefulFilesApp(),
    new StatefulMessagingApp(),
    new StatefulNotesApp(),
    new StatefulReminderApp(),
    new StatefulShoppingApp(),
  ];
}

type ScreenClass = abstract new (...args: never[]) => Screen;

function screensOf(module: Record<string, unknown>): ScreenClass[] {
  return Object.values(module).filter(
    (v): v is ScreenClass =>
      typeof v === "function" && (v as { prototype?: unknown }).prototype instanceof Screen,
  );
}

/** Screen classes of each domain app, by app class name, in declaration order. */
export const SCREEN_CLASSES: Readonly<Record<string, ScreenClass[]>> = {
  StatefulApartmentApp: screensOf(apartmentScreens),
  StatefulCabApp: screensOf(cabScreens),
  StatefulCalendarApp: screensOf(calendarScreens),
  StatefulContactsApp: screensOf(contactsScreens),
  StatefulEmailApp: screensOf(emailScreens),
  StatefulFilesApp: screensOf(filesScreens),
  StatefulMessagingApp: screensOf(messagingScreens),
  StatefulNotesApp: screensOf(notesScreens),
  StatefulReminderApp: screensOf(reminderScreens),
  StatefulShoppingApp: screensOf(shoppingScreens),
};
