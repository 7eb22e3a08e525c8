export { DEFAULT_USER_NAME, type MessagingAppOptions, StatefulMessagingApp } from "./app.js";
export * from "./model.js";
export { ConversationList, ConversationOpened } from "./screens.js";
