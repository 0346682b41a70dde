// The demo page: a chat box (channel chat) and an email composer (channel email, with the send-time
// check), both coached by the widget from the server that serves this page.
(function () {
  "use strict";
  var input = document.getElementById("chat-input");
  var messages = document.getElementById("messages");
  var form = document.getElementById("chat-form");

  CoachWidget.attach(input, { channel: "chat", draftId: "demo-chat" });
  CoachWidget.attach(document.getElementById("email-body"), { channel: "email", draftId: "demo-email" });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!input.value.trim()) return;
    var item = document.createElement("li");
    item.className = "agent";
    item.textContent = input.value;
    messages.append(item);
    input.value = "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  document.getElementById("send").addEventListener("click", function () {
    document.getElementById("sent").textContent = "Sent.";
  });

  // The connection state, read from the stream the widget would use, for the header only.
  var status = document.getElementById("status");
  var url = new URL("/v1/stream", location.href);
  url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  var probe = new WebSocket(url);
  probe.onmessage = function (event) {
    var hello = JSON.parse(event.data);
    status.textContent = "connected (phrasebook " + hello.phrasebook_version + ", " + hello.model + ")";
    probe.close();
  };
  probe.onerror = function () { status.textContent = "not reachable"; };
})();
