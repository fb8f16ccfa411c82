/*
 * The pages' loader (issue 17), in ES5 so that every browser Excel has ever used for task panes parses it —
 * Internet Explorer 11 and EdgeHTML included. It is the only script of ours a page loads statically; it decides what
 * else to load:
 *
 * - it checks what the bundles need and no polyfill can give (an ES2015+ engine; the regular-expression features the
 *   build found in the bundles, listed below by the build); when something is missing, it shows the page's own
 *   plain-HTML fallback (#shnor-fallback: in Russian, what to use instead) — never a blank pane;
 * - the task pane page loads the polyfills (core-js) only when the engine lacks newer built-ins (EdgeHTML), the
 *   bundles' «.edge.js» variants (regular expressions lowered by the build) only where the engine lacks the newer
 *   regular-expression features, and the custom-functions bundle only when the page runs in the shared runtime: the manifest says so in the page's address
 *   (`?runtime=shared` or `?runtime=pane`); without it (an older manifest) the requirement set is asked once Office
 *   is ready;
 * - until the page has rendered, an error or a page that never renders brings the fallback too.
 *
 * Scripts are written with document.write while the page is parsed, so they load in order and before the page
 * finishes loading (custom functions must be associated before Excel calls them). No inline script, no eval on the
 * web page (its Content-Security-Policy forbids both).
 *
 * Copied into dist/ by the build with the list below filled in; not bundled, not transpiled.
 */
(function () {
  "use strict";
  var w = window;
  var d = document;
  /* The build replaces this with {"<bundle>.js": [[source, flags], …]}: every regular expression of a bundle that is
     newer than ES2017 (lookbehind, named groups, Unicode property escapes…), to be tried here as written. */
  var REGEXPS = /*@SHNOR_REGEXPS@*/ {};

  var scripts = d.getElementsByTagName("script");
  var me = scripts[scripts.length - 1];
  var page = me.getAttribute("data-page") || "taskpane";
  var base = (me.getAttribute("src") || "").replace(/[^\/]*$/, "");
  var search = w.location.search || "";

  function on(target, type, fn) {
    if (target.addEventListener) target.addEventListener(type, fn, false);
    else if (target.attachEvent) target.attachEvent("on" + type, fn);
  }

  function whenParsed(fn) {
    if (d.readyState === "interactive" || d.readyState === "complete") fn();
    else on(d, "DOMContentLoaded", fn);
  }

  var fallbackShown = false;
  /** Show the page's plain-HTML fallback with the reason; hide the app's container. */
  function fallback(reason) {
    if (fallbackShown || w.__shnorMounted) return;
    fallbackShown = true;
    w.__shnorFallback = reason;
    whenParsed(function () {
      var box = d.getElementById("shnor-fallback");
      var app = d.getElementById("container");
      if (app) app.style.display = "none";
      if (!box) return;
      var web = d.getElementById("shnor-web-address");
      if (web) {
        var href = w.location.href.replace(/[?#].*$/, "").replace(/[^\/]*$/, "web.html");
        web.setAttribute("href", href);
        web.innerHTML = "";
        web.appendChild(d.createTextNode(href));
      }
      var why = d.getElementById("shnor-fallback-reason");
      if (why) why.appendChild(d.createTextNode(reason));
      box.style.display = "block";
    });
  }

  /** The engine can parse the bundles (ES2017 syntax, as the build transpiles them). Never called on the web page. */
  function parsesBundles() {
    try {
      // eslint-disable-next-line no-new-func
      new Function(
        "async function f(a, ...r) { const { x = 1 } = { x: 2 }; let [y] = [await a]; return `${x}${y}${r}`; }" +
          "class A { static s() { return 1; } } for (const k of [1]) {} return (z => z)(A.s());"
      );
      return true;
    } catch (e) {
      return false;
    }
  }

  /** What no polyfill can give; null when all is there, else the Russian reason. */
  function missingEssentials() {
    if (typeof w.Proxy !== "function" || typeof w.Symbol !== "function" || typeof w.Promise !== "function") {
      return "встроенный браузер не поддерживает современный JavaScript (ES2015)";
    }
    if (page === "taskpane" && !parsesBundles()) {
      return "встроенный браузер не поддерживает современный JavaScript (ES2017)";
    }
    if (page === "web") {
      if (typeof w.TextDecoder !== "function" || typeof w.Blob !== "function" || !w.URL || !w.URL.createObjectURL) {
        return "браузер не поддерживает чтение файлов, которое нужно странице";
      }
      if (!Object.fromEntries || !Array.prototype.flat) return "браузер устарел";
    }
    return null;
  }

  /** Why this engine cannot compile the regular expressions of `bundle`; null when it compiles them all. */
  function missingRegExps(bundle) {
    var list = REGEXPS[bundle] || [];
    for (var i = 0; i < list.length; i++) {
      try {
        new RegExp(list[i][0], list[i][1]);
      } catch (e) {
        return (
          "встроенный браузер не поддерживает регулярные выражения, которые нужны для чтения реестров (" +
          list[i][0].slice(0, 40) +
          ")"
        );
      }
    }
    return null;
  }

  /** Built-ins newer than the engine (EdgeHTML): then core-js is loaded first. */
  function needsPolyfills() {
    var a = Array.prototype;
    var s = String.prototype;
    return !(
      Object.fromEntries &&
      Object.hasOwn &&
      a.flat &&
      a.flatMap &&
      a.at &&
      a.findLast &&
      s.matchAll &&
      s.replaceAll &&
      s.trimStart &&
      w.Promise.allSettled &&
      typeof w.globalThis === "object" &&
      typeof w.queueMicrotask === "function" &&
      typeof w.structuredClone === "function"
    );
  }

  function load(name) {
    d.write('<script src="' + base + name + '"></scr' + "ipt>");
  }

  // Errors before the page has rendered: the fallback, with the message (never a blank pane).
  on(w, "error", function (e) {
    if (!w.__shnorMounted) fallback("ошибка при запуске: " + ((e && e.message) || "неизвестная"));
  });

  /**
   * The bundle to load for `name`: itself where the engine compiles its regular expressions, else its variant with
   * them lowered («name.edge.js», made by the build where it could lower them), else null with `why` set.
   */
  var why = null;
  function pick(name) {
    var reason = missingRegExps(name);
    if (!reason) return name;
    var edge = name.replace(/\.js$/, ".edge.js");
    if (REGEXPS[edge]) {
      var edgeReason = missingRegExps(edge);
      if (!edgeReason) return edge;
      reason = edgeReason;
    }
    why = reason;
    return null;
  }

  var shared = /[?&]runtime=shared(&|#|$)/.test(search);
  var paneOnly = /[?&]runtime=pane(&|#|$)/.test(search);
  var essentials = missingEssentials();
  if (essentials) {
    fallback(essentials);
    return;
  }
  var bundle = pick(page === "web" ? "web.js" : "taskpane.js");
  var functions = shared ? pick("functions.js") : null;
  if (!bundle || (shared && !functions)) {
    fallback(why);
    return;
  }
  if (page !== "web" && needsPolyfills()) load("polyfills.js");
  if (functions) load(functions);
  load(bundle);

  // An older manifest that does not say the runtime: ask the requirement set once Office is ready.
  if (page !== "web" && !shared && !paneOnly && w.Office && w.Office.onReady) {
    w.Office.onReady(function () {
      var ctx = w.Office.context;
      var req = ctx && ctx.requirements;
      var late = req && req.isSetSupported && req.isSetSupported("SharedRuntime", "1.1") ? pick("functions.js") : null;
      if (late) {
        var s = d.createElement("script");
        s.src = base + late;
        d.getElementsByTagName("head")[0].appendChild(s);
      }
    });
  }

  // A page that has not rendered 20 s after loading (a script that failed to load, a hung start): the fallback.
  on(w, "load", function () {
    w.setTimeout(function () {
      if (!w.__shnorMounted) fallback("страница не запустилась за 20 секунд");
    }, 20000);
  });
})();
