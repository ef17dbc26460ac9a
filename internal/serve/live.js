// newsdigest serve: reload this page when the site is rebuilt, swap the
// stylesheets when only they changed, and show build errors over the page.
(function () {
  var me = document.currentScript;
  var version = Number(me.dataset.version);
  var page = Number(me.dataset.page);

  function overlay(problems) {
    var box = document.getElementById("newsdigest-errors");
    if (!problems || problems.length === 0) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "newsdigest-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1em 1.5em;background:#2b0d0d;color:#ffd7d7;border-top:4px solid #e5484d;" +
        "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var head = document.createElement("strong");
    head.textContent = "newsdigest: the site has errors (showing the last good build)";
    box.appendChild(head);
    var list = document.createElement("pre");
    list.style.cssText = "margin:.5em 0 0;white-space:pre-wrap";
    list.textContent = problems.join("\n");
    box.appendChild(list);
  }

  function swapStylesheets(v) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("newsdigest", v);
      links[i].href = url.href;
    }
  }

  overlay(JSON.parse(me.dataset.problems || "[]"));
  var events = new EventSource(me.dataset.events);
  events.addEventListener("state", function (e) {
    var s = JSON.parse(e.data);
    if (s.page !== page) {
      events.close();
      location.reload();
      return;
    }
    if (s.version !== version) {
      version = s.version;
      swapStylesheets(version);
    }
    overlay(s.problems);
  });
})();
