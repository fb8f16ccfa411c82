/**
 * The user guide (issue 17): docs/ in Russian; every image it shows is one of the screenshots the e2e tests take
 * (copied by `npm run docs:images`), present and small; every link between its pages resolves.
 */
import fs from "fs";
import path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const docsImages = require("../../../scripts/docs-images.js") as { DOCS_IMAGES: string[]; MAX_BYTES: number };

const ROOT = path.resolve(__dirname, "../../..");
const DOCS = path.join(ROOT, "docs");
const pages = fs.readdirSync(DOCS).filter((f) => f.endsWith(".md"));
const e2eSources = fs
  .readdirSync(path.join(ROOT, "tests/e2e"))
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => fs.readFileSync(path.join(ROOT, "tests/e2e", f), "utf8"))
  .join("\n");

describe("user guide docs/ (issue 17)", () => {
  test("the guide has its pages, in Russian: install, first list, registers, sheets, settings, FAQ", () => {
    expect(pages.sort()).toEqual(
      ["README.md", "faq.md", "first-list.md", "install.md", "registers.md", "settings.md", "sheets.md"].sort(),
    );
    for (const p of pages) expect(fs.readFileSync(path.join(DOCS, p), "utf8")).toMatch(/^# [А-ЯЁ]/);
    const faq = fs.readFileSync(path.join(DOCS, "faq.md"), "utf8");
    for (const topic of [/edu/, /объединённые ячейки/i, /нескольких файлах/]) expect(faq).toMatch(topic);
  });

  test("every image shown is a screenshot the e2e tests take, copied into docs/images, PNG and small", () => {
    const shown = new Set<string>();
    for (const p of pages) {
      for (const m of fs.readFileSync(path.join(DOCS, p), "utf8").matchAll(/!\[[^\]]*\]\(images\/([^)]+)\)/g)) {
        shown.add(m[1]);
      }
    }
    expect(shown.size).toBeGreaterThanOrEqual(4);
    for (const img of shown) {
      expect(docsImages.DOCS_IMAGES).toContain(img);
      const file = path.join(DOCS, "images", img);
      expect(fs.existsSync(file)).toBe(true);
      const bytes = fs.readFileSync(file);
      expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(bytes.length).toBeLessThanOrEqual(docsImages.MAX_BYTES);
    }
    // Each listed image is saved by an e2e test under that name (so a run keeps it current).
    for (const img of docsImages.DOCS_IMAGES) expect(e2eSources).toContain(`"${img}"`);
  });

  test("links between the guide's pages resolve", () => {
    for (const p of pages) {
      for (const m of fs.readFileSync(path.join(DOCS, p), "utf8").matchAll(/\]\(([^)#]+\.md)(#[^)]*)?\)/g)) {
        expect({ page: p, link: m[1], exists: fs.existsSync(path.join(DOCS, m[1])) }).toEqual({
          page: p,
          link: m[1],
          exists: true,
        });
      }
    }
    expect(fs.existsSync(path.join(ROOT, "docs/README.md"))).toBe(true);
  });
});
