export { StatefulReminderApp } from "./app.js";
export * from "./model.js";
export * from "./params.js";
export { EditReminder, ReminderDetail, ReminderList } from "./screens.js";
