import { resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { type RunStore, UnknownRunError } from "../../store/run-store.js";
import { exportSite } from "../../view/export-site.js";
import {
  createViewApp,
  isLoopback,
  loadCatalogue,
  loadWebAssets,
  startViewServer,
} from "../../view/server.js";
import { CliError } from "../cli-error.js";
import { openCliStore, withCliStore, withStoreOption } from "../store-option.js";

const port = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError("--port must be 0–65535 (0: any free port)");
  return n;
};
const collect = (value: string, previous: string[] = []) => [...previous, value];

async function runIds(store: RunStore, prefixes: readonly string[]): Promise<string[]> {
  if (prefixes.length === 0) return (await store.listJobs()).map((j) => j.runId);
  const out: string[] = [];
  for (const prefix of prefixes) {
    try {
      out.push(await store.resolveRunId(prefix));
    } catch (error) {
      if (error instanceof UnknownRunError) throw new CliError(error.message);
      throw error;
    }
  }
  return out;
}

function assets(): Record<string, string> {
  try {
    return loadWebAssets();
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

export function registerViewCommand(program: Command): void {
  withStoreOption(
    program
      .command("view")
      .description("A local web app over the run store: runs, traces, comparisons and the annotation flow")
      .option(
        "--host <address>",
        "address to listen on (anything but loopback exposes the store to the network)",
        "127.0.0.1",
      )
      .option("-p, --port <n>", "port (0: any free port)", port, 8321)
      .option(
        "--export <dir>",
        "write a static site of the runs (all, or --run) that opens from disk, and exit",
      )
      .option("--run <id>", "with --export: a run to include (repeatable)", collect, []),
  ).action(async (opts: { host: string; port: number; export?: string; run: string[]; store?: string }) => {
    const web = assets();
    const catalogue = loadCatalogue().then(({ catalogue, problem }) => {
      if (problem) process.stderr.write(`note: scenario apps and kinds unavailable (${problem})\n`);
      return catalogue;
    });
    if (opts.export) {
      const dir = resolve(opts.export);
      await withCliStore(opts.store, async (store) => {
        const ids = await runIds(store, opts.run);
        if (ids.length === 0) throw new CliError(`the store ${store.describe()} has no runs to export`);
        const written = await exportSite(store, ids, dir, { catalogue, assets: web });
        console.log(
          `Exported ${written.runs} run(s), ${written.scenarioRuns} scenario runs, into ${dir} (data.js ${(written.bytes / 1024).toFixed(0)} KiB); open ${resolve(dir, "index.html")}`,
        );
      });
      return;
    }
    if (!isLoopback(opts.host))
      process.stderr.write(
        `warning: listening on ${opts.host}: anyone who can reach this address can read every run and trace in the store and write annotations. There is no authentication.\n`,
      );
    const store = await openCliStore(opts.store);
    const app = createViewApp({
      store,
      catalogue,
      assets: web,
      allowedHosts: isLoopback(opts.host) ? ["127.0.0.1", "localhost", "[::1]", "::1"] : null,
    });
    let server: Awaited<ReturnType<typeof startViewServer>>;
    try {
      server = await startViewServer(app, opts.host, opts.port);
    } catch (error) {
      await store.close();
      throw new CliError(
        `infrastructure: cannot listen on ${opts.host}:${opts.port}: ${(error as Error).message}`,
      );
    }
    console.log(`pare view: ${server.url} (store ${store.describe()}); Ctrl-C stops it`);
    await new Promise<void>((done) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        void server
          .close()
          .then(() => store.close())
          .then(done);
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
  });
}
