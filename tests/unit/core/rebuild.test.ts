/**
 * Rebuilding keeps what people typed (issue 14, src/core/rebuild.ts): the previous sheet's grid + the rows just
 * generated → the rows to write. Each rule of the merge on small grids shaped like the host gives them (a file's
 * Dates in UTC, Office.js serial numbers, the hidden service column).
 */
import type { PlanCell } from "../../../src/core/sheetPlan";
import type { CellValue, SheetGrid } from "../../../src/core/types";
import { mergeWork, readPreviousSheet } from "../../../src/core/rebuild";
import {
  formatKept,
  OBSOLETE_MARK,
  rowHashes,
  SERVICE_HEADER,
  serviceCell,
  type WorkColumn,
  type WorkRow,
} from "../../../src/core/workSheet";

const COLUMNS: WorkColumn[] = [
  { key: "no", sid: "n", header: "№", width: 5, category: "text" },
  { key: "text", sid: "m", header: "Мероприятие", width: 40, category: "text" },
  { key: "date", sid: "d", header: "Срок", width: 10, category: "text", date: true },
  { key: "status", sid: "s", header: "Статус", width: 10, category: "mark", userOwned: true },
  { key: "target", sid: "t", header: "Цель", width: 10, category: "target", userOwned: true },
  { key: "code", sid: "k", header: "Код", width: 10, category: "text", isKey: true },
  { key: "service", sid: "z", header: SERVICE_HEADER, width: 10, category: "text", service: true, hidden: true },
];
const opts = { markColumn: (type: WorkRow["type"]) => (type === "block" ? 0 : 1), obsoleteStyle: { italic: true } };

function heading(key: string, block: string, text: string, nameTag?: string): WorkRow {
  return {
    type: "block",
    key,
    block,
    values: [text, null, null, null, null, null, null],
    ...(nameTag ? { nameTag } : {}),
  };
}
function item(
  key: string,
  block: string,
  text: string,
  date: Date,
  status = "не начато",
  target: PlanCell = null,
): WorkRow {
  return { type: "item", key, block, values: ["1", text, date, status, target, key, null] };
}

/** The sheet as a file reader gives it back: title rows, the header, then each row with its service cell. */
function asGrid(rows: WorkRow[], mode: "file" | "office" = "file"): CellValue[][] {
  const withHashes = rows.map((r) => ({ ...r, hashes: r.hashes ?? rowHashes(r.values, COLUMNS) }));
  const out: CellValue[][] = [["Дорожная карта"], [], COLUMNS.map((c) => c.header)];
  for (const r of withHashes) {
    const values = r.values.map((v): CellValue => {
      if (v instanceof Date) {
        // Files: a Date at UTC midnight; Office.js: the serial number.
        const utc = Date.UTC(v.getFullYear(), v.getMonth(), v.getDate());
        return mode === "file" ? new Date(utc) : utc / 86_400_000 + 25_569;
      }
      return v as CellValue;
    });
    values[6] = serviceCell(r);
    out.push(values);
  }
  return out;
}
const grid = (values: CellValue[][]): SheetGrid => ({ name: "Дорожная карта 2025", values });
const at = (values: CellValue[][], key: string) => values.findIndex((r) => r[5] === key);

const D1 = new Date(2025, 8, 30);
const D2 = new Date(2025, 9, 31);

describe("mergeWork: what people typed survives a rebuild", () => {
  const first = [
    heading("S1", "S1", "МБОУ «СОШ № 1»", "tag1"),
    item("S1-a", "S1", "Анализ результатов 5А", D1),
    item("S1-b", "S1", "Методическая помощь", D1),
    { type: "summary" as const, key: "S1/t", block: "S1", values: ["Итого", null, null, null, null, null, null] },
    heading("S2", "S2", "МБОУ «СОШ № 2»", "tag2"),
    item("S2-a", "S2", "Совещание", D2, "не начато", 0.5),
  ];

  test("typed cells kept, untouched cells regenerated, rows people added stay after their row, a school that left the list is kept «[не актуально]» (file grid)", () => {
    const values = asGrid(first);
    // People's edits: a status, a target, a typed text in a generated cell, a row added under S1-a.
    values[at(values, "S1-a")][3] = "выполнено";
    values[at(values, "S1-b")][1] = "Методическая помощь (учитель Иванова И. И.)";
    values[at(values, "S2-a")][4] = 0.6;
    values[at(values, "S2-a")][3] = "в работе";
    values.splice(at(values, "S1-a") + 1, 0, [
      null,
      "Встреча с родителями 5А (добавлено)",
      null,
      "не начато",
      null,
      null,
      null,
    ]);

    // The new generation: S1-a's text changed (new marker classes), S1-b's too, a new measure S1-c, and S2 left the list.
    const next = [
      heading("S1", "S1", "МБОУ «СОШ № 1»", "tag1"),
      item("S1-a", "S1", "Анализ результатов 5А, 5Б", D2),
      item("S1-b", "S1", "Методическая помощь учителям", D1),
      item("S1-c", "S1", "Новое мероприятие", D1),
      { type: "summary" as const, key: "S1/t", block: "S1", values: ["Итого", null, null, null, null, null, null] },
    ];
    const prev = readPreviousSheet(grid(values), COLUMNS)!;
    const m = mergeWork(prev, next, COLUMNS, opts);
    const rows = m.rows;
    const byKey = (k: string) => rows.find((r) => r.key === k)!;
    // S1-a: the status kept; untouched text and deadline regenerated.
    expect(byKey("S1-a").values.slice(1, 4)).toEqual(["Анализ результатов 5А, 5Б", D2, "выполнено"]);
    // S1-b: the typed text kept.
    expect(byKey("S1-b").values[1]).toBe("Методическая помощь (учитель Иванова И. И.)");
    // The row people added: right after S1-a, as typed.
    const ia = rows.indexOf(byKey("S1-a"));
    expect(rows[ia + 1]).toMatchObject({
      type: "user",
      block: "S1",
      values: [null, "Встреча с родителями 5А (добавлено)", null, "не начато", null, null, null],
    });
    // S2 is gone from the data: its heading and item are kept, marked, with the status and target people typed.
    const s2 = byKey("S2");
    const s2a = byKey("S2-a");
    expect(s2).toMatchObject({ obsolete: true });
    expect(s2.values[0]).toBe(`${OBSOLETE_MARK} МБОУ «СОШ № 2»`);
    expect(s2a).toMatchObject({ obsolete: true, style: { italic: true } });
    expect(s2a.values.slice(1, 5)).toEqual([`${OBSOLETE_MARK} Совещание`, D2, "в работе", 0.6]);
    expect(rows.indexOf(s2)).toBeGreaterThan(rows.indexOf(byKey("S1/t")));
    expect(m.kept).toEqual({ marks: 2, targets: 1, facts: 0, texts: 1, userRows: 1, obsolete: 1 });
    expect(formatKept(m.kept)).toBe(
      "сохранено отметок: 2, целей: 1, других правок: 1, добавленных строк: 1; не актуально (сохранено с отметками): 1",
    );

    // Built again from that result: nothing typed is lost, the mark is not doubled, nothing more is counted as new.
    const again = mergeWork(readPreviousSheet(grid(asGrid(rows)), COLUMNS), next, COLUMNS, opts);
    expect(again.rows.map((r) => r.values.slice(1, 4))).toEqual(rows.map((r) => r.values.slice(1, 4)));
    expect(again.kept).toEqual(m.kept);

    // The school returns to the list: the mark goes, the history stays.
    const back = mergeWork(readPreviousSheet(grid(asGrid(rows)), COLUMNS), [...next, ...first.slice(4)], COLUMNS, opts);
    const s2back = back.rows.find((r) => r.key === "S2-a")!;
    expect(s2back.obsolete).toBeUndefined();
    expect(s2back.values.slice(1, 5)).toEqual(["Совещание", D2, "в работе", 0.6]);
  });

  test("Office.js grids (dates as serial numbers) tell untouched dates from typed ones", () => {
    const values = asGrid(first, "office");
    values[at(values, "S1-b")][2] = Date.UTC(2025, 11, 1) / 86_400_000 + 25_569; // typed 01.12.2025
    const next = first.map((r) =>
      r.type === "item" ? { ...r, values: r.values.map((v) => (v instanceof Date ? D2 : v)) } : r,
    );
    const m = mergeWork(readPreviousSheet(grid(values), COLUMNS), next, COLUMNS, opts);
    expect(m.rows.find((r) => r.key === "S1-a")!.values[2]).toEqual(D2);
    expect(m.rows.find((r) => r.key === "S1-b")!.values[2]).toEqual(new Date(2025, 11, 1));
    expect(m.kept.texts).toBe(1);
  });

  test("Office.js grids of a 1904 workbook (serials 1462 smaller) read the same dates: untouched stays untouched", () => {
    const values = asGrid(first, "office").map((r, i) =>
      i > 2 ? r.map((v, c) => (c === 2 && typeof v === "number" ? v - 1462 : v)) : r,
    );
    // Typed 01.12.2025 in the 1904 system.
    values[at(values, "S1-b")][2] = Date.UTC(2025, 11, 1) / 86_400_000 + 25_569 - 1462;
    const next = first.map((r) =>
      r.type === "item" ? { ...r, values: r.values.map((v) => (v instanceof Date ? D2 : v)) } : r,
    );
    const m = mergeWork(readPreviousSheet({ ...grid(values), date1904: true }, COLUMNS), next, COLUMNS, opts);
    expect(m.rows.find((r) => r.key === "S1-a")!.values[2]).toEqual(D2);
    expect(m.rows.find((r) => r.key === "S1-b")!.values[2]).toEqual(new Date(2025, 11, 1));
    expect(m.kept.texts).toBe(1);
    // The same grid read as a 1900 workbook would take every date for typed (four years off).
    const wrong = mergeWork(readPreviousSheet(grid(values), COLUMNS), next, COLUMNS, opts);
    expect(wrong.kept.texts).toBe(3);
  });

  test("columns people moved are found by header; columns they added at the right travel with their rows", () => {
    const values = asGrid(first);
    // «Статус» and «Цель» swapped by the user; a column «Примечание» added at the right.
    for (const r of values.slice(2)) {
      [r[3], r[4]] = [r[4], r[3]];
      r[7] = null;
    }
    values[2][7] = "Примечание";
    values[at(values, "S1-a")][4] = "выполнено"; // «Статус» is now column E
    values[at(values, "S1-a")][7] = "перенесено на май по просьбе школы";
    const m = mergeWork(readPreviousSheet(grid(values), COLUMNS), first, COLUMNS, opts);
    const a = m.rows.find((r) => r.key === "S1-a")!;
    expect(a.values[3]).toBe("выполнено");
    expect(a.extra).toEqual({ Примечание: "перенесено на май по просьбе школы" });
    expect(m.extraHeaders).toEqual(["Примечание"]);
  });

  test("without the service column (deleted by hand): rows found by «Код», the columns people own keep their values", () => {
    const values = asGrid(first).map((r) => r.slice(0, 6));
    values[at(values, "S1-a")][3] = "выполнено";
    values[at(values, "S1-a")][1] = "текст, исправленный вручную";
    const next = first.map((r) => (r.key === "S1-a" ? item("S1-a", "S1", "Анализ результатов 5А, 5Б", D1) : r));
    const prev = readPreviousSheet(grid(values), COLUMNS)!;
    expect(prev.hasService).toBe(false);
    const m = mergeWork(prev, next, COLUMNS, opts);
    const a = m.rows.find((r) => r.key === "S1-a")!;
    expect(a.values[3]).toBe("выполнено");
    // A generated column without a fingerprint takes the new value (no way to tell a typed text).
    expect(a.values[1]).toBe("Анализ результатов 5А, 5Б");
  });

  test("a school block whose key changed (a code appeared in the registers) is found by its name tag", () => {
    const values = asGrid(first);
    values[at(values, "S1-a")][3] = "выполнено";
    const next = [
      heading("700101", "700101", "МБОУ «СОШ № 1» (700101)", "tag1"),
      item("700101-a", "700101", "Анализ результатов 5А", D1),
      heading("S2", "S2", "МБОУ «СОШ № 2»", "tag2"),
      item("S2-a", "S2", "Совещание", D2),
    ];
    const m = mergeWork(readPreviousSheet(grid(values), COLUMNS), next, COLUMNS, opts);
    expect(m.rows.find((r) => r.key === "700101-a")!.values[3]).toBe("выполнено");
    // S1-b had no counterpart: kept as «[не актуально]» inside the renamed block.
    const b = m.rows.find((r) => r.key === "700101-b")!;
    expect(b.obsolete).toBe(true);
    expect(m.rows.some((r) => r.key.startsWith("S1"))).toBe(false);
  });

  test("no previous sheet, or a grid without the header: the generated rows as they are", () => {
    expect(readPreviousSheet(grid([["Заметки"], ["что-то"]]), COLUMNS)).toBeNull();
    const m = mergeWork(null, first, COLUMNS, opts);
    expect(m.rows.map((r) => r.key)).toEqual(first.map((r) => r.key));
    expect(m.kept).toEqual({ marks: 0, targets: 0, facts: 0, texts: 0, userRows: 0, obsolete: 0 });
    expect(formatKept(m.kept)).toBe("ручных правок не было");
  });
});
