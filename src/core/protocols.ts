import type { App } from "./app.js";

/**
 * Services one app of the phone offers the others (ARE's protocols). Today there is one: the file
 * system, through which Email, Messaging and Notes read and save attachments.
 */
export const Protocol = { FILE_SYSTEM: "FILE_SYSTEM" } as const;
export type Protocol = (typeof Protocol)[keyof typeof Protocol];

/** The app that provides each protocol. */
export type ProtocolProviders = ReadonlyMap<Protocol, App>;

/**
 * Gives every app the services the others provide; the first app offering a protocol provides it.
 * Idempotent: connecting the same apps again changes nothing.
 */
export function connectProtocols(apps: readonly App[]): void {
  const providers = new Map<Protocol, App>();
  for (const app of apps)
    for (const protocol of app.implementedProtocols())
      if (!providers.has(protocol)) providers.set(protocol, app);
  for (const app of apps) app.connectToProtocols(providers);
}
