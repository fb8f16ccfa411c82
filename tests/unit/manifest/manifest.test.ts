/**
 * Offline invariants of both manifests (issue 3; notes §3.4; issue 17): Microsoft's validator needs the internet, so
 * the wiring, resources, limits and URLs are checked here with a real XML parser (xml2js), on the development
 * manifests and on the production ones made by the same transform webpack uses (scripts/manifestUrl.js). Both are
 * rendered from manifest.template.xml (scripts/manifest.js): manifest.xml (shared runtime, custom functions) and
 * manifest.pane.xml (the task pane alone, ExcelApi 1.1, for Excel 2016/2019).
 */
import { spawnSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const xml2js = require("xml2js") as {
  parseStringPromise(xml: string, options?: Record<string, unknown>): Promise<unknown>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifestUrl = require("../../../scripts/manifestUrl.js") as {
  DEV_URL: string;
  PLACEHOLDER_URL: string;
  publicUrl(env?: Record<string, string | undefined>): string;
  toProductionManifest(xml: string, url?: string): string;
  placeholderWarning(env?: Record<string, string | undefined>): string | null;
  stripComments(xml: string): string;
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifests = require("../../../scripts/manifest.js") as {
  VARIANTS: Record<Variant, string>;
  renderManifest(template: string, variant: Variant): string;
  renderAll(template?: string): Record<string, string>;
  readTemplate(): string;
};

type Variant = "shared" | "pane";
const ROOT = path.resolve(__dirname, "../../..");
const SOURCE = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const PANE = readFileSync(path.join(ROOT, "manifest.pane.xml"), "utf8");

/** xml2js node: attributes under `$`, children by tag name (always arrays), text under `_`. */
interface XNode {
  $?: Record<string, string>;
  _?: string;
  [tag: string]: unknown;
}

function children(node: XNode, tag: string): XNode[] {
  const v = node[tag];
  return Array.isArray(v) ? (v as XNode[]).map((x) => (typeof x === "string" ? { _: x } : x)) : [];
}

function child(node: XNode, ...tags: string[]): XNode {
  let cur = node;
  for (const t of tags) {
    const next = children(cur, t)[0];
    if (!next) throw new Error(`нет элемента ${tags.join("/")} (на ${t})`);
    cur = next;
  }
  return cur;
}

function text(node: XNode): string {
  return typeof node._ === "string" ? node._ : "";
}

/** Every element in document order with its tag. */
function walk(node: XNode, tag = "", out: { tag: string; node: XNode }[] = []): { tag: string; node: XNode }[] {
  out.push({ tag, node });
  for (const [k, v] of Object.entries(node)) {
    if (k === "$" || k === "_" || !Array.isArray(v)) continue;
    for (const c of v) if (c && typeof c === "object") walk(c as XNode, k, out);
  }
  return out;
}

async function parse(xml: string): Promise<XNode> {
  const doc = (await xml2js.parseStringPromise(xml, { strict: true, explicitChildren: false })) as Record<
    string,
    XNode
  >;
  return doc.OfficeApp;
}

interface Resources {
  images: Map<string, string>;
  urls: Map<string, string>;
  short: Map<string, string>;
  long: Map<string, string>;
}

function resources(app: XNode): Resources {
  const res = child(app, "VersionOverrides", "Resources");
  const collect = (group: string, item: string) =>
    new Map(children(child(res, group), item).map((n) => [n.$!.id, n.$!.DefaultValue]));
  return {
    images: collect("bt:Images", "bt:Image"),
    urls: collect("bt:Urls", "bt:Url"),
    short: collect("bt:ShortStrings", "bt:String"),
    long: collect("bt:LongStrings", "bt:String"),
  };
}

function host(app: XNode): XNode {
  return child(app, "VersionOverrides", "Hosts", "Host");
}

/** All invariants that a manifest of `variant` must satisfy, in development and in production. */
async function checkInvariants(xml: string, variant: Variant = "shared"): Promise<{ app: XNode; res: Resources }> {
  const app = await parse(xml);
  const res = resources(app);

  // GUID id, Russian default locale and texts within the XSD limits.
  expect(text(child(app, "Id"))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
  expect(text(child(app, "DefaultLocale"))).toBe("ru-RU");
  const displayName = child(app, "DisplayName").$!.DefaultValue;
  const description = child(app, "Description").$!.DefaultValue;
  expect(displayName).toMatch(/ШНОР/);
  expect(displayName.length).toBeLessThanOrEqual(125);
  expect(description).toMatch(/[А-Яа-яЁё]/);
  expect(description.length).toBeLessThanOrEqual(250);
  expect(text(child(app, "Permissions"))).toBe("ReadWriteDocument");
  expect(child(app, "Hosts", "Host").$!.Name).toBe("Workbook");

  const sets = children(child(app, "Requirements", "Sets"), "Set").map((s) => s.$!);
  const h = host(app);
  if (variant === "pane") {
    // The task pane alone: ExcelApi 1.1 minimum, no shared runtime, no custom functions (Excel 2016/2019 install it).
    expect(sets).toEqual([{ Name: "ExcelApi", MinVersion: "1.1" }]);
    expect(child(app, "Requirements", "Sets").$!.DefaultMinVersion).toBe("1.1");
    expect(children(h, "Runtimes")).toEqual([]);
    expect(children(h, "AllFormFactors")).toEqual([]);
    expect(xml).not.toMatch(/CustomFunctions|SharedRuntime|functions\.js|functions\.json/);
    expect(text(child(app, "Id"))).not.toBe("642fd97d-8913-41d1-8ccf-f4570a7ad846");
    const functionFile = child(h, "DesktopFormFactor", "FunctionFile").$!.resid;
    const surface = children(child(h, "DesktopFormFactor"), "ExtensionPoint").find(
      (e) => e.$!["xsi:type"] === "PrimaryCommandSurface",
    )!;
    const action = child(child(child(child(surface, "OfficeTab"), "Group"), "Control"), "Action");
    expect(action.$!["xsi:type"]).toBe("ShowTaskpane");
    expect(new Set([functionFile, child(action, "SourceLocation").$!.resid])).toEqual(new Set(["Taskpane.Url"]));
    expect(res.urls.get("Taskpane.Url")).toMatch(/\/taskpane\.html\?runtime=pane$/);
    expect(child(app, "DefaultSettings", "SourceLocation").$!.DefaultValue).toBe(res.urls.get("Taskpane.Url"));
    checkResources(app, res);
    return { app, res };
  }

  // Shared runtime requirement.
  expect(sets).toContainEqual({ Name: "SharedRuntime", MinVersion: "1.1" });

  // Runtime resid == custom functions Page resid == FunctionFile resid == the task pane button's page.
  const runtime = child(h, "Runtimes", "Runtime").$!;
  expect(runtime.lifetime).toBe("long");
  const cf = children(child(h, "AllFormFactors"), "ExtensionPoint").find((e) => e.$!["xsi:type"] === "CustomFunctions");
  expect(cf).toBeDefined();
  const pageResid = child(cf!, "Page", "SourceLocation").$!.resid;
  const functionFile = child(h, "DesktopFormFactor", "FunctionFile").$!.resid;
  const surface = children(child(h, "DesktopFormFactor"), "ExtensionPoint").find(
    (e) => e.$!["xsi:type"] === "PrimaryCommandSurface",
  )!;
  const tab = child(surface, "OfficeTab");
  expect(tab.$!.id).toBe("TabHome");
  const group = child(tab, "Group");
  const button = child(group, "Control");
  const action = child(button, "Action");
  expect(action.$!["xsi:type"]).toBe("ShowTaskpane");
  const actionResid = child(action, "SourceLocation").$!.resid;
  expect(new Set([runtime.resid, pageResid, functionFile, actionResid])).toEqual(new Set(["Taskpane.Url"]));
  expect(res.short.get(child(group, "Label").$!.resid)).toBe("ШНОР");

  // Custom functions: script, metadata and the SHNOR namespace.
  expect(res.urls.get(child(cf!, "Script", "SourceLocation").$!.resid)).toMatch(/\/functions\.js$/);
  expect(res.urls.get(child(cf!, "Metadata", "SourceLocation").$!.resid)).toMatch(/\/functions\.json$/);
  expect(res.short.get(child(cf!, "Namespace").$!.resid)).toBe("SHNOR");
  // The page learns from its address that it runs in the shared runtime (boot.js loads functions.js then).
  expect(res.urls.get("Taskpane.Url")).toMatch(/\/taskpane\.html\?runtime=shared$/);
  expect(
    text(child(app, "DefaultSettings", "SourceLocation")) ||
      child(app, "DefaultSettings", "SourceLocation").$!.DefaultValue,
  ).toBe(res.urls.get("Taskpane.Url"));
  checkResources(app, res);
  return { app, res };
}

/** Resources, resids, limits and URLs (both variants). */
function checkResources(app: XNode, res: Resources): void {
  // Every resid is defined, ids are ≤ 32 characters and unique across resource kinds.
  const defined = new Map<string, string>();
  for (const [kind, m] of Object.entries(res)) {
    for (const id of (m as Map<string, string>).keys()) {
      expect(defined.has(id)).toBe(false);
      defined.set(id, kind);
      expect(id.length).toBeLessThanOrEqual(32);
    }
  }
  const used = walk(app).filter((e) => e.node.$?.resid !== undefined);
  expect(used.length).toBeGreaterThan(10);
  for (const e of used) {
    const resid = e.node.$!.resid;
    expect({ resid, defined: defined.has(resid) }).toEqual({ resid, defined: true });
    expect(resid.length).toBeLessThanOrEqual(32);
  }
  // Images are referenced as images, URLs as URLs, labels as strings.
  for (const e of used) {
    const resid = e.node.$!.resid;
    if (e.tag === "bt:Image") expect(defined.get(resid)).toBe("images");
    if (e.tag === "SourceLocation" || e.tag === "FunctionFile" || e.tag === "Runtime" || e.tag === "LearnMoreUrl")
      expect(defined.get(resid)).toBe("urls");
    if (e.tag === "Label" || e.tag === "Title" || e.tag === "Namespace") expect(defined.get(resid)).toBe("short");
    if (e.tag === "Description") expect(defined.get(resid)).toBe("long");
  }
  for (const v of res.short.values()) expect(v.length).toBeLessThanOrEqual(125);
  for (const v of res.long.values()) expect(v.length).toBeLessThanOrEqual(250);

  // Every URL is https and ≤ 2048 characters.
  const urls: string[] = [...res.urls.values(), ...res.images.values()];
  for (const e of walk(app)) {
    const dv = e.node.$?.DefaultValue;
    if (dv && /^[a-z]+:\/\//i.test(dv)) urls.push(dv);
  }
  urls.push(...children(child(app, "AppDomains"), "AppDomain").map(text));
  expect(urls.length).toBeGreaterThan(8);
  for (const u of urls) {
    expect(u).toMatch(/^https:\/\/[^\s]+$/);
    expect(u.length).toBeLessThanOrEqual(2048);
  }
  // No resource is left unused (a variant removes what it does not need).
  const usedIds = new Set(walk(app).flatMap((e) => (e.node.$?.resid ? [e.node.$.resid] : [])));
  for (const id of defined.keys()) expect({ id, used: usedIds.has(id) }).toEqual({ id, used: true });
}

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(b.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe("manifest.xml (shared runtime, issue 3)", () => {
  test("is well-formed XML and satisfies every offline invariant", async () => {
    const { res } = await checkInvariants(SOURCE);
    expect(res.urls.get("Taskpane.Url")).toBe("https://localhost:3000/taskpane.html?runtime=shared");
  });

  test("manifest.pane.xml (issue 17): the task pane alone — no custom functions, no shared runtime, ExcelApi 1.1", async () => {
    const { app, res } = await checkInvariants(PANE, "pane");
    expect(res.urls.get("Taskpane.Url")).toBe("https://localhost:3000/taskpane.html?runtime=pane");
    expect(child(app, "DisplayName").$!.DefaultValue).toMatch(/область задач/);
    // The shared checks reject it, and the pane checks reject the shared manifest: the checks can fail.
    await expect(checkInvariants(PANE, "shared")).rejects.toThrow();
    await expect(checkInvariants(SOURCE, "pane")).rejects.toThrow();
  });

  test("both manifests are rendered from manifest.template.xml, and the files in the repository are current", () => {
    const template = manifests.readTemplate();
    expect(manifests.VARIANTS).toEqual({ shared: "manifest.xml", pane: "manifest.pane.xml" });
    const all = manifests.renderAll(template);
    expect(all["manifest.xml"]).toBe(SOURCE);
    expect(all["manifest.pane.xml"]).toBe(PANE);
    // Lines outside the blocks are common: the two differ only where the template says.
    expect(template).toMatch(/<!-- @shared -->[\s\S]*<!-- @end -->/);
    expect(() => manifests.renderManifest("<a>\n<!-- @pane -->\n<b/>\n</a>", "pane")).toThrow(/not closed/);
    expect(() =>
      manifests.renderManifest("<!-- @pane -->\n<!-- @shared -->\n<!-- @end -->\n<!-- @end -->", "pane"),
    ).toThrow(/inside/);
    expect(() => manifests.renderManifest("<!-- @end -->", "shared")).toThrow(/without a block/);
    expect(manifests.renderManifest("<!-- x -->\n<!-- @pane -->\n<p/>\n<!-- @end -->\n<s/>", "shared")).not.toContain(
      "<p/>",
    );
  });

  test("a broken manifest is rejected by the same parser (the check can fail)", async () => {
    await expect(parse(SOURCE.replace("</Hosts>", ""))).rejects.toThrow();
    await expect(
      checkInvariants(SOURCE.replace('resid="Taskpane.Url" lifetime', 'resid="Other.Url" lifetime')),
    ).rejects.toThrow();
  });

  test("icons referenced by the manifest exist in assets/ with the declared pixel size, plus 64 and 128", async () => {
    const { res } = await checkInvariants(SOURCE);
    for (const [id, url] of res.images) {
      const size = Number(/(\d+)x\1$/.exec(id)?.[1]);
      const file = path.join(ROOT, url.replace(manifestUrl.DEV_URL, ""));
      expect(existsSync(file)).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
    for (const size of [16, 32, 64, 80, 128]) {
      expect(pngSize(path.join(ROOT, "assets", `icon-${size}.png`))).toEqual({ width: size, height: size });
    }
    const app = await parse(SOURCE);
    for (const tag of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
      const file = path.join(ROOT, child(app, tag).$!.DefaultValue.replace(manifestUrl.DEV_URL, ""));
      expect(existsSync(file)).toBe(true);
    }
  });

  test("production manifest.pane.xml: every localhost URL replaced, the pane invariants still hold", async () => {
    const url = "https://edu.example.ru/shnor/";
    const prod = manifestUrl.toProductionManifest(PANE, url);
    expect(prod).not.toMatch(/localhost/);
    const { res } = await checkInvariants(prod, "pane");
    expect(res.urls.get("Taskpane.Url")).toBe(`${url}taskpane.html?runtime=pane`);
  });

  test("production manifest: every localhost URL replaced (global), invariants still hold", async () => {
    const url = "https://edu.example.ru/shnor/";
    const prod = manifestUrl.toProductionManifest(SOURCE, url);
    expect(prod).not.toMatch(/localhost/);
    expect(SOURCE.split(manifestUrl.DEV_URL).length - 1).toBeGreaterThan(5);
    // Counted in the markup: comments are not rewritten (audit), see the comment test below.
    const strip = manifestUrl.stripComments;
    expect(strip(prod).split(url).length - 1).toBe(strip(SOURCE).split(manifestUrl.DEV_URL).length - 1);
    const { app, res } = await checkInvariants(prod);
    expect(res.urls.get("Functions.Script.Url")).toBe(`${url}functions.js`);
    expect(children(child(app, "AppDomains"), "AppDomain").map(text)).toEqual(["https://edu.example.ru"]);
  });

  test("production URL comes from SHNOR_PUBLIC_URL, with a clear placeholder by default and https required", () => {
    expect(manifestUrl.publicUrl({})).toBe(manifestUrl.PLACEHOLDER_URL);
    expect(manifestUrl.publicUrl({ SHNOR_PUBLIC_URL: "https://a.example.ru/x" })).toBe("https://a.example.ru/x/");
    expect(() => manifestUrl.publicUrl({ SHNOR_PUBLIC_URL: "http://a.example.ru/" })).toThrow(/https/);
    expect(manifestUrl.toProductionManifest(SOURCE)).toContain(manifestUrl.PLACEHOLDER_URL);
  });

  test("production manifest: the explanatory comment is not rewritten into nonsense", () => {
    const url = "https://edu.example.ru/shnor/";
    const prod = manifestUrl.toProductionManifest(SOURCE, url);
    expect(SOURCE).toMatch(/<!--[\s\S]*dev server https:\/\/localhost:3000\/[\s\S]*-->/);
    expect(prod).not.toMatch(/dev server https:\/\/edu/);
    expect(prod).toContain(
      `production manifest made by the webpack build from manifest.template.xml; the add-in is served from ${url}`,
    );
    // Comments without the dev URL are kept as they are; URLs in comments are never replaced.
    const other = '<!-- keep me: see https://example.org/ -->\n<a href="https://localhost:3000/x"/>';
    expect(manifestUrl.toProductionManifest(other, url)).toBe(
      `<!-- keep me: see https://example.org/ -->\n<a href="${url}x"/>`,
    );
  });

  test("production build without SHNOR_PUBLIC_URL warns that the manifest points at the placeholder", () => {
    const w = manifestUrl.placeholderWarning({});
    expect(w).toContain("SHNOR_PUBLIC_URL не задана");
    expect(w).toContain(manifestUrl.PLACEHOLDER_URL);
    expect(manifestUrl.placeholderWarning({ SHNOR_PUBLIC_URL: "  " })).toBe(w);
    expect(manifestUrl.placeholderWarning({ SHNOR_PUBLIC_URL: "https://a.example.ru/" })).toBeNull();
    // The real webpack config prints it in production mode only (no build needed: the config function is called).
    const run = (mode: string, env: Record<string, string>) =>
      spawnSync(
        process.execPath,
        ["-e", `require("./webpack.config.js")({}, { mode: "${mode}" }).then(() => process.exit(0))`],
        { cwd: ROOT, encoding: "utf8", env: { ...process.env, SHNOR_PUBLIC_URL: "", ...env }, timeout: 60000 },
      );
    const prod = run("production", {});
    expect(prod.status).toBe(0);
    expect(prod.stderr).toContain(w!);
    expect(run("development", {}).stderr).not.toContain("SHNOR_PUBLIC_URL");
    expect(run("production", { SHNOR_PUBLIC_URL: "https://a.example.ru/" }).stderr).not.toContain("SHNOR_PUBLIC_URL");
  });

  test("office-addin-manifest info parses both offline", () => {
    const bin = path.join(ROOT, "node_modules", ".bin", "office-addin-manifest");
    const pane = spawnSync(bin, ["info", "manifest.pane.xml"], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
    expect(pane.status).toBe(0);
    expect(pane.stdout).toContain("Source Location: https://localhost:3000/taskpane.html?runtime=pane");
    const r = spawnSync(bin, ["info", "manifest.xml"], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("642fd97d-8913-41d1-8ccf-f4570a7ad846");
    expect(r.stdout).toContain("Default Locale: ru-RU");
    expect(r.stdout).toContain("Permissions: ReadWriteDocument");
    expect(r.stdout).toMatch(/Name: ШНОР/);
  });
});
