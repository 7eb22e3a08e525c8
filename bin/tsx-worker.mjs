// Worker-thread entry for TypeScript modules: registers tsx's loader in this thread (hooks a parent registered
// through tsx's API do not reach worker threads), then exposes the default export of the module it was given.
import { register } from "tsx/esm/api";
import { workerData } from "piscina";

register();
const target = workerData?.tsxWorkerTarget;
if (typeof target !== "string") throw new Error("tsx-worker: no target module in workerData.tsxWorkerTarget");
const mod = await import(target);
export default mod.default;
