/**
 * Issue 13 in the task pane over the in-memory Excel: the five new registers appear in «Найденные реестры» through
 * the registry (Russian titles), the list sheet gets Статус with every flag, ИСБ, Признаки необъективности, Куратор,
 * Школа-партнёр «(предложено)» and the counts per status; the new settings (ШССУ share / cut-off, weights, R-OBJ and
 * risk thresholds) reach the list, and every one is explained in Russian without rule codes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as React from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { officeHost } from "../../src/excel/officeHost";
import { SettingsForm, SETTINGS_FIELDS } from "../../src/taskpane/components/SettingsForm";
import { PaneController } from "../../src/taskpane/controller";
import { KIND_TITLE } from "../../src/taskpane/labels";
import { readXlsxFile } from "../../src/xlsx/readWorkbook";
import { DISTRICT, statusDistrict } from "../../scripts/make-fixtures";
import { FakeExcel, installFake, type FakeValue } from "./fakeExcel";

const g = globalThis as unknown as Record<string, unknown>;
let dir: string;
let sheets: { name: string; values: FakeValue[][] }[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-pane-status-"));
  const wb = await readXlsxFile(await statusDistrict(dir));
  // Office.js gives "" for an empty cell.
  sheets = wb.sheets.map((s) => ({
    name: s.name,
    values: s.values.map((r) => Array.from(r ?? [], (v) => (v === null || v === undefined ? "" : (v as FakeValue)))),
  }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function setup(): { excel: FakeExcel; controller: PaneController } {
  const excel = new FakeExcel();
  for (const s of sheets) excel.addSheet(s.name, s.values);
  installFake(g, excel);
  return { excel, controller: new PaneController(officeHost()) };
}

function listRows(excel: FakeExcel): { header: FakeValue[]; body: FakeValue[][]; all: FakeValue[][] } {
  const out = excel.sheetValues("Список ШНОР 2025");
  const h = out.findIndex((r) => r[0] === "№" && r[1] === "Школа");
  const body: FakeValue[][] = [];
  for (let i = h + 1; i < out.length && out[i][0] !== ""; i++) body.push(out[i]);
  return { header: out[h], body, all: out };
}

describe("issue 13 in the task pane (R-SOC, R-RES, R-OBJ, R-RISK)", () => {
  test("«Найденные реестры»: the five new registers with their Russian titles, from the registry", async () => {
    const { controller } = setup();
    await controller.scan();
    const st = controller.getState();
    const kinds = Object.fromEntries(st.registers!.sheets.map((a) => [a.sheet, a.kind]));
    expect(kinds).toEqual({
      Школы: "schools",
      ВПР: "results",
      "Социальный паспорт": "context",
      Кадры: "staff",
      Поддержка: "support",
      Аттестаты: "attestats",
      Риски: "risks",
      "Сравнение с журналом": "journal",
    });
    expect([KIND_TITLE.context, KIND_TITLE.staff, KIND_TITLE.support, KIND_TITLE.attestats, KIND_TITLE.risks]).toEqual([
      "Контекст (социальный паспорт)",
      "Кадры",
      "Поддержка",
      "Аттестаты",
      "Риски",
    ]);
    expect(st.registers!.context).toHaveLength(9);
  });

  test("the list sheet: every status flag, ИСБ, signs, curator, partner «(предложено)», counts per status", async () => {
    const { excel, controller } = setup();
    await controller.scan();
    await controller.buildList();
    const st = controller.getState();
    expect(st.error).toBeNull();
    expect(st.outcome).toMatchObject({ shnor: 2, sscu: 3, resilient: 1, objectivity: 4, withSbi: true });
    const { header, body, all } = listRows(excel);
    const col = (h: string) => header.indexOf(h);
    const row = (k: keyof typeof DISTRICT) => body.find((r) => r[1] === DISTRICT[k].name)!;
    expect(row("F")[col("Статус")]).toBe("ШНОР и ШССУ");
    expect(row("G")[col("Статус")]).toBe("ШССУ, резильентная");
    expect(row("H")[col("Статус")]).toBe("ШССУ");
    expect(row("A")[col("Статус")]).toBe("с признаками необъективности");
    expect(row("D")[col("Статус")]).toBe("—");
    expect(String(row("A")[col("Признаки необъективности")])).toContain("нет «2», качество 90,0 %");
    expect(row("D")[col("Признаки необъективности")]).toBe("—");
    expect(String(row("F")[col("ИСБ")]).split("\n")[0]).toBe("−1,33");
    expect(row("J")[col("ИСБ")]).toBe("нет данных");
    expect(row("F")[col("Куратор")]).toBe("Смирнова О. П.");
    expect(row("F")[col("Школа-партнёр")]).toBe(`${DISTRICT.G.name} (предложено)`);
    expect(row("J")[col("Школа-партнёр")]).toBe(DISTRICT.A.name);
    const summary = (label: string) => all.find((r) => r[1] === label)?.[2];
    expect(summary("ШССУ")).toBe(3);
    expect(summary("Резильентные")).toBe(1);
    expect(summary("ШНОР и ШССУ")).toBe(1);
  });

  test("new settings reach the list: ШССУ share 50 %, an absolute cut-off, R-OBJ thresholds", async () => {
    const { excel, controller } = setup();
    await controller.scan();
    expect(controller.updateSettings({ sssuShare: 50 })).toEqual([]);
    await controller.buildList();
    expect(controller.getState().outcome).toMatchObject({ sscu: 4 });
    await controller.confirmReplace();
    expect(controller.updateSettings({ sssuCutoff: -1 })).toEqual([]);
    const s = controller.getState().settings;
    expect(
      controller.updateSettings({
        obj: { ...s.obj, qualityExcess: 31, cohortDrop: 31, confirmedBelow: 40, lowerAtLeast: 40 },
      }),
    ).toEqual([]);
    await controller.buildList(true);
    const o = controller.getState().outcome!;
    expect(o).toMatchObject({ sscu: 1, objectivity: 0 });
    const { header, body } = listRows(excel);
    expect(body.filter((r) => String(r[header.indexOf("Статус")]).includes("ШССУ")).map((r) => r[1])).toEqual([
      DISTRICT.F.name,
    ]);
    // Bad values are refused with the zod issue (the form shows its Russian message).
    expect(controller.updateSettings({ sssuShare: 140 }).length).toBeGreaterThan(0);
  });

  test("every setting of the form is explained in Russian and no rule code («R-LOW») reaches the UI", () => {
    const { controller } = setup();
    const ids = SETTINGS_FIELDS.map((f) => f.id);
    for (const id of [
      "sssuShare",
      "sssuCutoff",
      "isbWeights.rural",
      "obj.confirmedBelow",
      "obj.lowerAtLeast",
      "obj.rhoBelow",
      "obj.qualityExcess",
      "obj.cohortDrop",
      "obj.minPupils",
      "obj.egeScoreSd",
      "risk.staffDeficitHigh",
      "risk.failMedium",
    ])
      expect(ids).toContain(id);
    for (const f of SETTINGS_FIELDS) {
      expect(`${f.label} ${f.hint}`).toMatch(/[А-Яа-яЁё]/);
      expect(`${f.label} ${f.hint}`).not.toMatch(/R-[A-Z]/);
    }
    const html = renderToStaticMarkup(
      React.createElement(
        FluentProvider,
        { theme: webLightTheme },
        React.createElement(SettingsForm, { controller, state: controller.getState(), busy: false }),
      ),
    );
    expect(html).not.toMatch(/R-[A-Z]{2,}/);
    expect(html).toContain("Доля ШССУ, %");
    expect(html).toContain("Признаки необъективности результатов");
    expect(html).toContain("Разброс баллов ЕГЭ (стандартное отклонение)");
    // Issue 14: the roadmap settings, with the department's name as stored.
    expect(html).toContain("Дорожная карта и показатели");
    expect(html).toContain("Управление образования");
    expect(html).toContain("Период дорожной карты — учебный год (сентябрь – август), а не календарный");
    expect(
      controller.updateSettings({ roadmap: { ...controller.getState().settings.roadmap, startMonth: 9 } }),
    ).toEqual([]);
    expect(controller.getState().settings.roadmap.startMonth).toBe(9);
  });
});
