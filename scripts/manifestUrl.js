/**
 * The one transformation from the development manifest to a production one, shared by webpack.config.js
 * and the manifest tests: every "https://localhost:3000/" in the markup becomes the public URL (global replacement —
 * a plain string .replace() would only change the first of them); comments are not rewritten.
 */
"use strict";

const DEV_URL = "https://localhost:3000/";
/** Placeholder used when SHNOR_PUBLIC_URL is not set: clearly not a real host. */
const PLACEHOLDER_URL = "https://shnor.example.org/";

/** The production URL from the environment (SHNOR_PUBLIC_URL), normalised to end with "/". */
function publicUrl(env = process.env) {
  const raw = (env.SHNOR_PUBLIC_URL || "").trim() || PLACEHOLDER_URL;
  if (!/^https:\/\/[^\s/]+/.test(raw)) {
    throw new Error(`SHNOR_PUBLIC_URL должен начинаться с https:// (получено: «${raw}»)`);
  }
  return raw.endsWith("/") ? raw : `${raw}/`;
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The warning a production build prints when SHNOR_PUBLIC_URL is not set: the manifest then points at the placeholder
 * host, which serves nothing. null when the variable is set.
 */
function placeholderWarning(env = process.env) {
  if ((env.SHNOR_PUBLIC_URL || "").trim()) return null;
  return (
    `ШНОР: ВНИМАНИЕ — переменная SHNOR_PUBLIC_URL не задана, dist/manifest.xml указывает на заглушку ${PLACEHOLDER_URL}. ` +
    "Надстройка с таким манифестом не загрузится. Соберите заново: SHNOR_PUBLIC_URL=https://ваш-сервер/путь/ npm run build"
  );
}

const COMMENT = /(<!--[\s\S]*?-->)/;

/**
 * Replace every development URL with the production URL, and the bare dev origin (AppDomain) with its origin — in the
 * markup only. XML comments are not rewritten (a global replacement would turn «URLs point at the dev server
 * https://localhost:3000/» into nonsense): a comment that speaks of the dev server is replaced by a note saying where
 * the production manifest points; other comments are kept as they are.
 */
function toProductionManifest(xml, url = publicUrl()) {
  const origin = new URL(url).origin;
  const devOrigin = DEV_URL.replace(/\/$/, "");
  return String(xml)
    .split(COMMENT)
    .map((part, i) => {
      if (i % 2 === 1) {
        if (!part.includes(devOrigin)) return part;
        return `<!--\n  ШНОР — production manifest made by the webpack build from manifest.template.xml; the add-in is served from ${url}\n-->`;
      }
      return part
        .replace(new RegExp(escapeRegExp(DEV_URL), "g"), url)
        .replace(new RegExp(escapeRegExp(devOrigin), "g"), origin);
    })
    .join("");
}

/** The XML without its comments (tests count URLs in the markup). */
function stripComments(xml) {
  return String(xml).replace(new RegExp(COMMENT.source, "g"), "");
}

module.exports = { DEV_URL, PLACEHOLDER_URL, publicUrl, placeholderWarning, toProductionManifest, stripComments };
