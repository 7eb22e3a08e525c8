export { type ContactsAppOptions, StatefulContactsApp } from "./app.js";
export * from "./model.js";
export { ContactDetail, ContactEdit, ContactsList } from "./screens.js";
