// The extension's service worker owns the network and the settings: one websocket to the coach for the
// whole browser, shared by every coached field of every tab. Content scripts never open sockets.

import { CoachConnection } from "../core/connection.js";
import { PORT_NAME, isMessage, message } from "./messages.js";
import { loadSettings, siteEnabled } from "./settings.js";

let connection = null;
let settings = null;
const ports = new Set(); // {port, prefix, hostname, unsubscribe: Map(wireId → fn), stopStatus}

async function ready() {
  settings ??= await loadSettings();
  if (!connection) {
    connection = new CoachConnection({ url: settings.serverUrl, token: settings.token }).start();
    for (const entry of ports) watchStatus(entry);
  }
  return connection;
}

function watchStatus(entry) {
  entry.stopStatus?.();
  entry.stopStatus = connection.onStatus((status) => entry.port.postMessage(message.status(status)));
}

function sendConfig(entry) {
  entry.port.postMessage(message.config({
    enabled: siteEnabled(settings, entry.hostname), force: settings.forceSpellcheckOff,
  }));
}

chrome.runtime.onConnect.addListener(async (port) => {
  if (port.name !== PORT_NAME) return;
  const sender = port.sender || {};
  // Draft ids are local to a frame; on the shared socket they carry the tab and frame.
  const prefix = `${sender.tab?.id ?? "x"}.${sender.frameId ?? 0}.${sender.documentId ?? ""}:`;
  const hostname = sender.url ? new URL(sender.url).hostname : "";
  const entry = { port, prefix, hostname, unsubscribe: new Map(), stopStatus: null };
  ports.add(entry);
  port.onDisconnect.addListener(() => {
    ports.delete(entry);
    entry.stopStatus?.();
    for (const stop of entry.unsubscribe.values()) stop();
  });
  const pending = [];
  port.onMessage.addListener((msg) => {
    if (!connection) pending.push(msg); // before the settings are read
    else handle(entry, msg);
  });
  await ready();
  watchStatus(entry);
  sendConfig(entry);
  for (const msg of pending.splice(0)) handle(entry, msg);
});

function handle(entry, msg) {
  if (isMessage(msg, "draft")) {
    const local = msg.draft.draft_id;
    const wireId = entry.prefix + local;
    if (!entry.unsubscribe.has(wireId)) {
      entry.unsubscribe.set(wireId, connection.subscribe(wireId, (frame) => {
        entry.port.postMessage(message.hints({ ...frame, draft_id: local }));
      }));
    }
    connection.sendDraft({ ...msg.draft, draft_id: wireId });
  } else if (isMessage(msg, "feedback")) {
    connection.sendFeedback({ ...msg.feedback, draft_id: entry.prefix + msg.feedback.draft_id });
  }
}

chrome.storage.onChanged.addListener(async (_changes, area) => {
  if (area !== "local") return;
  settings = await loadSettings();
  connection?.retarget({ url: settings.serverUrl, token: settings.token });
  for (const entry of ports) sendConfig(entry);
});
