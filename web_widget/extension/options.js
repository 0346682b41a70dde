// The options page: server URL, token, and the coach on or off per site.

import { loadSettings, saveSettings } from "./settings.js";

const form = document.getElementById("options");
const sitesTable = document.getElementById("sites");
let sites = {};

function drawSites() {
  sitesTable.replaceChildren();
  for (const [host, on] of Object.entries(sites).sort()) {
    const row = sitesTable.insertRow();
    row.insertCell().textContent = host;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = on;
    box.dataset.site = host;
    box.addEventListener("change", () => { sites[host] = box.checked; });
    const label = document.createElement("label");
    label.append(box, " on");
    row.insertCell().append(label);
  }
}

async function init() {
  const settings = await loadSettings();
  form.serverUrl.value = settings.serverUrl;
  form.token.value = settings.token;
  form.forceSpellcheckOff.checked = settings.forceSpellcheckOff;
  sites = { ...settings.sites };
  drawSites();
  document.body.dataset.loaded = "true";
}

document.getElementById("addSite").addEventListener("click", () => {
  const host = form.newSite.value.trim().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
  if (!host) return;
  sites[host] = false;
  form.newSite.value = "";
  drawSites();
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  await saveSettings({
    serverUrl: form.serverUrl.value.trim(), token: form.token.value,
    forceSpellcheckOff: form.forceSpellcheckOff.checked, sites,
  });
  document.getElementById("saved").textContent = "Saved.";
});

init();
