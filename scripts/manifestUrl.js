/**
 * The one transformation from the development manifest to a production one, shared by webpack.config.js
 * and the manifest tests: every "https://localhost:3000/" becomes the public URL (global replacement —
 * a plain string .replace() would only change the first of them).
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

/** Replace every development URL with the production URL, and the bare dev origin (AppDomain) with its origin. */
function toProductionManifest(xml, url = publicUrl()) {
  const origin = new URL(url).origin;
  return String(xml)
    .replace(new RegExp(escapeRegExp(DEV_URL), "g"), url)
    .replace(new RegExp(escapeRegExp(DEV_URL.replace(/\/$/, "")), "g"), origin);
}

module.exports = { DEV_URL, PLACEHOLDER_URL, publicUrl, toProductionManifest };
