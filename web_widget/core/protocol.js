// Frames of the /v1/stream protocol (DESIGN.md, "Streaming protocol"). Every frame is JSON text with
// `type` and `v`; the builders here are the only place the client spells them.

export const PROTOCOL_VERSION = 1;
export const CHANNELS = ["chat", "email"];
export const FEEDBACK_ACTIONS = ["applied", "dismissed", "wrong_flag"];

/** @param {{draft_id: string, rev: number, text: string, channel: "chat"|"email"}} d */
export function draftFrame({ draft_id, rev, text, channel }) {
  if (!CHANNELS.includes(channel)) throw new Error(`channel must be one of ${CHANNELS.join(", ")}`);
  return { type: "draft", v: PROTOCOL_VERSION, draft_id, rev, text, channel };
}

/** @param {{hint_id: string, action: string, draft_id?: string}} f */
export function feedbackFrame({ hint_id, action, draft_id }) {
  if (!FEEDBACK_ACTIONS.includes(action)) throw new Error(`action must be one of ${FEEDBACK_ACTIONS.join(", ")}`);
  const frame = { type: "feedback", v: PROTOCOL_VERSION, hint_id, action };
  if (draft_id) frame.draft_id = draft_id;
  return frame;
}

/** A server frame, or null when the text is not one this client understands. */
export function parseServerFrame(text) {
  let frame;
  try {
    frame = JSON.parse(text);
  } catch {
    return null;
  }
  if (!frame || typeof frame !== "object" || frame.v !== PROTOCOL_VERSION) return null;
  return ["hello", "hints", "error"].includes(frame.type) ? frame : null;
}

/** The stream URL with the token as `?token=`: browsers cannot set headers on a websocket. */
export function streamUrl(url, token) {
  if (!token) return url;
  const u = new URL(url);
  u.searchParams.set("token", token);
  return u.toString();
}

/** The stream URL of a coach served at `origin` (http → ws, https → wss). */
export function streamUrlFor(origin) {
  const u = new URL("/v1/stream", origin);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  return u.toString();
}
