/**
 * «Построить всё» in the pane over the in-memory Excel (issue 14): PaneController → officeHost (src/excel) → buildAll
 * (src/app) → writeSheetPlan. The four sheets land with what Excel needs to keep them alive — the Статус list, the
 * overdue rule against TODAY(), the summaries as formulas, A4 landscape with a page per school, a line chart per
 * school on «Динамика» —; then a specialist edits the roadmap and the indicators in Excel, and a rebuild keeps every
 * edit and says so («сохранено отметок: N, целей: M»).
 */
import { officeHost } from "../../src/excel/officeHost";
import { PaneController } from "../../src/taskpane/controller";
import { isEndCell, OBSOLETE_MARK, parseServiceCell, SERVICE_HEADER } from "../../src/core/workSheet";
import { ROADMAP_STATUSES } from "../../src/core/roadmap";
import { FakeExcel, installFake, type FakeValue } from "./fakeExcel";
import { PROGRAMME, programmeSheets } from "../../scripts/make-fixtures";

const g = globalThis as unknown as Record<string, unknown>;
const ROADMAP = "Дорожная карта 2021";
const INDICATORS = "Показатели 2021";

function setup(): { excel: FakeExcel; controller: PaneController } {
  const excel = new FakeExcel();
  for (const s of programmeSheets()) excel.addSheet(s.name, s.rows as FakeValue[][]);
  installFake(g, excel);
  return { excel, controller: new PaneController(officeHost()) };
}

/** The header row (0-based) and the column of each header of a working sheet in the fake. */
function header(values: FakeValue[][]): { row: number; col: (h: string) => number } {
  const row = values.findIndex((r) => r.includes(SERVICE_HEADER));
  expect(row).toBeGreaterThanOrEqual(0);
  return {
    row,
    col: (h: string) => {
      const c = values[row].indexOf(h);
      if (c < 0) throw new Error(`no column ${h}`);
      return c;
    },
  };
}

/** Rows (0-based index) of a working sheet with their service info. */
function serviceRows(values: FakeValue[][]) {
  const h = header(values);
  const s = h.col(SERVICE_HEADER);
  const out: { r: number; info: ReturnType<typeof parseServiceCell> }[] = [];
  for (let r = h.row + 1; r < values.length; r++) {
    const v = values[r]?.[s];
    if (isEndCell(v as string)) break;
    out.push({ r, info: parseServiceCell(typeof v === "string" && v ? v : null) });
  }
  return out;
}

describe("«Построить всё» in the pane (issue 14)", () => {
  let excel: FakeExcel;
  let controller: PaneController;
  beforeAll(async () => {
    ({ excel, controller } = setup());
    await controller.scan();
    await controller.buildAll();
  });

  test("writes the four sheets, reports them all, nothing to keep yet", () => {
    const st = controller.getState();
    expect(st.error).toBeNull();
    expect(st.outcome!.sheets).toEqual(["Список ШНОР 2021", ROADMAP, INDICATORS, "Динамика"]);
    expect(st.outcome!.kept).toBeNull();
    expect(excel.sheetNames()).toEqual(expect.arrayContaining(["Заметки", "Список ШНОР 2021", ROADMAP, INDICATORS]));
  });

  test("roadmap: Статус is a list of the five statuses over the Статус column only", () => {
    const values = excel.sheetValues(ROADMAP);
    const h = header(values);
    const status = String.fromCharCode(65 + h.col("Статус"));
    const dv = excel
      .opsOf("dataValidation")
      .filter((o) => o.sheet === ROADMAP && typeof o.value === "object" && o.value !== null && "rule" in o.value);
    expect(dv).toHaveLength(1);
    expect(dv[0].address).toMatch(new RegExp(`^${status}${h.row + 2}:${status}\\d+$`));
    const rule = (dv[0].value as { rule: { list: { source: string } } }).rule;
    expect(rule.list.source.split(",")).toEqual([...ROADMAP_STATUSES]);
  });

  test("roadmap: overdue rows are a custom conditional format against TODAY() on the Срок and Статус columns", () => {
    const values = excel.sheetValues(ROADMAP);
    const h = header(values);
    const letter = (k: string) => String.fromCharCode(65 + h.col(k));
    const cf = excel
      .opsOf("conditionalFormat")
      .filter((o) => o.sheet === ROADMAP)
      .map((o) => o.value as { type: string; rule?: { formula?: string }; format: { fill: { color?: string } } });
    const overdue = cf.find(
      (c) =>
        c.type === "Custom" &&
        /TODAY\(\)/.test(c.rule?.formula ?? "") &&
        c.rule!.formula!.includes(`$${letter("Срок")}`),
    );
    expect(overdue).toBeDefined();
    // Office.js takes a custom rule's formula with its «=» (without it the rule never applies).
    expect(overdue!.rule!.formula).toMatch(/^=AND\(/);
    expect(overdue!.rule!.formula).toContain(`$${letter("Статус")}${h.row + 2}<>"выполнено"`);
    expect(overdue!.rule!.formula).toContain(`"отменено"`);
    expect(overdue!.format.fill.color).toMatch(/^#[0-9A-F]{6}$/i);
  });

  test("roadmap: per-school summaries are formulas (SUMPRODUCT over the block, overdue against TODAY()), A4 landscape, a page per school", () => {
    const formulas = [...excel.formulas].filter(([a]) => a.startsWith(`${ROADMAP}!`)).map(([, f]) => f);
    const summaries = formulas.filter((f) => f.includes("Итого: мероприятий"));
    expect(summaries).toHaveLength(5);
    for (const f of summaries) {
      expect(f).toMatch(/^="Итого: мероприятий — "&SUMPRODUCT\(/);
      expect(f).toMatch(/выполнено — .*просрочено — .*TODAY\(\)/);
    }
    const layout = excel
      .opsOf("pageLayout")
      .filter((o) => o.sheet === ROADMAP)
      .map((o) => o.value);
    expect(layout).toEqual(expect.arrayContaining([{ orientation: "Landscape" }, { paperSize: "A4" }]));
    const values = excel.sheetValues(ROADMAP);
    const blocks = serviceRows(values).filter((x) => x.info?.type === "block");
    // The municipal block and one per school of the programme (3 ШНОР + 1 ШССУ).
    expect(blocks).toHaveLength(5);
    const breaks = excel.pageBreaks.filter((b) => b.startsWith(`${ROADMAP}!`));
    for (const b of blocks.slice(1)) expect(breaks).toContain(`${ROADMAP}!A${b.r + 1}`);
    const hidden = excel.opsOf("columnHidden").filter((o) => o.sheet === ROADMAP);
    expect(hidden).toHaveLength(1);
  });

  test("«Динамика»: a line chart per ШНОР school over its table", () => {
    const charts = excel.opsOf("chart").filter((o) => o.sheet === "Динамика");
    expect(charts).toHaveLength(3);
    for (const c of charts) expect((c.value as { type: string }).type).toMatch(/^Line/);
  });

  describe("after edits in Excel, «Построить всё» again", () => {
    const codes: Record<string, string> = {};
    beforeAll(async () => {
      const m = excel.sheet(ROADMAP)!;
      const values = m.cells as FakeValue[][];
      const h = header(values);
      const rows = serviceRows(values);
      const blockOf = (name: string) =>
        rows.find((x) => x.info?.type === "block" && String(values[x.r][0]).includes(name))!.info!.block;
      const items = (b: string) => rows.filter((x) => x.info?.type === "item" && x.info.block === b);
      const a = items(blockOf(PROGRAMME.A.name));
      codes.done = String(values[a[0].r][h.col("Код")]);
      values[a[0].r][h.col("Статус")] = "выполнено";
      values[a[0].r][h.col("Отметка о выполнении")] = "Проведено 12.03.2021";
      values[a[0].r][h.col("II квартал")] = "выполнено";
      values[a[1].r][h.col("Статус")] = "в работе";
      codes.working = String(values[a[1].r][h.col("Код")]);
      // A row added inside the block.
      const added: FakeValue[] = values[0].map(() => "");
      added[h.col("Мероприятие")] = "Встреча с родителями выпускников";
      values.splice(a[0].r + 1, 0, added);

      const iv = excel.sheet(INDICATORS)!.cells as FakeValue[][];
      const ih = header(iv);
      const manual = serviceRows(iv).find(
        (x) => x.info?.type === "item" && String(iv[x.r][ih.col("Источник")]).includes("вносится вручную"),
      )!;
      codes.manual = String(iv[manual.r][ih.col("№")]);
      iv[manual.r][ih.col("Факт (2021)")] = 0.7;
      iv[manual.r][ih.col("Цель (итог)")] = 0.6;

      await controller.scan();
      await controller.buildAll();
    });

    test("asks once before replacing the four generated sheets, saying the edits are kept", async () => {
      const st = controller.getState();
      expect(st.confirmReplace).toBe(`Список ШНОР 2021», «${ROADMAP}», «${INDICATORS}», «Динамика`);
      expect(st.confirmKeeps).toBe(true);
      await controller.confirmReplace();
      expect(controller.getState().error).toBeNull();
    });

    test("the summary says what was kept: «сохранено отметок: 4, целей: 1, фактов: 1, … добавленных строк: 1»", () => {
      const o = controller.getState().outcome!;
      expect(o.kept).toBe("сохранено отметок: 4, целей: 1, фактов: 1, добавленных строк: 1");
    });

    test("every edit is in the rebuilt sheets; the added row follows its measure; user sheets untouched", () => {
      const values = excel.sheetValues(ROADMAP);
      const h = header(values);
      const at = values.findIndex((r) => r[h.col("Код")] === codes.done);
      expect(values[at][h.col("Статус")]).toBe("выполнено");
      expect(values[at][h.col("Отметка о выполнении")]).toBe("Проведено 12.03.2021");
      expect(values[at][h.col("II квартал")]).toBe("выполнено");
      expect(values[at + 1][h.col("Мероприятие")]).toBe("Встреча с родителями выпускников");
      const w = values.find((r) => r[h.col("Код")] === codes.working)!;
      expect(w[h.col("Статус")]).toBe("в работе");
      expect(values.some((r) => String(r[h.col("Мероприятие")]).startsWith(OBSOLETE_MARK))).toBe(false);
      const iv = excel.sheetValues(INDICATORS);
      const ih = header(iv);
      const m = iv.find((r) => String(r[ih.col("№")]) === codes.manual)!;
      expect(m[ih.col("Факт (2021)")]).toBe(0.7);
      expect(m[ih.col("Цель (итог)")]).toBe(0.6);
      expect(excel.sheetValues("Заметки")).toEqual([["Мои заметки к совещанию"], ["позвонить в СОШ № 2"]]);
      expect(excel.opsOf("values").some((o) => o.sheet === "Заметки" || o.sheet === "ВПР")).toBe(false);
    });

    test("«Профиль ОО» of a school shows its roadmap progress from the rebuilt «Дорожная карта 2021»", async () => {
      const a = controller.getState().schools.find((x) => x.label.includes(PROGRAMME.A.name))!;
      controller.setProfileSchool(a.key);
      await controller.buildProfile();
      const st = controller.getState();
      expect(st.error).toBeNull();
      const text = excel
        .sheetValues(st.profileOutcome!.sheet)
        .flat()
        .filter((v) => typeof v === "string")
        .join("\n");
      expect(text).toContain(`Дорожная карта: ${ROADMAP}`);
      // Two statuses were set in A's block: one «выполнено», one «в работе».
      expect(text).toMatch(/выполнено 1 \(\d+ %\), в работе 1, просрочено \d+/);
    });
  });
});

describe("«Построить всё» twice in a 1904 workbook (old Mac files: serials 1462 smaller)", () => {
  test("untouched deadlines stay untouched and the same dates: «ручных правок не было»", async () => {
    const excel = new FakeExcel({ date1904: true });
    for (const s of programmeSheets()) excel.addSheet(s.name, s.rows as FakeValue[][]);
    installFake(g, excel);
    const controller = new PaneController(officeHost());
    await controller.scan();
    await controller.buildAll();
    const before = excel.sheetValues(ROADMAP);
    const h = header(before);
    const deadlines = (v: FakeValue[][]) => v.slice(h.row + 1).map((r) => r[h.col("Срок")]);
    // 20.08.2021 in the 1904 system.
    expect(deadlines(before)).toContain(Date.UTC(2021, 7, 20) / 86_400_000 + 25_569 - 1462);
    await controller.buildAll();
    await controller.confirmReplace();
    const st = controller.getState();
    expect(st.error).toBeNull();
    expect(st.outcome!.kept).toBe("ручных правок не было");
    expect(deadlines(excel.sheetValues(ROADMAP))).toEqual(deadlines(before));
  });
});
