import http from "node:http";
import https from "node:https";

/**
 * A `fetch` over node:http with keep-alive agents, for the OpenAI client. Node's built-in fetch costs
 * about twice the CPU per call (measured by `npm run bench`), and at hundreds of calls per second that
 * is the harness's largest cost. Responses are buffered (chat completions are not streamed here).
 */
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 512 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 512 }),
};

const NO_BODY = new Set([101, 204, 205, 304]);

function requestUrl(input: string | URL | Request): URL {
  if (typeof input === "string") return new URL(input);
  if (input instanceof URL) return input;
  return new URL(input.url);
}

export const keepAliveFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
  new Promise((resolve, reject) => {
    const url = requestUrl(input);
    const secure = url.protocol === "https:";
    if (!secure && url.protocol !== "http:") {
      reject(new TypeError(`fetch failed: unsupported protocol ${url.protocol}`));
      return;
    }
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const request = (secure ? https : http).request(
      url,
      {
        method: init.method ?? "GET",
        headers,
        agent: agents[secure ? "https:" : "http:"],
        signal: init.signal ?? undefined,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          const out = new Headers();
          for (const [key, value] of Object.entries(response.headers)) {
            if (value === undefined) continue;
            for (const v of Array.isArray(value) ? value : [value]) out.append(key, v);
          }
          resolve(
            new Response(NO_BODY.has(status) ? null : Buffer.concat(chunks), {
              status,
              statusText: response.statusMessage ?? "",
              headers: out,
            }),
          );
        });
      },
    );
    request.on("error", (error) =>
      reject(error.name === "AbortError" ? error : new TypeError(`fetch failed: ${error.message}`)),
    );
    const body = init.body;
    if (body === undefined || body === null) request.end();
    else if (typeof body === "string" || body instanceof Uint8Array) request.end(body);
    else {
      request.destroy();
      reject(new TypeError("keepAliveFetch supports string and byte bodies only"));
    }
  });
