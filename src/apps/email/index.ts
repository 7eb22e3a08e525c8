export { DEFAULT_USER_EMAIL, type EmailAppOptions, StatefulEmailApp } from "./app.js";
export * from "./model.js";
export { ComposeEmail, EmailDetail, MailboxView } from "./screens.js";
