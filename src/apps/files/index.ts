export { StatefulFilesApp } from "./app.js";
export * from "./file-blob.js";
export * from "./model.js";
export { canonicalPath, checkName, parsePath, samePath, showPath } from "./paths.js";
export { FileView, FolderView, type OpenedFile } from "./screens.js";
