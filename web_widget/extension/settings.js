// The extension's settings, kept in chrome.storage.local by the service worker and the options page.

export const DEFAULTS = {
  serverUrl: "ws://127.0.0.1:8000/v1/stream",
  token: "",
  sites: {}, // hostname → false to switch the coach off there (on by default)
  forceSpellcheckOff: false, // coach fields marked spellcheck="false" too
};

export async function loadSettings() {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULTS));
  return { ...DEFAULTS, ...stored };
}

export function saveSettings(values) {
  return chrome.storage.local.set(values);
}

export function siteEnabled(settings, hostname) {
  return settings.sites[hostname] !== false;
}
