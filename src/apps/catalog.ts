import type { App } from "../core/app.js";
import { PAREAgentUserInterface } from "./agent-ui/agent-ui-app.js";
import { StatefulApartmentApp } from "./apartment/app.js";
import { StatefulCabApp } from "./cab/app.js";
import { StatefulCalendarApp } from "./calendar/app.js";
import { StatefulContactsApp } from "./contacts/app.js";
import { StatefulEmailApp } from "./email/app.js";
import { HomeScreenSystemApp } from "./home-screen/home-screen-app.js";
import { StatefulMessagingApp } from "./messaging/app.js";
import { StatefulNotesApp } from "./notes/app.js";
import { StatefulReminderApp } from "./reminder/app.js";
import { StatefulShoppingApp } from "./shopping/app.js";

/** One fresh instance of every app of the phone: the two system apps, then the nine domain apps. */
export function appCatalog(): App[] {
  return [
    new HomeScreenSystemApp(),
    new PAREAgentUserInterface(),
    new StatefulApartmentApp(),
    new StatefulCabApp(),
    new StatefulCalendarApp(),
    new StatefulContactsApp(),
    new StatefulEmailApp(),
    new StatefulMessagingApp(),
    new StatefulNotesApp(),
    new StatefulReminderApp(),
    new StatefulShoppingApp(),
  ];
}
