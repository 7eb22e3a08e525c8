import type { Command } from "commander";
import { StoreOpenError } from "../store/connection.js";
import { RunStore } from "../store/run-store.js";
import { StoreLocationError } from "../store/store-location.js";
import { CliError } from "./cli-error.js";

export const STORE_OPTION_HELP =
  "run store: postgres://…, sqlite:PATH or a file (default PARE_STORE_URL, else $PARE_HOME/pare.db)";

/** Adds `--store URL` to a command. */
export function withStoreOption(command: Command): Command {
  return command.option("--store <url>", STORE_OPTION_HELP);
}

/** Opens the run store a command names; problems become one clear line. */
export async function openCliStore(url: string | undefined): Promise<RunStore> {
  try {
    return await RunStore.open(url ?? null);
  } catch (error) {
    if (error instanceof StoreOpenError || error instanceof StoreLocationError)
      throw new CliError(error.message);
    throw error;
  }
}

/** Runs `work` with an open store and always closes it. */
export async function withCliStore<T>(
  url: string | undefined,
  work: (store: RunStore) => Promise<T>,
): Promise<T> {
  const store = await openCliStore(url);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
