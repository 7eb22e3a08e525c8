export { StatefulCalendarApp } from "./app.js";
export * from "./model.js";
export * from "./params.js";
export { AgendaView, EditEvent, EventDetail } from "./screens.js";
