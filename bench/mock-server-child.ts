import { createInterface } from "node:readline";
import { MockOpenAIServer } from "../test/support/mock-openai-server.js";
import { phoneHandler } from "./lib/phone-script.js";

/*
 * The mock OpenAI-compatible server in its own process, so that the benchmark process's CPU time is
 * the harness's alone. Protocol over stdio, one JSON object a line: the child prints {"url"} once it
 * listens; "stats" answers {"requests","cpuMs","answered","answeredMsSum"} (completions answered and the sum of
 * their times from arrival to the last byte written); "stop" (or the parent going away) closes it.
 */
const latencyMs = Number(process.argv[2] ?? "50");
if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`bad latency: ${process.argv[2]}`);

let requests = 0;
const server = new MockOpenAIServer({ latencyMs });
server.setHandler((body, request) => {
  requests += 1;
  // The server records every request; the bench needs none of them and they would pile up.
  server.requests.length = 0;
  return phoneHandler(body, request);
});
const { url } = await server.start();
const send = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
send({ url });

const lines = createInterface({ input: process.stdin });
const stop = async () => {
  await server.close();
  process.exit(0);
};
lines.on("line", (line) => {
  const command = line.trim();
  if (command === "stats") {
    const cpu = process.cpuUsage();
    const { answered, msSum } = server.timing;
    send({ requests, cpuMs: (cpu.user + cpu.system) / 1000, answered, answeredMsSum: msSum });
  } else if (command === "stop") void stop();
});
lines.on("close", () => void stop());
