// For pages that embed the calculator in an iframe: sizes each
//   <iframe data-retention-calculator-frame src="https://.../index.html?locale=nl">
// to the height of its content. Include it once, as a plain script (no module needed):
//   <script src="https://.../frame.js"></script>
// Only messages from the iframe's own window and origin are used, and the height is clamped to
// data-min-height..data-max-height (default 200..10000 px), so no other page or frame can
// resize it to something absurd.
(function () {
  "use strict";
  var MIN = 200;
  var MAX = 10000;

  function number(text, fallback) {
    var n = Number(text);
    return text && isFinite(n) && n > 0 ? n : fallback;
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "retention-calculator:height") return;
    if (typeof data.height !== "number" || !isFinite(data.height)) return;
    var frames = document.querySelectorAll("iframe[data-retention-calculator-frame]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (new URL(frame.src, document.baseURI).origin !== event.origin) continue;
      var min = number(frame.getAttribute("data-min-height"), MIN);
      var max = number(frame.getAttribute("data-max-height"), MAX);
      frame.style.height = Math.round(Math.min(max, Math.max(min, data.height))) + "px";
    }
  });
})();
