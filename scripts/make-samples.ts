/**
 * `npm run samples`: writes samples/Реестр результатов района.xlsx — a realistic, deterministic (seeded PRNG)
 * district register for the demo: ≈30 schools, academic years 2022/2023–2024/2025, sheets «Школы», «ВПР»
 * (grades 4–8, per class), «ГИА-9» (ОГЭ, share as text «31,5 %»), «ГИА-11» (ЕГЭ).
 *
 * The data are random except a few designed schools, so that the list of 2025 shows every rule at work:
 *   Каменская СОШ      — R-SHNOR rule 1 only (two low units in 2025), «включена», negative dynamics;
 *   Никольская СОШ     — rule 2 only, different procedures (ОГЭ 2024, ВПР 2025), «включена»;
 *   СОШ № 8            — rules 1 and 2, per-class rows with markers 5А, 7А, 7Б (R-MARK), «остаётся 3-й год»;
 *   СОШ № 10           — exactly 30 % (15 of 50, two classes summed) and «30,0 %» of 40 in ОГЭ, «остаётся 2-й год»;
 *   Михайловская СОШ   — ЕГЭ математика базовая/профильная, rules 1 and 2;
 *   СОШ № 5            — ШНОР in 2024, «исключена» in 2025, positive dynamics;
 *   Заречная СОШ       — ШНОР in 2024, 29,4 % and 29,2 % in 2025 (just below the threshold), «исключена»;
 *   Полевская ООШ      — a single low unit (not ШНОР);
 *   СОШ № 14           — opened in 2024/2025: no previous-year data;
 *   Троицкая СОШ       — low only in ОГЭ обществознание/биология (outside the default subjects).
 * Plus: title rows, an «Итого по району» row, a name spelt differently («МБОУ "СОШ № 3"»), and unreadable
 * cells (text in a count, «2» > participants, an empty year).
 *
 * The registers of issue 13 (the whole status of a school) follow, drawn from their own seeded PRNG so that the
 * results above do not change: «Социальный паспорт», «Кадры», «Поддержка», «Аттестаты», «Риски» and the ФИС ОКО
 * «Сравнение отметок с отметками по журналу» of ВПР 2025. Designed statuses:
 *   Каменская СОШ, Никольская СОШ — ШНОР и ШССУ (the hardest social passports), partners suggested;
 *   Сосновская ООШ                 — ШССУ, резильентная (failure share below the district median);
 *   Ивановская, Луговская, Васильевская, Полевская ООШ — ШССУ;
 *   СОШ № 7                        — «Понизили» 36 % against the journal: с признаками необъективности;
 *   СОШ № 8                        — a typed partner (Гимназия № 2) and entered risks 2, 3, 8.
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { prng } from "./prng";

export const SAMPLE_NAME = "Реестр результатов района.xlsx";

interface School {
  code: string;
  name: string;
  type: "СОШ" | "ООШ" | "Лицей" | "Гимназия";
  locality: "город" | "село";
  /** Classes per grade. */
  classes: number;
  /** Typical failure rate 0–1 and quality (share of 4–5). */
  fail: number;
  quality: number;
  curator: string;
  partner: string;
  /** First academic year (end year) with results. */
  since: number;
}

const CURATORS = ["Петрова Н. В.", "Соколова Е. А.", "Ильина М. С.", "Громов А. П."];

function makeSchools(): School[] {
  const rows: [string, School["type"], School["locality"], number, number, number][] = [
    ["МБОУ «СОШ № 1»", "СОШ", "город", 3, 0.06, 0.55],
    ["МБОУ «СОШ № 2»", "СОШ", "город", 3, 0.08, 0.5],
    ["МБОУ «СОШ № 3»", "СОШ", "город", 2, 0.09, 0.47],
    ["МБОУ «СОШ № 4 с углублённым изучением отдельных предметов»", "СОШ", "город", 3, 0.04, 0.62],
    ["МАОУ «Лицей № 1»", "Лицей", "город", 3, 0.02, 0.72],
    ["МБОУ «Гимназия № 2»", "Гимназия", "город", 3, 0.03, 0.68],
    ["МБОУ «СОШ № 5»", "СОШ", "город", 2, 0.1, 0.42],
    ["МБОУ «СОШ № 6»", "СОШ", "город", 2, 0.09, 0.45],
    ["МБОУ «СОШ № 7»", "СОШ", "город", 2, 0.11, 0.4],
    ["МБОУ «СОШ № 8»", "СОШ", "город", 2, 0.12, 0.38],
    ["МБОУ «СОШ № 9»", "СОШ", "город", 2, 0.08, 0.46],
    ["МБОУ «СОШ № 10»", "СОШ", "город", 2, 0.12, 0.4],
    ["МБОУ «ООШ № 11»", "ООШ", "город", 1, 0.12, 0.36],
    ["МБОУ «СОШ № 12»", "СОШ", "город", 2, 0.07, 0.5],
    ["МБОУ «СОШ № 14»", "СОШ", "город", 2, 0.1, 0.42],
    ["МБОУ «Берёзовская СОШ»", "СОШ", "село", 1, 0.1, 0.4],
    ["МБОУ «Каменская СОШ»", "СОШ", "село", 1, 0.1, 0.38],
    ["МБОУ «Никольская СОШ»", "СОШ", "село", 1, 0.11, 0.37],
    ["МБОУ «Покровская СОШ»", "СОШ", "село", 1, 0.08, 0.43],
    ["МБОУ «Сосновская ООШ»", "ООШ", "село", 1, 0.04, 0.42],
    ["МБОУ «Ивановская ООШ»", "ООШ", "село", 1, 0.11, 0.36],
    ["МБОУ «Заречная СОШ»", "СОШ", "село", 1, 0.12, 0.36],
    ["МБОУ «Луговская ООШ»", "ООШ", "село", 1, 0.1, 0.38],
    ["МБОУ «Михайловская СОШ»", "СОШ", "село", 1, 0.11, 0.37],
    ["МБОУ «Полевская ООШ»", "ООШ", "село", 1, 0.1, 0.38],
    ["МБОУ «Красноярская СОШ»", "СОШ", "село", 1, 0.09, 0.41],
    ["МБОУ «Троицкая СОШ»", "СОШ", "село", 1, 0.1, 0.4],
    ["МБОУ «Васильевская ООШ»", "ООШ", "село", 1, 0.11, 0.37],
    ["МБОУ «Октябрьская СОШ»", "СОШ", "село", 1, 0.09, 0.42],
    ["МБОУ «Дубровская СОШ»", "СОШ", "село", 1, 0.08, 0.43],
  ];
  // Каменская and Никольская have no typed partner: the list suggests one (issue 13).
  const supported = ["СОШ № 8»", "СОШ № 10»", "Михайловская", "СОШ № 5»", "Заречная"];
  const partnerOf = (name: string, locality: string): string =>
    supported.some((k) => name.includes(k)) ? (locality === "село" ? "МАОУ «Лицей № 1»" : "МБОУ «Гимназия № 2»") : "";
  return rows.map(([name, type, locality, classes, fail, quality], i) => ({
    code: String(700101 + i),
    name,
    type,
    locality,
    classes,
    fail,
    quality,
    curator: CURATORS[i % CURATORS.length],
    partner: partnerOf(name, locality),
    since: name.includes("СОШ № 14") ? 2025 : 2023,
  }));
}

type Subject = "русский язык" | "математика";
const SUBJECTS: Subject[] = ["русский язык", "математика"];
const LETTERS = ["А", "Б", "В"];
const YEARS = [2023, 2024, 2025];

/** Designed failures: key `${school}|${year}|${procedure}|${grade}|${subject}|${class}` → failed / participants. */
interface Forced {
  participants: number;
  failed: number;
}
const FORCED = new Map<string, Forced>();
function force(
  school: string,
  year: number,
  proc: string,
  grade: number | "",
  subject: string,
  cls: string,
  failed: number,
  participants: number,
) {
  FORCED.set(`${school}|${year}|${proc}|${grade}|${subject}|${cls}`, { failed, participants });
}
// Каменская СОШ — rule 1 only in 2025.
force("Каменская", 2025, "ВПР", 5, "математика", "5", 4, 12);
force("Каменская", 2025, "ВПР", 6, "русский язык", "6", 5, 14);
// Никольская СОШ — rule 2 only: ОГЭ математика 2024 (35,0 % of 20), ВПР 8 математика 2025.
force("Никольская", 2024, "ОГЭ", "", "математика", "", 7, 20);
force("Никольская", 2025, "ВПР", 8, "математика", "8", 5, 14);
// СОШ № 8 — per-class rows, markers; low every year.
force("СОШ № 8»", 2023, "ВПР", 5, "математика", "5А", 9, 25);
force("СОШ № 8»", 2023, "ВПР", 5, "математика", "5Б", 7, 24);
force("СОШ № 8»", 2023, "ВПР", 6, "русский язык", "6А", 8, 23);
force("СОШ № 8»", 2023, "ВПР", 6, "русский язык", "6Б", 7, 24);
force("СОШ № 8»", 2024, "ВПР", 6, "математика", "6А", 9, 25);
force("СОШ № 8»", 2024, "ВПР", 6, "математика", "6Б", 6, 24);
force("СОШ № 8»", 2025, "ВПР", 5, "математика", "5А", 12, 26);
force("СОШ № 8»", 2025, "ВПР", 5, "математика", "5Б", 6, 25);
force("СОШ № 8»", 2025, "ВПР", 7, "русский язык", "7А", 9, 24);
force("СОШ № 8»", 2025, "ВПР", 7, "русский язык", "7Б", 7, 23);
// СОШ № 10 — exactly 30 %: 7 + 8 of 25 + 25 = 15 of 50 (2025); ОГЭ русский 2024 «30,0 %» of 40; ВПР 2023.
force("СОШ № 10»", 2025, "ВПР", 4, "русский язык", "4А", 7, 25);
force("СОШ № 10»", 2025, "ВПР", 4, "русский язык", "4Б", 8, 25);
force("СОШ № 10»", 2024, "ОГЭ", "", "русский язык", "", 12, 40);
force("СОШ № 10»", 2023, "ВПР", 7, "математика", "7А", 8, 24);
force("СОШ № 10»", 2023, "ВПР", 7, "математика", "7Б", 6, 22);
// Михайловская СОШ — ЕГЭ.
force("Михайловская", 2025, "ЕГЭ", "", "математика (базовая)", "", 4, 12);
force("Михайловская", 2025, "ВПР", 8, "русский язык", "8", 5, 15);
force("Михайловская", 2024, "ЕГЭ", "", "математика (профильная)", "", 3, 8);
// СОШ № 5 — ШНОР in 2024, excluded in 2025 with clear improvement.
force("СОШ № 5»", 2024, "ВПР", 5, "математика", "5А", 10, 27);
force("СОШ № 5»", 2024, "ВПР", 5, "математика", "5Б", 9, 26);
force("СОШ № 5»", 2024, "ВПР", 6, "русский язык", "6А", 8, 25);
force("СОШ № 5»", 2024, "ВПР", 6, "русский язык", "6Б", 8, 24);
force("СОШ № 5»", 2025, "ВПР", 6, "математика", "6А", 1, 27);
force("СОШ № 5»", 2025, "ВПР", 6, "математика", "6Б", 2, 26);
force("СОШ № 5»", 2025, "ВПР", 7, "русский язык", "7А", 1, 25);
force("СОШ № 5»", 2025, "ВПР", 7, "русский язык", "7Б", 2, 24);
// Заречная СОШ — ШНОР 2024, just below the threshold in 2025 (29,4 % and 29,2 %).
force("Заречная", 2024, "ВПР", 7, "русский язык", "7", 6, 18);
force("Заречная", 2024, "ВПР", 5, "математика", "5", 6, 17);
force("Заречная", 2025, "ВПР", 6, "математика", "6", 5, 17);
force("Заречная", 2025, "ВПР", 5, "русский язык", "5", 7, 24);
// Полевская ООШ — a single low unit.
force("Полевская", 2025, "ОГЭ", "", "математика", "", 3, 9);
// СОШ № 14 — new school, one low unit in its first year.
force("СОШ № 14»", 2025, "ВПР", 5, "математика", "5А", 8, 26);
force("СОШ № 14»", 2025, "ВПР", 5, "математика", "5Б", 8, 25);
// Троицкая СОШ — low outside the default subjects only.
force("Троицкая", 2025, "ОГЭ", "", "обществознание", "", 6, 15);
force("Троицкая", 2024, "ОГЭ", "", "биология", "", 3, 8);

function forcedFor(school: string, year: number, proc: string, grade: number | "", subject: string, cls: string) {
  for (const [key, v] of FORCED) {
    const [s, ...rest] = key.split("|");
    if (school.includes(s) && rest.join("|") === `${year}|${proc}|${grade}|${subject}|${cls}`) return v;
  }
  return null;
}

/** A neutral failure count: never reaches 30 % by accident (capped at 25 %). */
function neutralFailed(rnd: () => number, participants: number, rate: number): number {
  const noisy = rate * (0.5 + rnd());
  return Math.min(Math.round(participants * noisy), Math.floor(participants * 0.25));
}

function marksFor(rnd: () => number, participants: number, failed: number, quality: number) {
  const rest = participants - failed;
  const q = Math.min(rest, Math.max(0, Math.round(participants * quality * (0.8 + 0.4 * rnd()))));
  const m5 = Math.round(q * (0.2 + 0.2 * rnd()));
  return { m2: failed, m3: rest - q, m4: q - m5, m5 };
}

function yearText(rnd: () => number, y: number, forms: "vpr" | "oge" | "ege"): string | number {
  if (forms === "oge") return y;
  const options = [`${y - 1}/${y}`, `${y - 1}-${y}`, `${y - 1}/${String(y).slice(2)}`, `${y - 1}–${y}`];
  return forms === "ege" ? options[3] : options[Math.floor(rnd() * 3)];
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  row.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    c.border = { bottom: { style: "thin" } };
  });
}

export async function makeSampleWorkbook(seed = 20251001): Promise<ExcelJS.Workbook> {
  const rnd = prng(seed);
  const schools = makeSchools();
  const wb = new ExcelJS.Workbook();
  wb.creator = "Управление образования (пример)";
  wb.created = new Date(2025, 8, 15);
  wb.modified = new Date(2025, 9, 1);

  // «Школы»
  const ws = wb.addWorksheet("Школы");
  ws.addRow(["Перечень общеобразовательных организаций района на 01.09.2025"]).font = { bold: true, size: 13 };
  ws.mergeCells("A1:F1");
  styleHeader(ws.addRow(["Код ОО", "Школа", "Тип", "Местность", "Куратор", "Школа-партнёр"]));
  for (const s of schools) ws.addRow([s.code, s.name, s.type, s.locality, s.curator, s.partner]);
  ws.columns = [{ width: 10 }, { width: 52 }, { width: 10 }, { width: 11 }, { width: 16 }, { width: 24 }];
  ws.views = [{ state: "frozen", ySplit: 2 }];

  // «ВПР»
  const vpr = wb.addWorksheet("ВПР");
  vpr.addRow(["Результаты всероссийских проверочных работ (ВПР) по общеобразовательным организациям района"]).font = {
    bold: true,
    size: 13,
  };
  vpr.mergeCells("A1:J1");
  vpr.addRow(["Учебные годы 2022/2023 – 2024/2025; отметки — количество участников"]).font = { italic: true };
  styleHeader(
    vpr.addRow([
      "Школа",
      "Учебный год",
      "Процедура",
      "Класс",
      "Предмет",
      "Количество участников",
      "«2»",
      "«3»",
      "«4»",
      "«5»",
    ]),
  );
  const totals = [0, 0, 0, 0, 0];
  for (const y of YEARS) {
    for (const s of schools) {
      if (y < s.since) continue;
      const grades = [4, 5, 6, 7, 8];
      for (const g of grades) {
        for (const subject of SUBJECTS) {
          const labels = s.classes === 1 ? [String(g)] : LETTERS.slice(0, s.classes).map((l) => `${g}${l}`);
          for (const cls of labels) {
            const f = forcedFor(s.name, y, "ВПР", g, subject, cls);
            const size = s.locality === "село" ? 9 + Math.floor(rnd() * 8) : 22 + Math.floor(rnd() * 7);
            const participants = f ? f.participants : size;
            const failed = f ? f.failed : neutralFailed(rnd, participants, s.fail);
            const m = marksFor(rnd, participants, failed, s.quality);
            // The variant spelling: the register keeper typed this school differently.
            const name = s.name === "МБОУ «СОШ № 3»" && y === 2024 ? 'МБОУ "СОШ № 3"' : s.name;
            const row: (string | number | null)[] = [
              name,
              yearText(rnd, y, "vpr"),
              "ВПР",
              cls,
              subject,
              participants,
              m.m2,
              m.m3,
              m.m4,
              m.m5,
            ];
            // Unreadable cells (neutral schools): text in a count, «2» greater than participants.
            if (s.name.includes("Октябрьская") && y === 2024 && g === 5 && subject === "русский язык")
              row[5] = "двадцать";
            if (s.name === "МБОУ «СОШ № 2»" && y === 2023 && cls === "7Б" && subject === "математика")
              row[6] = participants + 5;
            vpr.addRow(row);
            if (typeof row[5] === "number" && (row[6] as number) <= participants) {
              totals[0] += participants;
              [m.m2, m.m3, m.m4, m.m5].forEach((v, i) => (totals[i + 1] += v));
            }
          }
        }
      }
    }
  }
  const tot = vpr.addRow(["Итого по району", "", "ВПР", "", "", ...totals]);
  tot.font = { bold: true };
  vpr.columns = [
    { width: 52 },
    { width: 12 },
    { width: 10 },
    { width: 7 },
    { width: 14 },
    { width: 13 },
    { width: 7 },
    { width: 7 },
    { width: 7 },
    { width: 7 },
  ];
  vpr.views = [{ state: "frozen", ySplit: 3 }];
  vpr.autoFilter = "A3:J3";

  // «ГИА-9» — ОГЭ, share of those below the minimum threshold as text with a decimal comma.
  const oge = wb.addWorksheet("ГИА-9");
  oge.addRow(["Результаты ГИА-9 (ОГЭ), основной период"]).font = { bold: true, size: 13 };
  oge.mergeCells("A1:F1");
  styleHeader(
    oge.addRow([
      "Наименование ОО",
      "Год",
      "Форма ГИА",
      "Предмет",
      "Кол-во участников",
      "Доля не преодолевших минимальный порог, %",
    ]),
  );
  for (const y of YEARS) {
    for (const s of schools) {
      if (y < s.since) continue;
      const subjects = [
        "русский язык",
        "математика",
        ...(s.name.includes("Троицкая") ? ["обществознание", "биология"] : []),
      ];
      for (const subject of subjects) {
        const f = forcedFor(s.name, y, "ОГЭ", "", subject, "");
        const participants = f
          ? f.participants
          : s.locality === "село"
            ? 7 + Math.floor(rnd() * 10)
            : 40 + Math.floor(rnd() * 30);
        const failed = f ? f.failed : neutralFailed(rnd, participants, s.fail * 0.6);
        const share = `${((failed / participants) * 100).toFixed(1).replace(".", ",")} %`;
        const name = s.name === "МБОУ «СОШ № 3»" ? 'МБОУ "СОШ № 3"' : s.name;
        oge.addRow([name, y, "ОГЭ", subject, participants, share]);
      }
    }
  }
  oge.addRow(["Итого", "", "", "", "", ""]).font = { bold: true };
  oge.columns = [{ width: 52 }, { width: 8 }, { width: 10 }, { width: 16 }, { width: 12 }, { width: 18 }];

  // «ГИА-11» — ЕГЭ: русский язык, математика базовая и профильная (count of those below the threshold).
  const ege = wb.addWorksheet("ГИА-11");
  ege.addRow(["Результаты ГИА-11 (ЕГЭ)"]).font = { bold: true, size: 13 };
  ege.mergeCells("A1:F1");
  styleHeader(
    ege.addRow(["Школа", "Учебный год", "Процедура", "Предмет", "Участники", "Не преодолели минимальный порог"]),
  );
  for (const y of YEARS) {
    for (const s of schools) {
      if (y < s.since || s.type === "ООШ") continue;
      for (const subject of ["русский язык", "математика (базовая)", "математика (профильная)"]) {
        const f = forcedFor(s.name, y, "ЕГЭ", "", subject, "");
        const base = s.locality === "село" ? 5 + Math.floor(rnd() * 8) : 20 + Math.floor(rnd() * 25);
        const participants = f
          ? f.participants
          : subject.includes("профильная")
            ? Math.max(3, Math.round(base * 0.5))
            : base;
        const failed = f ? f.failed : neutralFailed(rnd, participants, s.fail * 0.3);
        const row: (string | number | null)[] = [s.name, yearText(rnd, y, "ege"), "ЕГЭ", subject, participants, failed];
        if (s.name.includes("Гимназия № 2") && y === 2024 && subject === "русский язык") row[1] = null; // an empty year
        ege.addRow(row);
      }
    }
  }
  ege.columns = [{ width: 52 }, { width: 12 }, { width: 10 }, { width: 24 }, { width: 10 }, { width: 16 }];

  addStatusSheets(wb, schools, prng(seed + 13));
  return wb;
}

/** Schools of the hardest social passports (ШССУ by design); the first two are ШНОР as well. */
const HARD = ["Каменская", "Никольская", "Сосновская", "Ивановская", "Луговская", "Васильевская", "Полевская"];

/** The registers of issue 13 (SPEC §2): social passport, staff, support, attestats, risks, journal comparison. */
function addStatusSheets(wb: ExcelJS.Workbook, schools: School[], rnd: () => number): void {
  const between = (a: number, b: number) => a + (b - a) * rnd();
  const isHard = (s: School) => HARD.some((k) => s.name.includes(k));

  // «Социальный паспорт» — counts of pupils (the year from the title).
  const sp = wb.addWorksheet("Социальный паспорт");
  sp.addRow(["Социальный паспорт общеобразовательных организаций на 2024/2025 учебный год"]).font = { bold: true };
  sp.mergeCells("A1:H1");
  styleHeader(
    sp.addRow([
      "Школа",
      "Всего обучающихся",
      "На внутришкольном учёте",
      "На учёте в ОПДН",
      "Обучающиеся с ОВЗ",
      "Из семей в социально опасном положении",
      "Из малоимущих семей",
      "Русский язык не родной",
    ]),
  );
  for (const s of schools) {
    const pupils = s.locality === "село" ? 60 + Math.floor(rnd() * 90) : 350 + Math.floor(rnd() * 500);
    const hard = isHard(s);
    const share = (lo: number, hi: number, hardLo: number, hardHi: number) =>
      Math.round(pupils * (hard ? between(hardLo, hardHi) : between(lo, hi)));
    sp.addRow([
      s.name,
      pupils,
      share(0.005, 0.025, 0.05, 0.09),
      share(0, 0.01, 0.02, 0.04),
      share(0.02, 0.06, 0.1, 0.16),
      share(0.005, 0.02, 0.05, 0.1),
      share(0.05, 0.2, 0.35, 0.5),
      share(0, 0.03, 0.04, 0.12),
    ]);
  }
  sp.columns = [{ width: 52 }, ...Array.from({ length: 7 }, () => ({ width: 14 }))];

  // «Кадры» — teachers, diagnostics, training, contests, staffing %.
  const staff = wb.addWorksheet("Кадры");
  styleHeader(
    staff.addRow([
      "Школа",
      "Учебный год",
      "Всего педагогов",
      "Прошли диагностику профдефицитов",
      "Не достигли базового уровня",
      "Прошли ПК своевременно",
      "Участвовали в конкурсах",
      "Укомплектованность, %",
    ]),
  );
  for (const s of schools) {
    const teachers = s.locality === "село" ? 10 + Math.floor(rnd() * 12) : 30 + Math.floor(rnd() * 35);
    const diagnosed = Math.round(teachers * between(0.3, 0.7));
    const below = Math.round(diagnosed * (isHard(s) ? between(0.3, 0.5) : between(0, 0.2)));
    staff.addRow([
      s.name,
      "2024/2025",
      teachers,
      diagnosed,
      below,
      Math.round(teachers * between(0.6, 0.95)),
      Math.round(teachers * between(0, 0.2)),
      Math.round(isHard(s) ? between(80, 90) : between(93, 100)),
    ]);
  }
  staff.columns = [{ width: 52 }, { width: 12 }, ...Array.from({ length: 6 }, () => ({ width: 14 }))];

  // «Поддержка» — support of 2024/2025 for the schools that get it; a typed partner for СОШ № 8.
  const sup = wb.addWorksheet("Поддержка");
  styleHeader(
    sup.addRow([
      "Школа",
      "Учебный год",
      "Охвачена методической работой",
      "Взаимодействие со школой-лидером/наставником",
      "Адресная помощь",
      "Куратор",
      "Школа-партнёр",
    ]),
  );
  for (const s of schools) {
    const hard = isHard(s) || s.partner !== "";
    if (!hard) continue;
    const partner = s.name.includes("СОШ № 8»") ? "МБОУ «Гимназия № 2»" : null;
    sup.addRow([s.name, "2024/2025", "да", s.partner ? "да" : "нет", isHard(s) ? "да" : "нет", s.curator, partner]);
  }
  sup.columns = [
    { width: 52 },
    { width: 12 },
    { width: 16 },
    { width: 22 },
    { width: 12 },
    { width: 16 },
    { width: 24 },
  ];

  // «Аттестаты» — graduates of 9 and 11 and those without an attestat.
  const att = wb.addWorksheet("Аттестаты");
  styleHeader(
    att.addRow([
      "Школа",
      "Учебный год",
      "Выпускники 9 классов",
      "Не получили аттестат об основном общем образовании",
      "Выпускники 11 классов",
      "Не получили аттестат о среднем общем образовании",
    ]),
  );
  for (const y of [2024, 2025]) {
    for (const s of schools) {
      if (y < s.since) continue;
      const g9 = s.locality === "село" ? 6 + Math.floor(rnd() * 10) : 40 + Math.floor(rnd() * 40);
      const g11 = s.type === "ООШ" ? null : Math.round(g9 * between(0.3, 0.6));
      const no9 = Math.floor(g9 * (isHard(s) ? between(0.05, 0.15) : between(0, 0.03)));
      att.addRow([s.name, `${y - 1}/${y}`, g9, no9, g11, g11 === null ? null : Math.floor(g11 * between(0, 0.04))]);
    }
  }
  att.columns = [{ width: 52 }, { width: 12 }, { width: 14 }, { width: 18 }, { width: 14 }, { width: 18 }];

  // «Риски» — the «500+» risk profile of the supported schools (levels as entered; blanks are not entered).
  const risks = wb.addWorksheet("Риски");
  risks.addRow(["Рисковые профили школ (проект «500+»), 2024/2025 учебный год"]).font = { bold: true };
  risks.mergeCells("A1:F1");
  styleHeader(
    risks.addRow([
      "Школа",
      "1. Низкий уровень оснащения школы",
      "2. Дефицит педагогических кадров",
      "3. Недостаточная предметная и методическая компетентность педагогических работников",
      "8. Высокая доля обучающихся с рисками учебной неуспешности",
      "10. Низкая учебная мотивация обучающихся",
    ]),
  );
  const level = () => ["высокий", "средний", "низкий"][Math.floor(rnd() * 3)];
  for (const s of schools) {
    if (s.name.includes("СОШ № 8»")) risks.addRow([s.name, "низкий", "высокий", "высокий", "высокий", "средний"]);
    else if (isHard(s)) risks.addRow([s.name, level(), null, null, null, level()]);
  }
  risks.columns = [{ width: 52 }, ...Array.from({ length: 5 }, () => ({ width: 20 }))];

  // ФИС ОКО «Сравнение отметок с отметками по журналу», ВПР 2025, 5 класс, математика.
  const jr = wb.addWorksheet("Сравнение с журналом");
  jr.addRow(["Всероссийские проверочные работы 2025 (5 класс)"]).font = { bold: true };
  jr.addRow(["Предмет: Математика"]);
  jr.addRow(["Сравнение отметок с отметками по журналу"]);
  styleHeader(jr.addRow(["Группы участников", "Кол-во участников", "%"]));
  for (const s of schools.filter((x) => x.locality === "город").slice(0, 10)) {
    const total = 40 + Math.floor(rnd() * 30);
    const lower = s.name.includes("СОШ № 7»") ? Math.round(total * 0.36) : Math.round(total * between(0.05, 0.2));
    const higher = Math.round(total * between(0.02, 0.08));
    const same = total - lower - higher;
    const pct = (n: number) => Math.round((n * 10000) / total) / 100;
    jr.addRow([s.name, null, null]);
    jr.addRow(["Понизили (Отметка < Отметка по журналу) %", lower, pct(lower)]);
    jr.addRow(["Подтвердили (Отметка = Отметке по журналу) %", same, pct(same)]);
    jr.addRow(["Повысили (Отметка > Отметка по журналу) %", higher, pct(higher)]);
    jr.addRow(["Всего", total, 100]);
  }
  jr.columns = [{ width: 52 }, { width: 16 }, { width: 10 }];
}

async function main(): Promise<void> {
  const dir = path.resolve(__dirname, "..", "samples");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, SAMPLE_NAME);
  const wb = await makeSampleWorkbook();
  await wb.xlsx.writeFile(file);
  console.log(`Записано: ${file}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`Не удалось создать пример: ${(e as Error).message}`);
    process.exitCode = 1;
  });
}
