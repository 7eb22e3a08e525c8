// The registry moved to src/util/secrets.ts so that every writer (files, store, caches) can use it.
export { REDACTED, redactSecrets, registerSecret } from "../../util/secrets.js";
