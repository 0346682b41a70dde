// The embeddable widget's one script tag:
//   <script src="https://coach.example/web/widget/coach-widget.js"></script>
//   CoachWidget.attach(element, {url, token, channel: "chat"})   // → Promise of a handle
// A classic script, so `CoachWidget` exists as soon as the tag has run; the ES modules it shares with the
// browser extension load next to it. `url` defaults to the stream of the server that served this file.
(function () {
  "use strict";
  if (window.CoachWidget) return;
  var src = document.currentScript && document.currentScript.src;
  if (!src) throw new Error("CoachWidget: load coach-widget.js with a <script src=…> tag");
  var loaded = import(new URL("./main.js", src).href);
  window.CoachWidget = {
    attach: function (element, options) {
      return loaded.then(function (main) {
        return main.attach(element, Object.assign({ scriptSrc: src }, options || {}));
      });
    },
    ready: loaded.then(function () { return window.CoachWidget; }),
  };
})();
