/**
 * The simulated clock. It never reads wall time: it moves only when the environment ticks or jumps,
 * or when an agent's thinking is charged to it. This is what makes runs reproducible.
 */
export class SimClock {
  private current: number;

  constructor(startTime = 0) {
    this.current = startTime;
  }

  /** Simulated POSIX seconds. */
  now(): number {
    return this.current;
  }

  set(time: number): void {
    if (!Number.isFinite(time)) throw new RangeError(`clock time must be finite, got ${time}`);
    if (time < this.current)
      throw new RangeError(`the clock cannot go back (from ${this.current} to ${time})`);
    this.current = time;
  }

  advance(seconds: number): void {
    if (!(seconds >= 0)) throw new RangeError(`clock advance must be >= 0, got ${seconds}`);
    this.current += seconds;
  }
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** `YYYY-MM-DD HH:MM:SS` in UTC: the canonical datetime format of tool arguments and renderings. */
export function formatDateTime(seconds: number): string {
  const d = new Date(Math.round(seconds * 1000));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Parses `YYYY-MM-DD[ HH:MM[:SS]]` as UTC; returns null when the text is not a valid date. */
export function parseDateTime(text: string): number | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? "0", m[5] ?? "0", m[6] ?? "0"].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  return ms / 1000;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function weekdayName(seconds: number): string {
  return WEEKDAYS[new Date(seconds * 1000).getUTCDay()] as string;
}
