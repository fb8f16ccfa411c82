/**
 * The whole status of a school (issue 13) on real .xlsx files (scripts/fixtures/statusRegisters.ts) through the one
 * pipeline (readXlsxFile → buildAnnualList): R-SOC, R-RES, R-OBJ-1…4, R-RISK, curator and partner, each at its
 * boundary — the 25 % cut with ties, sd = 0, all indicators missing, ШССУ that is also ШНОР, the median tie, every
 * R-OBJ sign at its threshold, entered against suggested risks, a typed partner against a suggestion.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildAnnualList } from "../../../src/app";
import { pairShares, spearmanFromPairs } from "../../../src/core/objectivity";
import type { Settings } from "../../../src/core/settings";
import type { SchoolAssessment } from "../../../src/core/list.types";
import type { MarkPairs } from "../../../src/core/types";
import { readXlsxFile } from "../../../src/xlsx/readWorkbook";
import { DISTRICT, STATUS_FIXTURES } from "../../../scripts/make-fixtures";

let dir: string;
const files: Record<string, string> = {};
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "shnor-status-"));
  for (const [name, make] of Object.entries(STATUS_FIXTURES)) files[name] = await make(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function build(name: keyof typeof STATUS_FIXTURES, settings: Partial<Settings> = {}, year = 2025) {
  return buildAnnualList([await readXlsxFile(files[name])], { year, settings, generatedAt: new Date(2025, 8, 1) });
}
const school = (schools: SchoolAssessment[], name: string): SchoolAssessment => {
  const s = schools.find((x) => x.school === name);
  if (!s) throw new Error(`no school ${name}`);
  return s;
};
const d = (k: keyof typeof DISTRICT) => DISTRICT[k].name;

describe("R-SOC — ИСБ and ШССУ", () => {
  test("R-SOC: the lowest 25 % (⌊8 × 25 %⌋ = 2) with the tie at the cut included — F, G and H are ШССУ", async () => {
    const { list } = await build("statusDistrict");
    const sscu = list.schools
      .filter((s) => s.sscu)
      .map((s) => s.school)
      .sort();
    expect(sscu).toEqual([d("F"), d("G"), d("H")].sort());
    const g = school(list.schools, d("G"));
    const h = school(list.schools, d("H"));
    expect(g.sbi!.value).toBe(h.sbi!.value);
    // The cut is the second lowest ИСБ — G's and H's.
    expect(g.sbi!.cut).toBe(g.sbi!.value);
    expect(school(list.schools, d("F")).sbi!.value).toBeLessThan(g.sbi!.value);
    expect(school(list.schools, d("E")).sscu).toBe(false);
    expect(list.social).toHaveLength(1);
    expect(list.social[0]).toMatchObject({ municipality: null, year: 2025, schools: 9, cutBy: "share" });
  });

  test("R-SOC: ИСБ = −(mean of the z-scores over the group), z = (x − mean) / population sd; sd = 0 ⇒ z = 0", async () => {
    const { list } = await build("statusDistrict");
    const f = school(list.schools, d("F")).sbi!;
    const stats = new Map(list.social[0].indicators.map((i) => [i.id, i]));
    for (const i of f.indicators) {
      const st = stats.get(i.id)!;
      expect(i.z).toBeCloseTo(st.sd === 0 ? 0 : (i.value - st.mean) / st.sd, 9);
    }
    expect(f.value).toBeCloseTo(-f.indicators.reduce((a, i) => a + i.z, 0) / f.indicators.length, 9);
    // «Русский язык не родной» is 0 at every school: sd 0, every z 0.
    expect(stats.get("nonNative")).toMatchObject({ mean: 0, sd: 0 });
    expect(f.indicators.find((i) => i.id === "nonNative")).toMatchObject({ value: 0, z: 0 });
    // ВШУ and ОПДН in separate columns: the larger share (10 % against 5 %).
    expect(f.indicators.find((i) => i.id === "registered")!.value).toBe(0.1);
    // Rural from «Школы», staffing deficit from «Кадры» (1 − 80 %).
    expect(f.indicators.find((i) => i.id === "rural")!.value).toBe(1);
    expect(f.indicators.find((i) => i.id === "staffDeficit")!.value).toBeCloseTo(0.2, 12);
    expect(f.missing).toEqual([]);
  });

  test("R-SOC: every ИСБ is explained — the indicators, each value and z, the group and the cut", async () => {
    const { list } = await build("statusDistrict");
    const f = school(list.schools, d("F")).sbi!;
    expect(f.text).toContain("ИСБ −1,33 (социальный паспорт 2024/2025)");
    expect(f.text).toContain("доля обучающихся с ОВЗ 15,0 % (z 1,66)");
    expect(f.text).toContain("сельская местность да (z 0,77)");
    expect(f.text).toContain("ШССУ при ИСБ не выше −0,81 (25 % школ с наименьшим ИСБ из 8) — ШССУ");
  });

  test("R-SOC: a passport row with every indicator missing has no ИСБ and says so; a school without a row is «нет данных»", async () => {
    const { list, plan } = await build("statusDistrict");
    const i = school(list.schools, d("I"));
    expect(i.sbi).toBeNull();
    expect(i.sbiNote).toBe("ИСБ не вычислен: в социальном паспорте 2024/2025 нет ни одного показателя");
    expect(i.sscu).toBe(false);
    const j = school(list.schools, d("J"));
    expect(j.sbi).toBeNull();
    const col = plan.table!.columns.findIndex((c) => c.key === "isb");
    const row = (name: string) => plan.table!.rows.find((r) => r[1] === name)!;
    expect(row(d("I"))[col]).toBe("нет данных: ни одного показателя");
    expect(row(d("J"))[col]).toBe("нет данных");
    expect(String(row(d("F"))[col]).split("\n")[0]).toBe("−1,33");
  });

  test("R-SOC: missing indicators are left out of the mean and named; z within each municipality", async () => {
    const { list } = await build("socialTwoMunicipalities");
    const s1 = school(list.schools, "МБОУ «СОШ № 1» (Северный)").sbi!;
    expect(s1.indicators.map((i) => i.id)).toEqual(["registered", "disabled", "lowIncome"]);
    expect(s1.missing).toEqual([
      "доля обучающихся из неблагополучных семей (СОП)",
      "доля обучающихся, для которых русский язык не родной",
      "дефицит педагогических кадров",
      "сельская местность",
    ]);
    expect(s1.group).toEqual({ municipality: "Северный район", schools: 4 });
    expect(list.social.map((g) => [g.municipality, g.schools])).toEqual([
      ["Северный район", 4],
      ["Южный район", 3],
    ]);
    // One ШССУ per municipality: ⌊4 × 25 %⌋ = 1 and (three schools read) at least one.
    expect(list.schools.filter((s) => s.sscu).map((s) => s.school)).toEqual([
      "МБОУ «СОШ № 4» (Северный)",
      "МБОУ «СОШ № 4» (Южный)",
    ]);
    // The row with an unreadable cell is left out (no ИСБ), its problem is listed.
    expect(school(list.schools, "МБОУ «СОШ № 2» (Южный)").sbi).toBeNull();
    expect(list.problems.some((p) => p.cell === "F7")).toBe(true);
  });

  test("R-SOC settings: an absolute cut-off replaces the share; weight 0 leaves an indicator out", async () => {
    const cut = await build("socialTwoMunicipalities", { sssuCutoff: 0.5 });
    expect(
      cut.list.schools
        .filter((s) => s.sscu)
        .map((s) => s.school)
        .sort(),
    ).toEqual(
      [
        "МБОУ «СОШ № 4» (Северный)",
        "МБОУ «СОШ № 4» (Южный)",
        "МБОУ «СОШ № 3» (Северный)",
        "МБОУ «СОШ № 3» (Южный)",
      ].sort(),
    );
    expect(cut.list.social[0]).toMatchObject({ cut: 0.5, cutBy: "cutoff" });
    const w = await build("socialTwoMunicipalities", { isbWeights: { lowIncome: 0, disabled: 2 } });
    const s = school(w.list.schools, "МБОУ «СОШ № 1» (Северный)").sbi!;
    expect(s.indicators.map((i) => [i.id, i.weight])).toEqual([
      ["registered", 1],
      ["disabled", 2],
    ]);
    const [r, dz] = s.indicators.map((i) => i.z);
    expect(s.value).toBeCloseTo(-(r + 2 * dz) / 3, 9);
  });

  test("R-SOC: every school alike (sd = 0 everywhere) — every ИСБ 0 and no ШССУ by share, said in the explanation", async () => {
    const { list } = await build("socialFlat");
    expect(list.schools.map((s) => s.sbi?.value)).toEqual([0, 0, 0]);
    expect(list.schools.some((s) => s.sscu)).toBe(false);
    expect(list.schools[0].sbi!.cut).toBeNull();
    expect(list.schools[0].sbi!.text).toContain("порог ШССУ не определён: ИСБ всех школ одинаков");
  });
});

describe("R-RES and the status flags", () => {
  test("ШССУ that is also ШНОР: «ШНОР и ШССУ», never resilient", async () => {
    const { list, plan } = await build("statusDistrict");
    const f = school(list.schools, d("F"));
    expect(f.status).toEqual(["ШНОР", "ШССУ"]);
    expect(f.resilient).toBe(false);
    expect(f.resilienceNote).toBe("ШССУ и ШНОР — не резильентная");
    const col = plan.table!.columns.findIndex((c) => c.key === "status");
    expect(plan.table!.rows.find((r) => r[1] === d("F"))![col]).toBe("ШНОР и ШССУ");
  });

  test("R-RES: the pooled ВПР failure share at the median (a tie, 15 %) is resilient; above it (25 %) is not", async () => {
    const { list, plan } = await build("statusDistrict");
    const g = school(list.schools, d("G"));
    expect(g.status).toEqual(["ШССУ", "резильентная"]);
    expect(g.resilienceNote).toBe("резильентная: доля «2» ВПР 15,0 %, медиана реестра 15,0 % (не выше медианы)");
    const h = school(list.schools, d("H"));
    expect(h.status).toEqual(["ШССУ"]);
    expect(h.resilienceNote).toBe("не резильентная: доля «2» ВПР 25,0 %, медиана реестра 15,0 % (выше медианы)");
    const col = plan.table!.columns.findIndex((c) => c.key === "status");
    expect(plan.table!.rows.find((r) => r[1] === d("G"))![col]).toBe("ШССУ, резильентная");
  });

  test("summary counts per status on the list and its sheet", async () => {
    const { list, plan } = await build("statusDistrict");
    expect(list.summary.status).toEqual({
      shnor: 2,
      sscu: 3,
      shnorAndSscu: 1,
      resilient: 1,
      objectivity: 4,
      withSbi: 8,
      // Высокий: F (entered), G and H (staffing 85 % — suggested), J (staffing 90 %, ВПР 35 % — suggested).
      highRisk: 4,
      partnerSuggested: 1,
    });
    const block = plan.blocks.find((b) => b.values.some((r) => r[0] === "Всего школ"))!;
    const get = (label: string) => block.values.find((r) => r[0] === label)?.[1];
    expect(get("ШССУ")).toBe(3);
    expect(get("ШНОР и ШССУ")).toBe(1);
    expect(get("Резильентные")).toBe(1);
    expect(get("С признаками необъективности")).toBe(4);
    expect(get("ШНОР с предложенной школой-партнёром")).toBe(1);
    expect(String(plan.blocks[1].values[1][0])).toContain(
      "ШССУ — 25 % школ с наименьшим ИСБ реестра (социальный паспорт 2024/2025)",
    );
  });
});

describe("R-OBJ — signs of non-objective results", () => {
  test("R-OBJ-1 (journal register): «Подтвердили» 49,5 % is a sign, exactly 50 % is not; «Понизили» exactly 30 % is", async () => {
    const { list } = await build("statusDistrict");
    const signs = (k: keyof typeof DISTRICT) =>
      school(list.schools, d(k)).objectivity.filter((o) => o.sign === "R-OBJ-1");
    expect(signs("B").map((o) => [o.test, o.year, o.values.confirmed])).toEqual([["confirmed", 2025, 49.5]]);
    expect(signs("B")[0].unit).toEqual({
      procedure: "ВПР",
      grade: 5,
      subject: "математика",
      variant: null,
      classLabel: null,
    });
    expect(signs("B")[0].text).toBe(
      "2025 · ВПР · 5 кл. · математика: подтвердили отметку по журналу у 49,5 % (меньше 50,0 %, сравнено 200 уч.)",
    );
    expect(signs("C")).toEqual([]);
    expect(signs("E").map((o) => [o.test, o.values.lower])).toEqual([["lower", 30]]);
  });

  test("R-OBJ-1 thresholds are settings", async () => {
    const { list } = await build("statusDistrict", {
      obj: { confirmedBelow: 49, lowerAtLeast: 30.1 } as Settings["obj"],
    });
    expect(school(list.schools, d("B")).objectivity.filter((o) => o.sign === "R-OBJ-1")).toEqual([]);
    expect(school(list.schools, d("E")).objectivity.filter((o) => o.sign === "R-OBJ-1")).toEqual([]);
  });

  test("R-OBJ-2: no «2» and quality 90 % against the municipal 60 % (+30,0 p.p.) is a sign; +29,5 p.p. is not", async () => {
    const { list } = await build("statusDistrict");
    const a = school(list.schools, d("A")).objectivity;
    expect(
      a.map((o) => [o.sign, o.test, o.unit.subject, o.values.quality, o.values.municipalQuality, o.values.excess]),
    ).toEqual([["R-OBJ-2", "high", "математика", 90, 60, 30]]);
    expect(school(list.schools, d("B")).objectivity.some((o) => o.sign === "R-OBJ-2")).toBe(false);
    const stricter = await build("statusDistrict", { obj: { qualityExcess: 30.5 } as Settings["obj"] });
    expect(school(stricter.list.schools, d("A")).objectivity).toEqual([]);
  });

  test("R-OBJ-3: grade 4 in Y−1 against grade 5 in Y — a drop of exactly 30 p.p. flags the grade-4 result; 25 p.p. does not", async () => {
    const { list } = await build("statusDistrict");
    const c = school(list.schools, d("C")).objectivity;
    expect(c.map((o) => [o.sign, o.year, o.unit.grade, o.values.quality4, o.values.quality5, o.values.drop])).toEqual([
      ["R-OBJ-3", 2024, 4, 80, 50, 30],
    ]);
    expect(school(list.schools, d("D")).objectivity).toEqual([]);
    expect(school(list.schools, d("D")).objectivityNotes).toEqual([]);
    expect(school(list.schools, d("C")).status).toEqual(["с признаками необъективности"]);
  });

  test("R-OBJ-1 with per-pupil protocols: exact matches and Spearman's rho < 0 (ФИОКО); a unit under the minimum is not judged", async () => {
    const { list } = await build("protocolAgreement");
    const lyceum = school(list.schools, "МБОУ «Лицей № 1»").objectivity;
    const obj1 = lyceum.filter((o) => o.sign === "R-OBJ-1");
    expect(obj1.map((o) => o.test).sort()).toEqual(["confirmed", "lower", "rho"]);
    const rho = obj1.find((o) => o.test === "rho")!;
    expect(rho.values.pupils).toBe(12);
    expect(rho.values.rho).toBeLessThan(0);
    expect(rho.values.confirmed).toBeCloseTo(100 / 12, 9);
    const sosh = school(list.schools, "МБОУ «СОШ № 2»");
    expect(sosh.objectivity).toEqual([]);
    const few = school(list.schools, "МБОУ «ООШ № 3»");
    expect(few.objectivity).toEqual([]);
    expect(few.objectivityNotes).toEqual(["нет данных для проверки объективности"]);
  });

  test("R-OBJ-4 from primary scores: the school's 95 % interval wholly above the region's", async () => {
    const { list } = await build("protocolAgreement");
    const mean = school(list.schools, "МБОУ «Лицей № 1»").objectivity.find((o) => o.sign === "R-OBJ-4")!;
    expect(mean.values.mean).toBe(19);
    expect(mean.values.low).toBeGreaterThan(mean.values.regionHigh);
    expect(mean.text).toContain("средний первичный балл 19,0 (12 уч.), 95 % интервал");
    expect(school(list.schools, "МБОУ «СОШ № 2»").objectivity.some((o) => o.sign === "R-OBJ-4")).toBe(false);
  });

  test("R-OBJ-4 on ЕГЭ «средний балл» with the assumed sd setting; without it (null) the sign is not computed", async () => {
    const { list } = await build("egeMeans");
    const signs = list.schools.flatMap((s) =>
      s.objectivity.map((o) => [s.school, o.sign, o.values.low, o.values.regionHigh]),
    );
    expect(signs).toHaveLength(1);
    expect(signs[0][0]).toBe("МБОУ «Лицей»");
    const o = school(list.schools, "МБОУ «Лицей»").objectivity[0];
    expect(o.values).toMatchObject({ mean: 85, sd: 15, pupils: 20 });
    expect(o.values.low).toBeCloseTo(85 - (1.959963984540054 * 15) / Math.sqrt(20), 6);
    expect(o.text).toContain("ст. отклонение баллов 15,0 — допущение настройки");
    const none = await build("egeMeans", { obj: { egeScoreSd: null } as Settings["obj"] });
    expect(none.list.schools.flatMap((s) => s.objectivity)).toEqual([]);
    const wide = await build("egeMeans", { obj: { egeScoreSd: 40 } as Settings["obj"] });
    expect(wide.list.schools.flatMap((s) => s.objectivity)).toEqual([]);
  });

  test("Spearman's rho from the pair matrix equals the mid-rank correlation of the expanded pupils", () => {
    const pairs: MarkPairs = [
      [1, 2, 0, 0],
      [0, 3, 1, 0],
      [0, 1, 4, 2],
      [0, 0, 1, 3],
    ];
    const xs: number[] = [];
    const ys: number[] = [];
    pairs.forEach((row, v) =>
      row.forEach((c, j) => {
        for (let k = 0; k < c; k++) {
          xs.push(v + 2);
          ys.push(j + 2);
        }
      }),
    );
    const rank = (a: number[]) =>
      a.map((x) => {
        const below = a.filter((y) => y < x).length;
        const eq = a.filter((y) => y === x).length;
        return below + (eq + 1) / 2;
      });
    const rx = rank(xs);
    const ry = rank(ys);
    const m = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    const mx = m(rx);
    const my = m(ry);
    const cov = rx.reduce((s, x, i) => s + (x - mx) * (ry[i] - my), 0);
    const vx = rx.reduce((s, x) => s + (x - mx) ** 2, 0);
    const vy = ry.reduce((s, y) => s + (y - my) ** 2, 0);
    expect(spearmanFromPairs(pairs)).toBeCloseTo(cov / Math.sqrt(vx * vy), 9);
    const shares = pairShares(pairs);
    expect(shares.n).toBe(18);
    expect(shares.lower).toBeCloseTo((5 / 18) * 100, 6);
    expect(shares.confirmed).toBeCloseTo((11 / 18) * 100, 6);
    expect(shares.higher).toBeCloseTo((2 / 18) * 100, 6);
    // No variation in one mark: rho is not defined.
    expect(
      spearmanFromPairs([
        [0, 0, 0, 0],
        [3, 2, 1, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ]),
    ).toBeNull();
  });
});

describe("R-RISK — entered levels and «оценка по данным»", () => {
  test("R-RISK: entered levels are kept; 3 and 8 are suggested where no column; an entered level is never overwritten", async () => {
    const { list } = await build("statusDistrict");
    const risks = (k: keyof typeof DISTRICT) =>
      school(list.schools, d(k)).risks.map((r) => [r.direction, r.level, r.source]);
    expect(risks("F")).toEqual([
      [1, "высокий", "entered"],
      [2, "высокий", "entered"],
      [3, "высокий", "оценка по данным"],
      [8, "высокий", "оценка по данным"],
      [9, "средний", "entered"],
    ]);
    const f3 = school(list.schools, d("F")).risks.find((r) => r.direction === 3)!;
    expect(f3.basis).toBe("не достигли базового уровня 4 из 10 прошедших диагностику (40,0 %), «Кадры» 2024/2025");
    // A: staffing 100 % would suggest «низкий» for 2 — the entered «средний» stays.
    expect(risks("A").find((r) => r[0] === 2)).toEqual([2, "средний", "entered"]);
  });

  test("R-RISK: a blank cell is not entered — 2 suggested from staffing 85 % (deficit 15 % ⇒ высокий); 8 at 15 % is средний", async () => {
    const { list } = await build("statusDistrict");
    const g = school(list.schools, d("G")).risks;
    expect(g.find((r) => r.direction === 2)).toMatchObject({
      level: "высокий",
      source: "оценка по данным",
      basis: "укомплектованность 85,0 % (дефицит 15,0 %), «Кадры» 2024/2025",
    });
    expect(g.find((r) => r.direction === 8)).toMatchObject({ level: "средний", source: "оценка по данным" });
    expect(g.find((r) => r.direction === 9)).toMatchObject({ level: "высокий", source: "entered" });
  });
});

describe("curator and partner", () => {
  test("a typed partner in «Поддержка» always wins; the curator of «Поддержка» wins over «Школы»", async () => {
    const { list } = await build("statusDistrict");
    const j = school(list.schools, d("J"));
    expect(j.partner).toEqual({
      school: d("A"),
      schoolKey: `code:${DISTRICT.A.code}`,
      suggested: false,
      reason: "указана в реестре «Поддержка» (2024/2025)",
    });
    expect(school(list.schools, d("F")).curator).toEqual({ name: "Смирнова О. П.", from: "Поддержка", year: 2025 });
  });

  test("a ШНОР without a partner gets a suggested one: resilient, same type and location, lowest pooled share; the reason written", async () => {
    const { list, plan } = await build("statusDistrict");
    const f = school(list.schools, d("F"));
    expect(f.partner).toEqual({
      school: d("G"),
      schoolKey: `code:${DISTRICT.G.code}`,
      suggested: true,
      reason:
        "предложено: резильентная школа, того же типа (СОШ) и местности (село), с наименьшей долей не справившихся; " +
        "доля не справившихся за два года 10,0 % против 21,7 % у школы",
    });
    const col = plan.table!.columns.findIndex((c) => c.key === "partner");
    expect(plan.table!.rows.find((r) => r[1] === d("F"))![col]).toBe(`${d("G")} (предложено)`);
    // Not ШНОР: no suggestion.
    expect(school(list.schools, d("H")).partner).toBeNull();
  });
});
