/**
 * Task-pane state and actions, without React: the components render `PaneState` and call these actions.
 * No domain logic here either — registers are read by src/registers, the list by src/app, the sheet is
 * written by the WorkbookHost (src/excel for Office.js, src/web for files in a browser). The controller only sequences
 * them and keeps what the UI shows.
 */
import {
  allProblems,
  buildAll,
  buildProfiles,
  resultYears,
  schoolChoices,
  SHEET_CHOICES,
  SHEET_TITLES,
  ShnorInputError,
  type SheetChoice,
} from "../app";
import type { SchoolChoice } from "../app/profile";
import type { SkippedGeneratedSheet } from "../app/generatedSheets";
import { scanRegisters } from "../app/scan";
import { safeParseSettings, type Settings } from "../core/settings";
import type { Problem, WorkbookGrids } from "../core/types";
import { HostError, OFFICE_TRAITS, type HostTraits, type WorkbookHost, type WriteProgress } from "../app/workbookHost";
import type { ManualMapping, Registers } from "../registers/types";

export type Phase = "idle" | "scanning" | "building" | "writing";

/** The profile choice «every school, a page each». */
export const ALL_SCHOOLS = "*";

export interface ProfileOutcome {
  sheet: string;
  /** Schools profiled (pages). */
  schools: number;
  /** The school's name when one was profiled. */
  school: string | null;
}

export interface BuildOutcome {
  /** The first sheet written (the list when it was built). */
  sheet: string;
  year: number;
  total: number;
  shnor: number;
  included: number;
  excluded: number;
  /** Every sheet written, in order (issue 14: «Построить всё» writes four). */
  sheets: string[];
  /** What a rebuild carried over («сохранено отметок: 42, целей: 12»); null when nothing was there before. */
  kept: string | null;
  /** «На контроле»: may enter the next list (issue 15). */
  watched: number;
  /** Issue 13: counts per status (ШССУ only with a social passport). */
  sscu: number;
  resilient: number;
  objectivity: number;
  /** Whether the workbook has a social passport (ШССУ could be told). */
  withSbi: boolean;
}

export interface PaneState {
  /** False outside Excel (no host): the pane says Excel is needed. */
  hasHost: boolean;
  /** How the host is spoken of (where settings are saved, whether cells can be selected). */
  traits: HostTraits;
  phase: Phase;
  progress: WriteProgress | null;
  registers: Registers | null;
  /** Sheets the add-in generated (the annual list): never read as registers, shown as «создан надстройкой». */
  generatedSheets: SkippedGeneratedSheet[];
  /** Years present in the results, ascending. */
  years: number[];
  /** List year chosen by the user; null = the latest year in the results. */
  year: number | null;
  settings: Settings;
  /** Settings as edited and not saved yet. */
  settingsDirty: boolean;
  mappings: ManualMapping[];
  problems: Problem[];
  error: string | null;
  warnings: string[];
  notice: string | null;
  /** Sheets the add-in generated that a build would replace («A», «B» joined by «», «»): the pane asks first. */
  confirmReplace: string | null;
  /** The sheets to be replaced carry what people typed (roadmap, indicators): the question says so. */
  confirmKeeps: boolean;
  /** What the confirmation is for: the annual list or the school profile. */
  confirmFor: "list" | "profile";
  outcome: BuildOutcome | null;
  /** Schools of the registers for «Профиль ОО» (the list's order, ШНОР first). */
  schools: SchoolChoice[];
  /** The school chosen for a profile (its key), ALL_SCHOOLS, or null. */
  profileSchool: string | null;
  profileOutcome: ProfileOutcome | null;
}

/** Props of the pane's sections (registers, settings, build). */
export interface PaneViewProps {
  controller: PaneController;
  state: PaneState;
  busy: boolean;
}

/** Let the browser paint the progress bar before CPU-bound work (recognition, the list). */
const paint = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function message(e: unknown): string {
  if (e instanceof ShnorInputError || e instanceof HostError) return e.message;
  if (e instanceof Error) return `Ошибка: ${e.message}`;
  return "Неизвестная ошибка.";
}

/** A mapping is for a sheet of a file: the same sheet name in another open file is another sheet. */
function sameSheet(m: ManualMapping, sheet: string, file: string | undefined): boolean {
  return m.sheet === sheet && (m.file ?? "") === (file ?? "");
}

export class PaneController {
  private state: PaneState;
  private listeners = new Set<() => void>();

  constructor(private host: WorkbookHost | null) {
    this.state = {
      hasHost: host !== null,
      traits: host?.traits ?? OFFICE_TRAITS,
      phase: "idle",
      progress: null,
      registers: null,
      generatedSheets: [],
      years: [],
      year: null,
      settings: host ? host.loadSettings() : safeParseSettings({}).settings,
      settingsDirty: false,
      mappings: host ? host.loadMappings() : [],
      problems: [],
      error: null,
      warnings: [],
      notice: null,
      confirmReplace: null,
      confirmKeeps: false,
      confirmFor: "list",
      outcome: null,
      schools: [],
      profileSchool: null,
      profileOutcome: null,
    };
  }

  /** The sheets of a build waiting for the user's confirmation to replace generated sheets. */
  private pending: readonly SheetChoice[] | null = null;

  // ---- store (useSyncExternalStore) --------------------------------------------------------------------------
  getState = (): PaneState => this.state;
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  private set(patch: Partial<PaneState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** The year the list will be built for: the chosen one, else the latest in the results. */
  effectiveYear(): number | null {
    const { year, years } = this.state;
    return year ?? (years.length ? years[years.length - 1] : null);
  }

  // ---- registers ----------------------------------------------------------------------------------------------
  private recognise(grids: WorkbookGrids): Registers {
    const { registers, generatedSheets } = scanRegisters([grids], { mappings: this.state.mappings });
    const years = resultYears(registers);
    const year = this.state.year !== null && years.includes(this.state.year) ? this.state.year : null;
    this.set({ registers, generatedSheets, years, year, problems: allProblems(null, registers) });
    this.refreshSchools();
    return registers;
  }

  /** The schools a profile can be built for, at the chosen year and settings (a choice no longer there is dropped). */
  private refreshSchools(): void {
    const { registers, settings } = this.state;
    let schools: SchoolChoice[] = [];
    try {
      schools = registers ? schoolChoices(registers, this.effectiveYear(), settings) : [];
    } catch {
      schools = [];
    }
    const chosen = this.state.profileSchool;
    const keep = chosen === ALL_SCHOOLS || (chosen !== null && schools.some((c) => c.key === chosen));
    this.set({ schools, profileSchool: keep ? chosen : null });
  }

  /** Scan the workbook: which sheets are which registers (SPEC §2). */
  async scan(): Promise<void> {
    if (!this.host || this.state.phase !== "idle") return;
    this.set({
      phase: "scanning",
      progress: { stage: "Чтение листов книги", fraction: 0.2 },
      error: null,
      notice: null,
    });
    try {
      const grids = await this.host.readGrids();
      this.set({ progress: { stage: "Распознавание реестров", fraction: 0.7 } });
      await paint();
      this.recognise(grids);
    } catch (e) {
      this.set({ error: message(e) });
    } finally {
      this.set({ phase: "idle", progress: null });
    }
  }

  // ---- settings -----------------------------------------------------------------------------------------------
  setYear(year: number | null): void {
    this.set({ year });
    this.refreshSchools();
  }

  /** The school of «Профиль ОО» (a key of `schools`, ALL_SCHOOLS, or null). */
  setProfileSchool(key: string | null): void {
    this.set({ profileSchool: key, profileOutcome: null });
  }

  /** Edit settings in memory; invalid values are reported, not stored. */
  updateSettings(patch: Partial<Settings>): string[] {
    const { settings, errors } = safeParseSettings({ ...this.state.settings, ...patch });
    if (errors.length) return errors;
    this.set({ settings, settingsDirty: true });
    this.refreshSchools();
    return [];
  }

  /** Save the settings in the workbook; the host recalculates it so the SHNOR.* formulas use them. */
  async saveSettings(): Promise<void> {
    if (!this.host) return;
    try {
      await this.host.saveSettings(this.state.settings);
      this.set({ settingsDirty: false, notice: `Настройки сохранены ${this.state.traits.savedIn}.`, error: null });
    } catch (e) {
      this.set({ error: message(e) });
    }
  }

  // ---- manual mappings ----------------------------------------------------------------------------------------
  /** Point a register at a sheet by hand (or correct its mapping); remembered by the host (the workbook). */
  async setMapping(mapping: ManualMapping): Promise<void> {
    const mappings = [...this.state.mappings.filter((m) => !sameSheet(m, mapping.sheet, mapping.file)), mapping];
    await this.storeMappings(
      mappings,
      `Сопоставление листа «${mapping.sheet}» сохранено ${this.state.traits.savedIn}.`,
    );
  }

  /** Back to automatic recognition for a sheet (of `file`, when several files are open). */
  async clearMapping(sheet: string, file?: string): Promise<void> {
    const mappings = this.state.mappings.filter((m) => !sameSheet(m, sheet, file));
    await this.storeMappings(mappings, `Для листа «${sheet}» снова используется автоматическое распознавание.`);
  }

  private async storeMappings(mappings: ManualMapping[], notice: string): Promise<void> {
    if (!this.host) return;
    try {
      await this.host.saveMappings(mappings);
      this.set({ mappings, error: null });
    } catch (e) {
      this.set({ error: message(e) });
      return;
    }
    await this.scan();
    // After the rescan, which clears notices: the user sees what was saved.
    if (!this.state.error) this.set({ notice });
  }

  // ---- building sheets -----------------------------------------------------------------------------------------
  /** «Построить ежегодный список»: read → build → (ask before replacing a generated sheet) → write. */
  async buildList(confirmed = false): Promise<void> {
    await this.build(["list"], confirmed);
  }

  /** «Построить всё»: the list, the roadmap, the indicators and the dynamics (issue 14). */
  async buildAll(confirmed = false): Promise<void> {
    await this.build(SHEET_CHOICES, confirmed);
  }

  /** One sheet (the pane's per-sheet buttons). */
  async buildSheet(choice: SheetChoice, confirmed = false): Promise<void> {
    await this.build([choice], confirmed);
  }

  /**
   * Read → build the chosen sheets (the roadmap and indicators merged with their previous versions, src/app/buildAll)
   * → ask once before replacing sheets the add-in generated (never a user sheet) → write them one by one through the
   * host, with progress.
   */
  async build(choices: readonly SheetChoice[], confirmed = false): Promise<void> {
    if (!this.host || this.state.phase !== "idle") return;
    const host = this.host;
    this.pending = null;
    this.set({
      phase: "building",
      error: null,
      notice: null,
      warnings: [],
      confirmReplace: null,
      confirmKeeps: false,
      outcome: null,
    });
    try {
      // The sheets and the SHNOR.* formulas must use the same settings: edited settings are saved first.
      if (this.state.settingsDirty) {
        this.set({ progress: { stage: `Сохранение настроек ${this.state.traits.savedIn}`, fraction: 0.02 } });
        await host.saveSettings(this.state.settings);
        this.set({ settingsDirty: false });
      }
      this.set({ progress: { stage: "Чтение листов книги", fraction: 0.05 } });
      const grids = await host.readGrids();
      this.set({
        progress: {
          stage: choices.length === 1 && choices[0] === "list" ? "Построение списка" : "Построение листов",
          fraction: 0.2,
        },
      });
      await paint();
      this.recognise(grids);
      const built = buildAll([grids], {
        year: this.effectiveYear() ?? undefined,
        settings: this.state.settings,
        mappings: this.state.mappings,
        sheets: choices,
      });
      this.set({ problems: allProblems(built.list, built.registers) });
      const plans = built.sheets.map((x) => x.plan);
      const replace: string[] = [];
      for (const plan of plans) {
        const status = await host.sheetStatus(plan.name);
        if (status === "user") {
          throw new HostError(
            "user-sheet",
            `В книге уже есть лист «${plan.name}», созданный не надстройкой. Он не будет изменён: переименуйте его, чтобы построить ${plan.kind === "annual-list" ? "список" : "этот лист"}.`,
          );
        }
        if (status === "generated") replace.push(plan.name);
      }
      if (replace.length && !confirmed) {
        this.pending = choices;
        const keeps = built.sheets.some(
          (x) => replace.includes(x.plan.name) && (x.choice === "roadmap" || x.choice === "indicators"),
        );
        this.set({ confirmReplace: replace.join("», «"), confirmKeeps: keeps, confirmFor: "list" });
        return;
      }
      this.set({ phase: "writing", progress: { stage: "Запись листа", fraction: 0.3 } });
      const warnings: string[] = [];
      const written: string[] = [];
      for (let i = 0; i < plans.length; i++) {
        const plan = plans[i];
        const label = plans.length > 1 ? `Лист ${i + 1} из ${plans.length} «${plan.name}»: ` : "";
        // Sheets are written one after another: each write is its own Excel.run (bounded syncs per sheet).
        const res = await host.writePlan(plan, {
          replace: replace.includes(plan.name),
          onProgress: (p) =>
            this.set({
              progress: { stage: `${label}${p.stage}`, fraction: 0.3 + (0.7 * (i + p.fraction)) / plans.length },
            }),
        });
        written.push(res.sheet);
        for (const w of res.warnings) if (!warnings.includes(w)) warnings.push(w);
      }
      const s = built.list.summary;
      this.set({
        warnings,
        outcome: {
          sheet: written[0] ?? "",
          year: built.year,
          total: s.total,
          shnor: s.shnor,
          included: s.included,
          excluded: s.excluded,
          sheets: written,
          kept: built.keptText || null,
          watched: s.watch.schools,
          sscu: s.status.sscu,
          resilient: s.status.resilient,
          objectivity: s.status.objectivity,
          withSbi: s.status.withSbi > 0,
        },
      });
    } catch (e) {
      this.set({ error: message(e) });
    } finally {
      this.set({ phase: "idle", progress: null });
    }
  }

  // ---- «Профиль ОО» (issue 15) -----------------------------------------------------------------------------------
  /** «Построить профиль»: read → the list → the chosen school's page (or every school's) → write «Профиль ОО Y». */
  async buildProfile(confirmed = false): Promise<void> {
    if (!this.host || this.state.phase !== "idle") return;
    const chosen = this.state.profileSchool;
    if (chosen === null) {
      this.set({ error: "Выберите школу для профиля." });
      return;
    }
    const host = this.host;
    this.set({
      phase: "building",
      error: null,
      notice: null,
      warnings: [],
      confirmReplace: null,
      profileOutcome: null,
    });
    try {
      if (this.state.settingsDirty) {
        this.set({ progress: { stage: "Сохранение настроек в книге", fraction: 0.02 } });
        await host.saveSettings(this.state.settings);
        this.set({ settingsDirty: false });
      }
      this.set({ progress: { stage: "Чтение листов книги", fraction: 0.05 } });
      const grids = await host.readGrids();
      this.set({ progress: { stage: "Построение профиля", fraction: 0.2 } });
      await paint();
      this.recognise(grids);
      const built = buildProfiles([grids], {
        year: this.effectiveYear() ?? undefined,
        settings: this.state.settings,
        mappings: this.state.mappings,
        ...(chosen === ALL_SCHOOLS ? {} : { schoolKeys: [chosen] }),
      });
      this.set({ problems: allProblems(built.list, built.registers) });
      const plan = built.profilePlan;
      const status = await host.sheetStatus(plan.name);
      if (status === "user") {
        throw new HostError(
          "user-sheet",
          `В книге уже есть лист «${plan.name}», созданный не надстройкой. Он не будет изменён: переименуйте его, чтобы построить профиль.`,
        );
      }
      if (status === "generated" && !confirmed) {
        this.set({ confirmReplace: plan.name, confirmFor: "profile" });
        return;
      }
      this.set({ phase: "writing", progress: { stage: "Запись листа", fraction: 0.3 } });
      const res = await host.writePlan(plan, {
        replace: status === "generated",
        onProgress: (p) => this.set({ progress: { stage: p.stage, fraction: 0.3 + 0.7 * p.fraction } }),
      });
      const one = built.profiles.length === 1 ? built.profiles[0].school : null;
      this.set({
        warnings: res.warnings,
        profileOutcome: {
          sheet: res.sheet,
          schools: built.profiles.length,
          school: one ? one.school : null,
        },
      });
    } catch (e) {
      this.set({ error: message(e) });
    } finally {
      this.set({ phase: "idle", progress: null });
    }
  }

  /** The user confirmed replacing the generated sheets. */
  async confirmReplace(): Promise<void> {
    const what = this.state.confirmFor;
    const choices = this.pending ?? ["list"];
    this.set({ confirmReplace: null, confirmKeeps: false });
    if (what === "profile") await this.buildProfile(true);
    else await this.build(choices, true);
  }

  cancelReplace(): void {
    this.pending = null;
    const several = (this.state.confirmReplace ?? "").includes("», «");
    this.set({
      confirmReplace: null,
      confirmKeeps: false,
      notice: several ? "Листы не заменены." : "Лист не заменён.",
    });
  }

  /** Russian titles of the sheet buttons. */
  static readonly SHEETS: readonly { choice: SheetChoice; title: string }[] = SHEET_CHOICES.map((choice) => ({
    choice,
    title: SHEET_TITLES[choice],
  }));

  // ---- problems -----------------------------------------------------------------------------------------------
  async selectProblem(p: Problem): Promise<void> {
    if (!this.host || !this.state.traits.selectsCells) return;
    try {
      await this.host.selectCell(p.sheet, p.cell);
    } catch (e) {
      this.set({ error: message(e) });
    }
  }

  dismissError(): void {
    this.set({ error: null });
  }
  dismissNotice(): void {
    this.set({ notice: null });
  }
}
