// Manifest content scripts cannot be ES modules; this one loads the module that does the work, so the
// extension and the widget share core/ without a build step.
import(chrome.runtime.getURL("extension/content.js")).catch((err) => {
  console.warn("Ownership coach could not start in this frame:", err);
});
