export { StatefulNotesApp } from "./app.js";
export * from "./model.js";
export * from "./params.js";
export { EditNote, FolderList, NoteDetail, NoteList } from "./screens.js";
