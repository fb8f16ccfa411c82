/**
 * `shnor build` and the rebuild that keeps what people typed (issue 14), on real .xlsx files through the CLI code
 * (src/cli/main.ts `run`): the programme fixture (scripts/fixtures/programme.ts) is built, the built workbook is edited
 * with ExcelJS the way a specialist edits it in Excel (Статус, Отметка о выполнении, quarter marks, another
 * Ответственный, a row added inside a school block, Цель and Факт of indicators), new results are typed into the
 * «ВПР» sheet so that a school leaves the list (R-SHNOR), and the workbook is built again.
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { run, type CliIo } from "../../../src/cli/main";
import { isEndCell, OBSOLETE_MARK, parseServiceCell, SERVICE_HEADER } from "../../../src/core/workSheet";
import { PROGRAMME, programmeWorkbook } from "../../../scripts/make-fixtures";
import { tmpDir } from "../pipeline/helpers";
import { unzipParts } from "../xlsx/zipParts";

jest.setTimeout(240000);

const ROADMAP = "Дорожная карта 2021";
const INDICATORS = "Показатели 2021";
const USER_SHEETS = ["Школы", "ОГЭ", "Риски", "Кадры", "Поддержка", "Аттестаты", "Контекст", "Заметки"];

async function shnor(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { out: (s: string) => void (out += `${s}\n`), err: (s: string) => void (err += `${s}\n`) };
  const code = await run(args, io);
  return { code, out, err };
}

/** Column numbers (1-based) of a sheet's header row, found by the service column's header. */
function headerOf(ws: ExcelJS.Worksheet): { row: number; col: Map<string, number> } {
  for (let r = 1; r <= 60; r++) {
    const row = ws.getRow(r);
    const col = new Map<string, number>();
    row.eachCell((c, n) => {
      if (typeof c.value === "string") col.set(c.value, n);
    });
    if (col.has(SERVICE_HEADER)) return { row: r, col };
  }
  throw new Error(`no header in ${ws.name}`);
}

const str = (v: ExcelJS.CellValue): string =>
  v === null || v === undefined ? "" : typeof v === "object" && "result" in v ? String(v.result) : String(v);

/** Rows of a working sheet with their service info, by sheet row. */
function rowsOf(ws: ExcelJS.Worksheet) {
  const h = headerOf(ws);
  const service = h.col.get(SERVICE_HEADER)!;
  const out: { r: number; info: ReturnType<typeof parseServiceCell>; cell: (header: string) => ExcelJS.Cell }[] = [];
  for (let r = h.row + 1; r <= ws.rowCount; r++) {
    const raw = str(ws.getCell(r, service).value);
    if (isEndCell(raw)) break;
    const info = parseServiceCell(raw || null);
    out.push({ r, info, cell: (header: string) => ws.getCell(r, h.col.get(header)!) });
  }
  return out;
}

/** Sheet name → its part's bytes (workbook.xml + its relationships). */
function sheetParts(bytes: Uint8Array): Map<string, Uint8Array> {
  const parts = unzipParts(bytes);
  const dec = (n: string) => new TextDecoder().decode(parts.get(n)!);
  const rels = new Map<string, string>();
  for (const m of dec("xl/_rels/workbook.xml.rels").matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])![1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])![1];
    rels.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, Uint8Array>();
  for (const m of dec("xl/workbook.xml").matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]+)"/
      .exec(m[0])![1]
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
    const id = /\br:id="([^"]+)"/.exec(m[0])![1];
    out.set(name, parts.get(rels.get(id)!)!);
  }
  return out;
}

let dir: string;
let first: { code: number; out: string; err: string };
let second: { code: number; out: string; err: string };
let edited: string;
let rebuilt: string;
const codes: Record<string, string> = {};

beforeAll(async () => {
  dir = tmpDir("shnor-build-");
  const input = await programmeWorkbook(dir);
  const built = path.join(dir, "построено.xlsx");
  first = await shnor(["build", input, "--year", "2021", "--out", built]);
  expect(first).toMatchObject({ code: 0, err: "" });

  // ---- the specialist's edits (ExcelJS, as Excel would save them) ----
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(built);
  const ws = wb.getWorksheet(ROADMAP)!;
  const rows = rowsOf(ws);
  const blockOf = (name: string) =>
    rows.find((x) => x.info?.type === "block" && str(x.cell("№ п/п").value).includes(name))!.info!.block;
  const itemsOf = (block: string) => rows.filter((x) => x.info?.type === "item" && x.info.block === block);
  const a = itemsOf(blockOf(PROGRAMME.A.name));
  const e = itemsOf(blockOf(PROGRAMME.E.name));
  const municipal = rows.filter((x) => x.info?.type === "item" && x.info.block === "М");
  expect(a.length).toBeGreaterThan(3);
  expect(e.length).toBeGreaterThan(0);
  codes.done = str(a[0].cell("Код").value);
  codes.responsible = str(a[1].cell("Код").value);
  codes.left = str(e[0].cell("Код").value);
  codes.municipal = str(municipal[0].cell("Код").value);
  a[0].cell("Статус").value = "выполнено";
  a[0].cell("Отметка о выполнении").value = "Проведено 12.03.2021, протокол № 4";
  a[0].cell("I квартал").value = "выполнено";
  a[1].cell("Ответственный").value = "Сидоров С. С., заместитель директора";
  e[0].cell("Статус").value = "в работе";
  e[0].cell("Отметка о выполнении").value = "Начато в феврале";
  municipal[0].cell("Статус").value = "перенесено";
  municipal[0].cell("IV квартал").value = "перенесено на 2022";
  // A row the user adds inside A's block, right after its first measure.
  ws.spliceRows(a[0].r + 1, 0, []);
  const hc = headerOf(ws).col;
  ws.getCell(a[0].r + 1, hc.get("№ п/п")!).value = "доп.";
  ws.getCell(a[0].r + 1, hc.get("Мероприятие")!).value = "Выездное совещание в школе с родителями";
  ws.getCell(a[0].r + 1, hc.get("Срок")!).value = "март";
  ws.getCell(a[0].r + 1, hc.get("Ответственный")!).value = "Директор";

  const ind = wb.getWorksheet(INDICATORS)!;
  const irows = rowsOf(ind).filter((x) => x.info?.type === "item");
  const computed = irows.find((x) => typeof x.cell("Факт (2021)").value === "number")!;
  const manual = irows.find((x) => str(x.cell("Источник").value).includes("вносится вручную"))!;
  codes.computed = str(computed.cell("№").value);
  codes.manual = str(manual.cell("№").value);
  computed.cell("Цель (старт)").value = 0.28;
  computed.cell("Цель (итог)").value = 0.2;
  manual.cell("Факт (2021)").value = 0.65;
  manual.cell("Цель (итог)").value = 0.6;

  // New results: E's 2021 ВПР corrected (2 «2» of 20 in each work) — E leaves the list.
  const vpr = wb.getWorksheet("ВПР")!;
  vpr.eachRow((row) => {
    if (row.getCell(1).value === PROGRAMME.E.name && row.getCell(2).value === "2020/2021") {
      row.getCell(7).value = 2;
      row.getCell(8).value = Number(row.getCell(8).value) + 4;
    }
  });
  edited = path.join(dir, "с правками.xlsx");
  await wb.xlsx.writeFile(edited);

  rebuilt = path.join(dir, "перестроено.xlsx");
  second = await shnor(["build", edited, "--year", "2021", "--out", rebuilt]);
});

describe("shnor build: every generated sheet", () => {
  test("writes the list, the roadmap, the indicators and the dynamics into a copy, and says what they hold", () => {
    expect(first.out).toMatch(/«Список ШНОР 2021» — школ: 5, ШНОР: 3/);
    expect(first.out).toMatch(/«Дорожная карта 2021» — мероприятий: \d+, блоков школ: 4/);
    expect(first.out).toMatch(/«Показатели 2021» — показателей: \d+/);
    expect(first.out).toMatch(/«Динамика» — школ с диаграммой: 3/);
    expect(first.out).not.toMatch(/сохранено/);
    expect(first.out).toContain(
      "Статусы, отметки, цели и факты, внесённые в эти листы, сохранятся при перестроении: shnor build «построено.xlsx» --out НОВЫЙ.xlsx",
    );
  });

  test("shnor build --help explains the sheets and the rebuild in Russian; --out is required", async () => {
    const help = await shnor(["build", "--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("«Дорожная карта Y»");
    expect(help.out).toContain("Перестроение сохраняет то, что внесли люди");
    const bad = await shnor(["build", path.join(dir, "Программа ШНОР 2021.xlsx")]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Укажите файл результата: shnor build ФАЙЛ.xlsx --out РЕЗУЛЬТАТ.xlsx");
  });
});

describe("shnor build again on the edited workbook: what people typed survives", () => {
  let ws: ExcelJS.Worksheet;
  let ind: ExcelJS.Worksheet;
  let rows: ReturnType<typeof rowsOf>;
  const byCode = (code: string) => rows.find((x) => x.info?.type === "item" && str(x.cell("Код").value) === code)!;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(rebuilt);
    ws = wb.getWorksheet(ROADMAP)!;
    ind = wb.getWorksheet(INDICATORS)!;
    rows = rowsOf(ws);
  });

  test("the command succeeds, names the sheet the edits came from and counts them («сохранено отметок: N»)", () => {
    expect(second).toMatchObject({ code: 0, err: "" });
    expect(second.out).toMatch(/«Список ШНОР 2021» — школ: 5, ШНОР: 2/);
    expect(second.out).toMatch(
      /Правки перенесены из «с правками\.xlsx» \(листы «Дорожная карта 2021», «Показатели 2021»\)/,
    );
    const m =
      /сохранено отметок: (\d+), целей: (\d+), фактов: (\d+), других правок: (\d+), добавленных строк: (\d+)/.exec(
        second.out,
      );
    expect(m).not.toBeNull();
    // Marks: 3 Статус, 2 Отметка, 2 quarter cells; targets: 3; facts: 1; texts: 1 (Ответственный); 1 added row.
    expect(m!.slice(1).map(Number)).toEqual([7, 3, 1, 1, 1]);
    expect(second.out).toMatch(/не актуально \(сохранено с отметками\): [1-9]/);
  });

  test("Статус, Отметка о выполнении and quarter marks of a measure are kept by its «Код»", () => {
    const r = byCode(codes.done);
    expect(r.cell("Статус").value).toBe("выполнено");
    expect(r.cell("Отметка о выполнении").value).toBe("Проведено 12.03.2021, протокол № 4");
    expect(r.cell("I квартал").value).toBe("выполнено");
    const m = byCode(codes.municipal);
    expect(m.cell("Статус").value).toBe("перенесено");
    expect(m.cell("IV квартал").value).toBe("перенесено на 2022");
  });

  test("text typed over a generated cell (Ответственный) is kept; untouched measures are as generated", () => {
    expect(byCode(codes.responsible).cell("Ответственный").value).toBe("Сидоров С. С., заместитель директора");
    const untouched = rows.filter((x) => x.info?.type === "item" && x.info.block === "М").slice(1, 4);
    for (const u of untouched) expect(u.cell("Статус").value).toBe("не начато");
  });

  test("the row the user added inside the school block is kept, right after the measure it followed", () => {
    const at = byCode(codes.done).r;
    const user = rows.find((x) => x.r === at + 1)!;
    expect(user.info).toBeNull();
    expect(user.cell("Мероприятие").value).toBe("Выездное совещание в школе с родителями");
    expect(user.cell("№ п/п").value).toBe("доп.");
    expect(user.cell("Срок").value).toBe("март");
    expect(user.cell("Ответственный").value).toBe("Директор");
  });

  test("the measures of the school that left the list are kept with their marks, «[не актуально]» (R-SHNOR)", () => {
    const r = byCode(codes.left);
    expect(r).toBeDefined();
    expect(str(r.cell("Мероприятие").value).startsWith(OBSOLETE_MARK)).toBe(true);
    expect(r.cell("Статус").value).toBe("в работе");
    expect(r.cell("Отметка о выполнении").value).toBe("Начато в феврале");
    expect(r.info!.obsolete).toBe(true);
  });

  test("Цель of a computed indicator and Факт of a manual one are kept by the indicator's №", () => {
    const irows = rowsOf(ind).filter((x) => x.info?.type === "item");
    const c = irows.find((x) => str(x.cell("№").value) === codes.computed)!;
    expect(c.cell("Цель (старт)").value).toBe(0.28);
    expect(c.cell("Цель (итог)").value).toBe(0.2);
    const m = irows.find((x) => str(x.cell("№").value) === codes.manual)!;
    expect(m.cell("Факт (2021)").value).toBe(0.65);
    expect(m.cell("Цель (итог)").value).toBe(0.6);
    expect(str(m.cell("Достигнуто").value)).toBe("достигнуто");
  });

  test("the user's sheets are copied byte for byte, the edited results included", () => {
    const before = sheetParts(fs.readFileSync(edited));
    const after = sheetParts(fs.readFileSync(rebuilt));
    for (const name of [...USER_SHEETS, "ВПР"]) {
      expect(Buffer.from(after.get(name)!).equals(Buffer.from(before.get(name)!))).toBe(true);
    }
  });

  test("a third build without edits keeps everything again (no mark is doubled, nothing new is obsolete)", async () => {
    const third = path.join(dir, "третья.xlsx");
    const r = await shnor(["build", rebuilt, "--year", "2021", "--out", third]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(third);
    const again = rowsOf(wb.getWorksheet(ROADMAP)!);
    const left = again.find((x) => x.info?.type === "item" && str(x.cell("Код").value) === codes.left)!;
    expect(str(left.cell("Мероприятие").value).split(OBSOLETE_MARK).length).toBe(2);
    const done = again.find((x) => x.info?.type === "item" && str(x.cell("Код").value) === codes.done)!;
    expect(done.cell("Статус").value).toBe("выполнено");
    expect(again.length).toBe(rows.length);
  });
});

describe("where the previous sheets come from: --previous, or the --out this program wrote", () => {
  test("--previous: the registers from one workbook, the edits from a workbook built before", async () => {
    const out = path.join(dir, "из previous.xlsx");
    const r = await shnor(["build", path.join(dir, "Программа ШНОР 2021.xlsx"), "--previous", edited, "--out", out]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(/Правки перенесены из «с правками\.xlsx»/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const done = rowsOf(wb.getWorksheet(ROADMAP)!).find(
      (x) => x.info?.type === "item" && str(x.cell("Код").value) === codes.done,
    )!;
    expect(done.cell("Статус").value).toBe("выполнено");
  });

  test("--previous without our sheets is refused in one Russian line", async () => {
    const r = await shnor([
      "build",
      path.join(dir, "Программа ШНОР 2021.xlsx"),
      "--previous",
      path.join(dir, "Программа ШНОР 2021.xlsx"),
      "--out",
      path.join(dir, "не будет.xlsx"),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("нет листов «Дорожная карта» и «Показатели», построенных этой программой");
  });

  test("several input files: a new workbook; an existing --out written by this program gives the edits", async () => {
    const input = path.join(dir, "Программа ШНОР 2021.xlsx");
    const copy = path.join(dir, "вторая копия.xlsx");
    fs.copyFileSync(input, copy);
    // The same registers twice would double them: the second file carries only its «Заметки».
    const notes = new ExcelJS.Workbook();
    notes.addWorksheet("Заметки отдела").getCell("A1").value = "план совещаний";
    await notes.xlsx.writeFile(copy);
    const out = path.join(dir, "новая книга.xlsx");
    fs.copyFileSync(rebuilt, out);
    const r = await shnor(["build", input, copy, "--out", out, "--force"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(/Правки перенесены из «новая книга\.xlsx»/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Список ШНОР 2021", ROADMAP, INDICATORS, "Динамика"]);
  });
});

describe("«Профиль ОО» takes the roadmap's progress from the workbook's «Дорожная карта 2021» (issue 15 × 14)", () => {
  const profileOf = async (file: string) => {
    const r = await shnor(["profile", file, "--year", "2021", "--school", PROGRAMME.A.code, "--json"]);
    expect(r.code).toBe(0);
    return JSON.parse(r.out) as { schools: { code: string; programme?: Record<string, unknown> }[] };
  };

  test("without a roadmap in the workbook there is no such section", async () => {
    const input = path.join(dir, "Программа ШНОР 2021.xlsx");
    const json = await profileOf(input);
    expect(json.schools).toHaveLength(1);
    expect(json.schools[0].programme).toBeUndefined();
  });

  test("with the rebuilt roadmap: the school's measures, done, in progress and overdue as its block counts them", async () => {
    const json = await profileOf(rebuilt);
    const p = json.schools[0].programme as {
      source: string;
      measures: { total: number; done: number; inProgress: number; overdue: number };
    };
    expect(p.source).toBe(ROADMAP);
    // Count A's block independently from the rebuilt sheet: measures not «не актуально» (the added row counts).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(rebuilt);
    const rows = rowsOf(wb.getWorksheet(ROADMAP)!);
    const start = rows.findIndex(
      (x) => x.info?.type === "block" && str(x.cell("№ п/п").value).includes(PROGRAMME.A.name),
    );
    const end = rows.findIndex((x, i) => i > start && x.info?.type === "summary");
    const mine = rows
      .slice(start + 1, end)
      .filter((x) => (x.info === null || x.info.type === "item") && str(x.cell("Мероприятие").value) !== "");
    expect(p.measures.total).toBe(mine.length);
    expect(p.measures.done).toBe(1);
    expect(p.measures.inProgress).toBe(0);
    // Every dated deadline of 2021 has passed: all but the done one (and the added row, which has no date) are overdue.
    const dated = mine.filter((x) => x.cell("Срок").value instanceof Date);
    expect(p.measures.overdue).toBe(dated.length - 1);
  });
});
