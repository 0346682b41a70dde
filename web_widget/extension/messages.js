// Every message between the content scripts (DOM) and the service worker (socket, settings), as one union.
// Content scripts talk over a long-lived port per frame (chrome.runtime.connect), so the worker knows
// which frame a draft came from and where its hints go.
//
// content → worker
//   {kind: "draft", draft: {draft_id, rev, text, channel}}       draft_id is local to the frame
//   {kind: "feedback", feedback: {hint_id, action, draft_id}}
// worker → content
//   {kind: "hints", frame: {draft_id, rev, hints, …}}            a hints frame with the local draft_id
//   {kind: "status", status: "connecting"|"open"|"reconnecting"|"unauthorized"|"closed"}
//   {kind: "config", enabled: boolean, force: boolean}           this site on/off; coach spellcheck=false

export const PORT_NAME = "ownership-coach";
export const KINDS = ["draft", "feedback", "hints", "status", "config"];

export const message = {
  draft: (draft) => ({ kind: "draft", draft }),
  feedback: (feedback) => ({ kind: "feedback", feedback }),
  hints: (frame) => ({ kind: "hints", frame }),
  status: (status) => ({ kind: "status", status }),
  config: ({ enabled, force }) => ({ kind: "config", enabled, force }),
};

/** True when `value` is a message of `kind` (messages from another version of the extension are ignored). */
export function isMessage(value, kind) {
  return !!value && typeof value === "object" && value.kind === kind && KINDS.includes(kind);
}
