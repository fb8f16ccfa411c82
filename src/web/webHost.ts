/**
 * WorkbookHost over .xlsx files in the browser (issue 17): the web page's port, so the pane's controller and
 * components run unchanged on files instead of an open workbook.
 *
 * - The «workbook» is the files opened together. `readGrids` gives their sheets (several files: one WorkbookGrids
 *   whose sheets name their file, as registers, problems and mappings expect).
 * - Writing builds a copy in memory: with one file, the copy starts as that file's bytes and every plan is grafted
 *   onto it (src/xlsx/graft: the user's parts are carried byte for byte, generated sheets of the same name are
 *   replaced); with several files, a new workbook holds only the generated sheets. Whatever the pane writes —
 *   the annual list today, every sheet added later — lands in that one copy, offered as a download.
 * - Nothing leaves the browser: no request is made; settings and mappings live in the browser's storage.
 */
import type { Settings } from "../core/settings";
import type { SheetPlan } from "../core/sheetPlan";
import type { WorkbookGrids } from "../core/types";
import {
  HostError,
  type GeneratedSheetRecord,
  type HostTraits,
  type SheetStatus,
  type WorkbookHost,
  type WriteOptions,
  type WriteResult,
} from "../app/workbookHost";
import type { ManualMapping } from "../registers/types";
import { generatedSheetNames, graftPlansToBytes, workbookKind, XlsxFileError } from "../xlsx/graft";
import { openPackage, XlsxPackageError } from "../xlsx/xlsxPackage";
import type { PaneStore } from "./browserStorage";

export const WEB_TRAITS: HostTraits = { savedIn: "в этом браузере", selectsCells: false };

/** One file the user opened, read. */
export interface OpenedFile {
  /** File name as chosen («Реестр результатов района.xlsx»). */
  name: string;
  bytes: Uint8Array;
  grids: WorkbookGrids;
}

/** The workbook built so far, ready to download. */
export interface BuiltWorkbook {
  bytes: Uint8Array;
  /** Download name: «<файл> — список ШНОР 2025.xlsx». */
  fileName: string;
  mimeType: string;
  /** Sheets written into it, in the order written (a rebuilt sheet once). */
  sheets: string[];
  /** A copy of the one file opened (true) or a new workbook for several files (false). */
  isCopy: boolean;
}

const MIME: Record<"xlsx" | "xlsm" | "template", string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xlsm: "application/vnd.ms-excel.sheet.macroEnabled.12",
  template: "application/vnd.openxmlformats-officedocument.spreadsheetml.template",
};
const EXT: Record<"xlsx" | "xlsm" | "template", string> = { xlsx: ".xlsx", xlsm: ".xlsm", template: ".xltx" };

function stripExtension(name: string): string {
  return name.replace(/\.(xlsx|xlsm|xltx|xltm|xls)$/i, "");
}

/**
 * Download name, like the demo's output: «<файл> — список ШНОР 2025.xlsx»; several files: «<первый> и ещё N — …».
 * The sheet named is the annual list when one was written, else the first sheet written.
 */
export function downloadName(files: string[], sheetName: string, kind: "xlsx" | "xlsm" | "template"): string {
  const first = stripExtension(files[0] ?? "Книга").trim() || "Книга";
  const base = files.length > 1 ? `${first} и ещё ${files.length - 1}` : first;
  const what = sheetName.charAt(0).toLocaleLowerCase("ru") + sheetName.slice(1);
  return `${base} — ${what}${EXT[kind]}`;
}

const sameName = (a: string, b: string): boolean => a.toLocaleLowerCase("ru") === b.toLocaleLowerCase("ru");

function sheetNamesOf(bytes: Uint8Array): string[] {
  return openPackage(bytes, "").sheets.map((s) => s.name);
}

export class WebWorkbook implements WorkbookHost {
  readonly traits = WEB_TRAITS;
  /** The copy being built (one file: starts as its bytes); null until a sheet is written into a new workbook. */
  private working: Uint8Array | null;
  private readonly kind: "xlsx" | "xlsm" | "template";
  private written: { name: string; kind: SheetPlan["kind"]; year: number; sheet: string }[] = [];
  private built: BuiltWorkbook | null = null;
  private listeners = new Set<() => void>();

  constructor(
    readonly files: OpenedFile[],
    private readonly store: PaneStore,
  ) {
    if (files.length === 0) throw new Error("WebWorkbook: no files");
    this.working = files.length === 1 ? files[0].bytes : null;
    const k = files.length === 1 ? workbookKind(files[0].bytes) : "xlsx";
    this.kind = k === "unknown" ? "xlsx" : k;
  }

  // ---- the download (useSyncExternalStore) -------------------------------------------------------------------
  output = (): BuiltWorkbook | null => this.built;
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  // ---- WorkbookHost ------------------------------------------------------------------------------------------
  async readGrids(): Promise<WorkbookGrids> {
    if (this.files.length === 1) return this.files[0].grids;
    const sheets = [];
    for (const f of this.files) {
      for (const s of f.grids.sheets) sheets.push(s.file ? s : { ...s, file: f.name });
    }
    return { sheets };
  }

  async sheetStatus(name: string): Promise<SheetStatus> {
    if (!this.working) return "absent";
    if (generatedSheetNames(this.working).some((n) => sameName(n, name))) return "generated";
    return sheetNamesOf(this.working).some((n) => sameName(n, name)) ? "user" : "absent";
  }

  async writePlan(plan: SheetPlan, opts: WriteOptions): Promise<WriteResult> {
    const status = await this.sheetStatus(plan.name);
    if (status === "user") {
      throw new HostError("user-sheet", `В книге уже есть лист «${plan.name}», созданный не этой программой.`);
    }
    if (status === "generated" && !opts.replace) {
      throw new HostError("needs-confirm", `Лист «${plan.name}» уже построен: подтвердите замену.`);
    }
    opts.onProgress?.({ stage: "Запись книги", fraction: 0 });
    let result: ReturnType<typeof graftPlansToBytes>;
    try {
      result = graftPlansToBytes(this.working, [plan]);
    } catch (e) {
      if (e instanceof XlsxFileError || e instanceof XlsxPackageError) throw new HostError("write-failed", e.message);
      throw e;
    }
    this.working = result.bytes;
    const sheet = result.sheets[0] ?? plan.name;
    this.written = [
      ...this.written.filter((w) => !sameName(w.sheet, sheet)),
      { name: plan.name, kind: plan.kind, year: plan.year, sheet },
    ];
    const named = this.written.find((w) => w.kind === "annual-list") ?? this.written[0];
    this.built = {
      bytes: result.bytes,
      fileName: downloadName(
        this.files.map((f) => f.name),
        named.name,
        this.kind,
      ),
      mimeType: MIME[this.kind],
      sheets: this.written.map((w) => w.sheet),
      isCopy: this.files.length === 1,
    };
    opts.onProgress?.({ stage: "Запись книги", fraction: 1 });
    for (const l of this.listeners) l();
    return { sheet, warnings: result.warnings, rows: plan.table?.rows.length ?? 0 };
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    throw new HostError(
      "no-excel",
      `На веб-странице нет листов Excel: откройте файл в Excel и перейдите к ячейке «${sheet}»!${cell}.`,
    );
  }

  loadSettings(): Settings {
    return this.store.loadSettings();
  }
  async saveSettings(settings: Settings): Promise<void> {
    this.store.saveSettings(settings);
  }
  loadMappings(): ManualMapping[] {
    const names = new Set(this.files.map((f) => f.name));
    // A mapping saved for a file applies to a file of that name; one without a file, to the single file opened.
    return this.store
      .loadMappings()
      .filter((m) => (m.file === undefined ? this.files.length === 1 : names.has(m.file)));
  }
  async saveMappings(mappings: ManualMapping[]): Promise<void> {
    const names = new Set(this.files.map((f) => f.name));
    // Mappings of files not open now are kept; those of the open files are the pane's list.
    const others = this.store.loadMappings().filter((m) => m.file !== undefined && !names.has(m.file));
    const own = mappings.map((m) =>
      m.file === undefined && this.files.length === 1 ? { ...m, file: this.files[0].name } : m,
    );
    this.store.saveMappings([...others, ...own]);
  }
  loadGeneratedSheets(): GeneratedSheetRecord[] {
    if (!this.working) return [];
    const known = new Map(this.written.map((w) => [w.sheet, w]));
    return generatedSheetNames(this.working).map((name) => {
      const w = known.get(name);
      // A sheet marked by an earlier run says neither its kind nor its year.
      return w ? { name, kind: w.kind, year: w.year } : { name, kind: "unknown", year: 0 };
    });
  }
}
