/** Who initiated an event. */
export const EventType = {
  AGENT: "AGENT",
  USER: "USER",
  ENV: "ENV",
  CONDITION: "CONDITION",
  VALIDATION: "VALIDATION",
  STOP: "STOP",
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

export type Operation = "read" | "write";

export type ToolKind = "agent" | "user" | "env" | "data";
