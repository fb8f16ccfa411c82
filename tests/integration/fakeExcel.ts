/**
 * An in-memory Excel for the Office.js adapter (src/excel): just the API surface src/excel uses, with Office.js
 * semantics that matter for correctness and cost —
 *  - properties must be `load`ed and `sync`ed before they are read (else it throws, like PropertyNotLoaded);
 *  - every `context.sync()` is counted, every write is recorded with the sync it belongs to;
 *  - a request whose written values exceed 5 MB fails like Excel on the web (RequestPayloadSizeLimitExceeded),
 *    and so does a sync whose response (the values loaded, as JSON) would exceed it;
 *  - `isSetSupported("ExcelApi", v)` answers from a configurable maximum version, and the calls src/excel makes
 *    that need more than ExcelApi 1.1 throw ApiNotFound above that version (tables.add(Range) 1.3,
 *    getUsedRange(valuesOnly) 1.2, merge 1.2, columnWidth 1.2, suspendApiCalculation 1.6, …);
 *  - worksheets have string ids (ExcelApi 1.1) that survive renames; `application.calculate` is recorded;
 *  - strings written through `values` are parsed as Excel parses typed input: a leading apostrophe makes the rest
 *    text (the prefix is not stored); «=…» (and «+…», «-…», «@…» longer than one character) is a formula — the fake
 *    flags it (`formulaWrites`, and throws unless `allowFormulas`), because the add-in must never write one by accident;
 *    numbers, dd.mm.yyyy dates and booleans become numbers, date serials and booleans unless the cell is formatted «@».
 * Self-contained (no imports): the e2e test transpiles this file and injects it into the browser page.
 */

export type FakeValue = string | number | boolean;

export interface FakeOp {
  /** 1-based index of the sync that sent this op (the sync that follows it). */
  sync: number;
  sheet: string;
  kind: string;
  address?: string;
  rows?: number;
  cols?: number;
  value?: unknown;
}

export interface FakeTable {
  sheet: string;
  address: string;
  hasHeaders: boolean;
  name: string;
  style?: string;
}

interface SheetModel {
  /** Worksheet id as Office.js gives it ("{…}"), stable across renames. */
  id: string;
  name: string;
  cells: FakeValue[][];
  /** Set by the test as a user sheet or by the adapter. */
  formats: Record<string, unknown>;
  merges: string[];
  /** Rectangles formatted as text ("@"): Excel keeps numeric-looking strings there as text. */
  textRanges: { row: number; col: number; rows: number; cols: number }[];
  /** Number formats of single cells ("row,col" → format code); "General" elsewhere. */
  numberFormats: Map<string, string>;
  frozen: { rows: number; cols: number } | null;
  pageLayout: Record<string, unknown>;
  deleted: boolean;
}

export interface FakeExcelOptions {
  /** Highest ExcelApi version reported as supported (default "1.17"). */
  maxApi?: string;
  /** Request payload limit in bytes (default 5 MB, Excel on the web). */
  payloadLimit?: number;
  /** Record formula-like strings written through `values` without throwing (default: throw). */
  allowFormulas?: boolean;
  /** The workbook counts dates from 1904 (old Mac workbooks): serials 1462 smaller; DATE(1904;1;1) = 0. */
  date1904?: boolean;
}

/** A string Excel took for a formula when it was written through `values`. */
export interface FakeFormulaWrite {
  sheet: string;
  address: string;
  text: string;
}

const PAYLOAD_LIMIT = 5 * 1024 * 1024;

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
function colLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
function parseA1(address: string): { row: number; col: number; rows: number; cols: number } {
  const bare = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
  const [a, b = a] = bare.split(":");
  const m1 = /^([A-Z]+)(\d+)$/i.exec(a);
  const m2 = /^([A-Z]+)(\d+)$/i.exec(b);
  if (!m1 || !m2) throw new Error(`InvalidArgument: bad address ${address}`);
  const r1 = Number(m1[2]) - 1;
  const r2 = Number(m2[2]) - 1;
  const c1 = colIndex(m1[1]);
  const c2 = colIndex(m2[1]);
  return { row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 };
}
function a1(row: number, col: number, rows: number, cols: number): string {
  const s = `${colLetter(col)}${row + 1}`;
  return rows === 1 && cols === 1 ? s : `${s}:${colLetter(col + cols - 1)}${row + rows}`;
}
function versionLE(a: string, b: string): boolean {
  const [a1_, a2 = 0] = a.split(".").map(Number);
  const [b1, b2 = 0] = b.split(".").map(Number);
  return a1_ < b1 || (a1_ === b1 && a2 <= b2);
}
function jsonBytes(v: unknown): number {
  // UTF-8 length of the JSON, as the request carries it.
  const s = JSON.stringify(v) ?? "";
  let n = 0;
  for (let i = 0; i < s.length; i++) n += s.charCodeAt(i) < 128 ? 1 : s.charCodeAt(i) < 2048 ? 2 : 3;
  return n;
}

export class FakeExcel {
  readonly ops: FakeOp[] = [];
  readonly tables: FakeTable[] = [];
  syncCount = 0;
  /** Bytes written per sync (index = sync number − 1). */
  readonly payloads: number[] = [];
  activeSheet: string | null = null;
  selected: { sheet: string; address: string } | null = null;
  /** getUsedRange calls: whether the adapter asked for values only (ExcelApi 1.2). */
  readonly usedRangeCalls: { sheet: string; valuesOnly: boolean }[] = [];
  /** Response bytes (values loaded) per sync. */
  readonly responses: number[] = [];
  /** Calls of context.sync() per Excel.run. */
  readonly runs: number[] = [];
  /** Formula-like strings written through `values` (Excel would have made them formulas). */
  readonly formulaWrites: FakeFormulaWrite[] = [];
  /** Cells whose text was written with the apostrophe prefix, as "Sheet!A1". */
  readonly quotePrefixed: string[] = [];
  /** Manual horizontal page breaks added, as "Sheet!A7". */
  readonly pageBreaks: string[] = [];
  /** Formulas written through `range.formulas` (the add-in's intended formulas), as "Sheet!A7" → formula. */
  readonly formulas = new Map<string, string>();
  readonly allowFormulas: boolean;
  readonly date1904: boolean;
  /** numberFormat reads (address and cell count): the reader loads them only where dates may hide. */
  readonly formatReads: { sheet: string; address: string; cells: number }[] = [];
  private sheets: SheetModel[] = [];
  private nextId = 1;
  private pendingBytes = 0;
  private pendingLoads: (() => number | void)[] = [];
  readonly maxApi: string;
  readonly payloadLimit: number;

  constructor(opts: FakeExcelOptions = {}) {
    this.maxApi = opts.maxApi ?? "1.17";
    this.payloadLimit = opts.payloadLimit ?? PAYLOAD_LIMIT;
    this.allowFormulas = opts.allowFormulas ?? false;
    this.date1904 = opts.date1904 ?? false;
  }

  // ---- model access for tests -------------------------------------------------------------------------------

  addSheet(name: string, values: FakeValue[][] = [], merges: string[] = []): void {
    const n = this.nextId++;
    this.sheets.push({
      id: `{5A1E0000-0000-4000-8000-${String(n).padStart(12, "0")}}`,
      name,
      cells: values.map((r) => r.slice()),
      formats: {},
      merges,
      textRanges: [],
      numberFormats: new Map(),
      frozen: null,
      pageLayout: {},
      deleted: false,
    });
  }
  sheetNames(): string[] {
    return this.live().map((s) => s.name);
  }
  /** Give cells a number format as a user would (e.g. a date shown as «yyyy»). */
  setNumberFormat(sheet: string, address: string, format: string): void {
    const s = this.find(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    const b = parseA1(address);
    for (let r = b.row; r < b.row + b.rows; r++)
      for (let c = b.col; c < b.col + b.cols; c++) s.numberFormats.set(`${r},${c}`, format);
  }
  /** Number formats of a block, as Office.js returns them. */
  readFormats(s: SheetModel, row: number, col: number, rows: number, cols: number): string[][] {
    return Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (__, j) => s.numberFormats.get(`${row + i},${col + j}`) ?? "General"),
    );
  }
  /** Cell values of a sheet (rows as stored; empty cells ""). */
  sheetValues(name: string): FakeValue[][] {
    const s = this.find(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s.cells.map((r) => r.slice());
  }
  sheet(name: string): SheetModel | undefined {
    return this.find(name);
  }
  opsOf(kind: string): FakeOp[] {
    return this.ops.filter((o) => o.kind === kind);
  }
  isSetSupported(set: string, version?: string): boolean {
    return set === "ExcelApi" && versionLE(version ?? "1.1", this.maxApi);
  }

  /** `Excel`-namespace stand-in: `run` plus whatever src/excel touches. */
  get namespace(): { run: <T>(cb: (ctx: FakeContext) => Promise<T>) => Promise<T> } {
    return {
      run: async <T>(cb: (ctx: FakeContext) => Promise<T>): Promise<T> => {
        const before = this.syncCount;
        const ctx = new FakeContext(this);
        try {
          const r = await cb(ctx);
          // Excel.run flushes what is still queued; an empty queue makes no round trip.
          if (this.hasPending()) await ctx.sync();
          return r;
        } finally {
          this.runs.push(this.syncCount - before);
        }
      },
    };
  }

  // ---- internals used by the proxies ------------------------------------------------------------------------

  live(): SheetModel[] {
    return this.sheets.filter((s) => !s.deleted);
  }
  find(name: string): SheetModel | undefined {
    return this.live().find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  byId(id: string): SheetModel {
    const s = this.sheets.find((x) => x.id === id);
    if (!s || s.deleted) throw new Error("ItemNotFound: the worksheet was deleted");
    return s;
  }
  createSheet(name: string): SheetModel {
    if (this.find(name)) throw new Error(`ItemAlreadyExists: ${name}`);
    this.addSheet(name);
    return this.sheets[this.sheets.length - 1];
  }
  hasPending(): boolean {
    return this.pendingLoads.length > 0 || this.ops.some((o) => o.sync > this.syncCount);
  }
  record(op: Omit<FakeOp, "sync">, bytes = 0): void {
    this.ops.push({ ...op, sync: this.syncCount + 1 });
    this.pendingBytes += bytes;
  }
  /** A load applied at the next sync; it may return the bytes it adds to the response. */
  queueLoad(fn: () => number | void): void {
    this.pendingLoads.push(fn);
  }
  async doSync(): Promise<void> {
    this.syncCount++;
    const bytes = this.pendingBytes;
    this.payloads.push(bytes);
    this.pendingBytes = 0;
    const loads = this.pendingLoads;
    this.pendingLoads = [];
    if (bytes > this.payloadLimit) {
      this.responses.push(0);
      throw new Error(`RequestPayloadSizeLimitExceeded: ${bytes} bytes in one request`);
    }
    let response = 0;
    for (const l of loads) response += l() ?? 0;
    this.responses.push(response);
    if (response > this.payloadLimit) {
      throw new Error(`RequestPayloadSizeLimitExceeded: the response would be ${response} bytes`);
    }
    await Promise.resolve();
  }
  writeCells(s: SheetModel, row: number, col: number, values: FakeValue[][]): void {
    // Like Excel parsing typed input: «'» keeps the rest as text; «=…» is a formula; numeric-looking strings, dates
    // and booleans are converted unless the cell is formatted as text ("@").
    const isText = (r: number, c: number): boolean =>
      s.textRanges.some((t) => r >= t.row && r < t.row + t.rows && c >= t.col && c < t.col + t.cols);
    values = values.map((r, i) =>
      r.map((v, j) => {
        if (typeof v !== "string" || v === "") return v;
        const address = `${s.name}!${a1(row + i, col + j, 1, 1)}`;
        if (v.startsWith("'")) {
          this.quotePrefixed.push(address);
          return v.slice(1);
        }
        if (v.startsWith("=") || (/^[+\-@]/.test(v) && v.length > 1)) {
          // A text-formatted cell keeps even «=…» as text.
          if (isText(row + i, col + j)) return v;
          this.formulaWrites.push({ sheet: s.name, address: a1(row + i, col + j, 1, 1), text: v });
          if (!this.allowFormulas) {
            throw new Error(`fake: a formula was written through values at ${address}: ${v}`);
          }
          return v;
        }
        if (isText(row + i, col + j)) return v;
        const t = v.trim();
        if (/^[-+]?\d+([.,]\d+)?$/.test(t)) return Number(t.replace(",", "."));
        const date = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
        if (date) {
          const serial = Date.UTC(Number(date[3]), Number(date[2]) - 1, Number(date[1])) / 86_400_000 + 25_569;
          return serial - (this.date1904 ? 1462 : 0);
        }
        if (/^(true|истина)$/i.test(t)) return true;
        if (/^(false|ложь)$/i.test(t)) return false;
        return v;
      }),
    );
    values.forEach((r, i) => {
      const target = (s.cells[row + i] ??= []);
      for (let k = target.length; k < col; k++) if (target[k] === undefined) target[k] = "";
      r.forEach((v, j) => {
        target[col + j] = v;
      });
    });
    for (let i = 0; i < s.cells.length; i++) s.cells[i] ??= [];
  }
  readCells(s: SheetModel, row: number, col: number, rows: number, cols: number): FakeValue[][] {
    const out: FakeValue[][] = [];
    for (let i = 0; i < rows; i++) {
      const src = s.cells[row + i] ?? [];
      const r: FakeValue[] = [];
      for (let j = 0; j < cols; j++) {
        const v = src[col + j];
        r.push(v === undefined || v === null ? "" : v);
      }
      out.push(r);
    }
    return out;
  }
  usedBox(s: SheetModel): { row: number; col: number; rows: number; cols: number } {
    let top = -1;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    s.cells.forEach((r, i) =>
      (r ?? []).forEach((v, j) => {
        if (v === "" || v === undefined || v === null) return;
        if (top < 0) top = i;
        bottom = i;
        left = Math.min(left, j);
        right = Math.max(right, j);
      }),
    );
    if (top < 0) return { row: 0, col: 0, rows: 1, cols: 1 };
    return { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }
}

/** Throws like Office.js when a property is read before load + sync. */
function notLoaded(what: string): never {
  throw new Error(`PropertyNotLoaded: ${what} was read before load() and context.sync()`);
}

export class FakeContext {
  readonly workbook: FakeWorkbook;
  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbook(excel);
  }
  sync(): Promise<void> {
    return this.excel.doSync();
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  /** Worksheet functions (ExcelApi 1.2): only DATE, which src/excel uses to tell the date system. */
  readonly functions: { date(y: number, m: number, d: number): { load(p: string): void; readonly value: number } };
  readonly application: { suspendApiCalculationUntilNextSync(): void; calculate(type: string): void };
  constructor(private excel: FakeExcel) {
    this.worksheets = new FakeWorksheetCollection(excel);
    this.tables = new FakeTableCollection(excel);
    this.functions = {
      date: (y: number, m: number, d: number) => {
        if (!excel.isSetSupported("ExcelApi", "1.2")) throw new Error("ApiNotFound: workbook.functions (ExcelApi 1.2)");
        const serial = Date.UTC(y, m - 1, d) / 86_400_000 + 25_569 - (excel.date1904 ? 1462 : 0);
        let loadedAt: number | null = null;
        return {
          load: (p: string) => {
            if (p !== "value") throw new Error(`fake: unsupported load ${p}`);
            loadedAt = excel.syncCount;
          },
          get value(): number {
            if (loadedAt === null || excel.syncCount <= loadedAt) notLoaded("FunctionResult.value");
            return serial;
          },
        };
      },
    };
    this.application = {
      suspendApiCalculationUntilNextSync: () => {
        if (!excel.isSetSupported("ExcelApi", "1.6")) throw new Error("ApiNotFound: ExcelApi 1.6");
        excel.record({ sheet: "", kind: "suspendCalculation" });
      },
      calculate: (type: string) => {
        if (!["Recalculate", "Full", "FullRebuild"].includes(type)) throw new Error(`InvalidArgument: ${type}`);
        excel.record({ sheet: "", kind: "calculate", value: type });
      },
    };
  }
}

class FakeWorksheetCollection {
  private loaded: FakeWorksheet[] | null = null;
  constructor(private excel: FakeExcel) {}
  load(props: string): void {
    if (!/items\/name|name/.test(props)) throw new Error(`fake: unsupported load ${props}`);
    const withId = /items\/id\b/.test(props);
    this.excel.queueLoad(() => {
      this.loaded = this.excel.live().map((s) => new FakeWorksheet(this.excel, s.id, true, withId));
    });
  }
  get items(): FakeWorksheet[] {
    return this.loaded ?? notLoaded("worksheets.items");
  }
  add(name: string): FakeWorksheet {
    const s = this.excel.createSheet(name);
    this.excel.record({ sheet: name, kind: "addSheet" });
    return new FakeWorksheet(this.excel, s.id, false);
  }
  getItem(name: string): FakeWorksheet {
    const s = this.excel.find(name);
    if (!s) throw new Error(`ItemNotFound: ${name}`);
    return new FakeWorksheet(this.excel, s.id, false);
  }
}

class FakeTableCollection {
  private loaded: { name: string; worksheet: { name: string } }[] | null = null;
  constructor(
    private excel: FakeExcel,
    private sheetId?: string,
  ) {}
  load(_props: string): void {
    this.excel.queueLoad(() => {
      this.loaded = this.excel.tables.map((t) => ({ name: t.name, worksheet: { name: t.sheet } }));
    });
  }
  get items(): { name: string; worksheet: { name: string } }[] {
    return this.loaded ?? notLoaded("tables.items");
  }
  add(range: FakeRange | string, hasHeaders: boolean): { name: string; style: string } {
    if (this.sheetId === undefined) throw new Error("fake: workbook.tables.add not supported");
    if (typeof range !== "string" && !this.excel.isSetSupported("ExcelApi", "1.3"))
      throw new Error("ApiNotFound: tables.add with a Range object (ExcelApi 1.3); pass the address");
    const s = this.excel.byId(this.sheetId);
    const address = typeof range === "string" ? range : range.rawAddress;
    const t: FakeTable = { sheet: s.name, address, hasHeaders, name: `Table${this.excel.tables.length + 1}` };
    if (this.excel.tables.some((x) => x.name.toLowerCase() === t.name.toLowerCase())) t.name += "_";
    this.excel.tables.push(t);
    this.excel.record({ sheet: s.name, kind: "table", address });
    const excel = this.excel;
    return {
      get name() {
        return t.name;
      },
      set name(v: string) {
        if (excel.tables.some((x) => x !== t && x.name.toLowerCase() === v.toLowerCase()))
          throw new Error(`InvalidArgument: table name ${v} is taken`);
        t.name = v;
      },
      get style() {
        return t.style ?? "";
      },
      set style(v: string) {
        t.style = v;
      },
    };
  }
}

class FakeWorksheet {
  readonly tables: FakeTableCollection;
  constructor(
    private excel: FakeExcel,
    private sheetId: string,
    private nameLoaded: boolean,
    private idLoaded = false,
  ) {
    this.tables = new FakeTableCollection(excel, sheetId);
  }
  load(props: string): void {
    const list = props.split(",").map((p) => p.trim());
    this.excel.queueLoad(() => {
      if (list.includes("name")) this.nameLoaded = true;
      if (list.includes("id")) this.idLoaded = true;
    });
  }
  get id(): string {
    if (!this.idLoaded) notLoaded("worksheet.id");
    return this.sheetId;
  }
  private get model(): SheetModel {
    return this.excel.byId(this.sheetId);
  }
  get name(): string {
    if (!this.nameLoaded) notLoaded("worksheet.name");
    return this.model.name;
  }
  set name(v: string) {
    if (this.excel.find(v) && this.excel.find(v) !== this.model) throw new Error(`ItemAlreadyExists: ${v}`);
    this.excel.record({ sheet: this.model.name, kind: "rename", value: v });
    this.model.name = v;
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    // valuesOnly is ExcelApi 1.2: rejected below. (The fake keeps no formats, so both forms give the same box.)
    if (valuesOnly !== undefined && !this.excel.isSetSupported("ExcelApi", "1.2"))
      throw new Error("ApiNotFound: getUsedRange(valuesOnly) (ExcelApi 1.2)");
    this.excel.usedRangeCalls.push({ sheet: this.model.name, valuesOnly: valuesOnly === true });
    const b = this.excel.usedBox(this.model);
    return new FakeRange(this.excel, this.sheetId, a1(b.row, b.col, b.rows, b.cols));
  }
  getRange(address: string): FakeRange {
    parseA1(address);
    return new FakeRange(this.excel, this.sheetId, address);
  }
  delete(): void {
    const m = this.model;
    const name = m.name;
    this.excel.record({ sheet: name, kind: "deleteSheet" });
    m.deleted = true;
    for (let i = this.excel.tables.length - 1; i >= 0; i--)
      if (this.excel.tables[i].sheet === name) this.excel.tables.splice(i, 1);
  }
  activate(): void {
    this.excel.record({ sheet: this.model.name, kind: "activate" });
    this.excel.activeSheet = this.model.name;
  }
  get freezePanes(): Record<string, (arg: unknown) => void> {
    if (!this.excel.isSetSupported("ExcelApi", "1.7")) throw new Error("ApiNotFound: freezePanes (ExcelApi 1.7)");
    const m = this.model;
    const rec = (v: { rows: number; cols: number }): void => {
      m.frozen = v;
      this.excel.record({ sheet: m.name, kind: "freeze", value: v });
    };
    return {
      freezeRows: (n) => rec({ rows: Number(n), cols: 0 }),
      freezeColumns: (n) => rec({ rows: 0, cols: Number(n) }),
      freezeAt: (r) => {
        const p = parseA1(typeof r === "string" ? r : (r as FakeRange).rawAddress);
        rec({ rows: p.row + p.rows, cols: p.col + p.cols });
      },
    };
  }
  get pageLayout(): Record<string, unknown> {
    if (!this.excel.isSetSupported("ExcelApi", "1.9")) throw new Error("ApiNotFound: pageLayout (ExcelApi 1.9)");
    const m = this.model;
    const excel = this.excel;
    const setter = (key: string) => ({
      set(v: unknown) {
        m.pageLayout[key] = v;
        excel.record({ sheet: m.name, kind: "pageLayout", value: { [key]: v } });
      },
      get() {
        return m.pageLayout[key];
      },
      enumerable: true,
    });
    const o: Record<string, unknown> = {
      setPrintTitleRows: (rows: string) => {
        m.pageLayout.printTitleRows = rows;
        excel.record({ sheet: m.name, kind: "pageLayout", value: { printTitleRows: rows } });
      },
    };
    Object.defineProperties(o, {
      orientation: setter("orientation"),
      paperSize: setter("paperSize"),
      zoom: setter("zoom"),
    });
    return o;
  }
  get horizontalPageBreaks(): { add: (range: FakeRange | string) => void } {
    if (!this.excel.isSetSupported("ExcelApi", "1.9"))
      throw new Error("ApiNotFound: horizontalPageBreaks (ExcelApi 1.9)");
    const m = this.model;
    return {
      add: (range) => {
        const address = typeof range === "string" ? range : range.rawAddress;
        const p = parseA1(address);
        this.excel.pageBreaks.push(`${m.name}!${a1(p.row, p.col, 1, 1)}`);
        this.excel.record({ sheet: m.name, kind: "pageBreak", address });
      },
    };
  }
  get charts(): { add: (type: string, range: FakeRange, seriesBy: string) => unknown } {
    const m = this.model;
    const excel = this.excel;
    return {
      add: (type, range, seriesBy) => {
        const chart = { type, source: range.rawAddress, seriesBy, title: { text: "" }, position: [] as string[] };
        excel.record({ sheet: m.name, kind: "chart", value: chart });
        return { title: chart.title, setPosition: (a: string, b?: string) => chart.position.push(a, b ?? a) };
      },
    };
  }
}

class FakeRange {
  private loadedProps = new Set<string>();
  private snapshot: FakeValue[][] | null = null;
  private formatSnapshot: string[][] | null = null;
  readonly format: Record<string, unknown>;
  constructor(
    private excel: FakeExcel,
    private sheetId: string,
    readonly rawAddress: string,
  ) {
    this.format = this.makeFormat();
  }
  private get model(): SheetModel {
    return this.excel.byId(this.sheetId);
  }
  private get box() {
    return parseA1(this.rawAddress);
  }
  private need(p: string): void {
    if (!this.loadedProps.has(p)) notLoaded(`range.${p}`);
  }
  load(props: string): void {
    const list = props.split(",").map((p) => p.trim());
    this.excel.queueLoad(() => {
      list.forEach((p) => this.loadedProps.add(p));
      let bytes = 0;
      if (list.includes("values")) {
        const b = this.box;
        if (b.rows * b.cols > 5_000_000) throw new Error("fake: read over 5M cells returns null in Excel");
        this.snapshot = this.excel.readCells(this.model, b.row, b.col, b.rows, b.cols);
        bytes += jsonBytes(this.snapshot);
      }
      if (list.includes("numberFormat")) {
        const b = this.box;
        this.formatSnapshot = this.excel.readFormats(this.model, b.row, b.col, b.rows, b.cols);
        this.excel.formatReads.push({ sheet: this.model.name, address: this.rawAddress, cells: b.rows * b.cols });
        bytes += jsonBytes(this.formatSnapshot);
      }
      return bytes;
    });
  }
  get address(): string {
    this.need("address");
    const n = this.model.name;
    return `${/[^A-Za-z0-9_]/.test(n) ? `'${n}'` : n}!${this.rawAddress}`;
  }
  get rowIndex(): number {
    this.need("rowIndex");
    return this.box.row;
  }
  get columnIndex(): number {
    this.need("columnIndex");
    return this.box.col;
  }
  get rowCount(): number {
    this.need("rowCount");
    return this.box.rows;
  }
  get columnCount(): number {
    this.need("columnCount");
    return this.box.cols;
  }
  get values(): FakeValue[][] {
    this.need("values");
    return this.snapshot!;
  }
  set values(v: FakeValue[][]) {
    const b = this.box;
    if (!Array.isArray(v) || v.length !== b.rows || v.some((r) => r.length !== b.cols)) {
      throw new Error(`InvalidArgument: values ${v.length}×${v[0]?.length} do not match ${this.rawAddress}`);
    }
    for (const r of v) {
      for (const x of r as unknown[]) {
        if (x === null || x === undefined || typeof x === "object") {
          throw new Error(`InvalidArgument: Office.js cannot write ${String(x)}`);
        }
      }
    }
    this.excel.writeCells(this.model, b.row, b.col, v);
    this.excel.record(
      { sheet: this.model.name, kind: "values", address: this.rawAddress, rows: b.rows, cols: b.cols },
      jsonBytes(v),
    );
  }
  /** `range.formulas` (ExcelApi 1.1): the cells hold the formula text (the fake does not calculate). */
  set formulas(v: unknown[][]) {
    const b = this.box;
    if (!Array.isArray(v) || v.length !== b.rows || v.some((r) => !Array.isArray(r) || r.length !== b.cols)) {
      throw new Error(`InvalidArgument: formulas do not match ${this.rawAddress}`);
    }
    const m = this.model;
    v.forEach((r, i) =>
      r.forEach((x, j) => {
        const target = (m.cells[b.row + i] ??= []);
        for (let k = target.length; k < b.col + j; k++) if (target[k] === undefined) target[k] = "";
        target[b.col + j] = x as FakeValue;
        if (typeof x === "string" && x.startsWith("="))
          this.excel.formulas.set(`${m.name}!${a1(b.row + i, b.col + j, 1, 1)}`, x);
      }),
    );
    for (let i = 0; i < m.cells.length; i++) m.cells[i] ??= [];
    this.excel.record(
      { sheet: m.name, kind: "formulas", address: this.rawAddress, rows: b.rows, cols: b.cols },
      jsonBytes(v),
    );
  }
  /** `range.columnHidden` (ExcelApi 1.2). */
  set columnHidden(v: boolean) {
    if (!this.excel.isSetSupported("ExcelApi", "1.2")) throw new Error("ApiNotFound: columnHidden (ExcelApi 1.2)");
    this.excel.record({ sheet: this.model.name, kind: "columnHidden", address: this.rawAddress, value: v });
  }
  get numberFormat(): string[][] {
    this.need("numberFormat");
    return this.formatSnapshot!;
  }
  set numberFormat(v: unknown[][]) {
    const b = this.box;
    const ok =
      Array.isArray(v) && ((v.length === 1 && v[0].length === 1) || (v.length === b.rows && v[0].length === b.cols));
    if (!ok) throw new Error(`InvalidArgument: numberFormat does not match ${this.rawAddress}`);
    if (v.length === 1 && v[0].length === 1 && v[0][0] === "@") this.model.textRanges.push(b);
    this.excel.record(
      { sheet: this.model.name, kind: "numberFormat", address: this.rawAddress, value: v },
      jsonBytes(v),
    );
  }
  merge(across?: boolean): void {
    if (!this.excel.isSetSupported("ExcelApi", "1.2")) throw new Error("ApiNotFound: merge (ExcelApi 1.2)");
    this.model.merges.push(this.rawAddress);
    this.excel.record({ sheet: this.model.name, kind: "merge", address: this.rawAddress, value: !!across });
  }
  select(): void {
    this.excel.selected = { sheet: this.model.name, address: this.rawAddress };
    this.excel.record({ sheet: this.model.name, kind: "select", address: this.rawAddress });
  }
  getMergedAreasOrNullObject(): { isNullObject: boolean; address: string; load: (p: string) => void } {
    if (!this.excel.isSetSupported("ExcelApi", "1.13")) throw new Error("ApiNotFound: getMergedAreas (ExcelApi 1.13)");
    const m = this.model;
    let loaded = false;
    this.excel.queueLoad(() => {
      loaded = true;
    });
    const q = /[^A-Za-z0-9_]/.test(m.name) ? `'${m.name}'` : m.name;
    return {
      get isNullObject() {
        if (!loaded) notLoaded("isNullObject");
        return m.merges.length === 0;
      },
      get address() {
        if (!loaded) notLoaded("address");
        return m.merges.map((x) => `${q}!${x}`).join(", ");
      },
      load: () => undefined,
    };
  }
  get conditionalFormats(): { add: (type: string) => unknown } {
    if (!this.excel.isSetSupported("ExcelApi", "1.6"))
      throw new Error("ApiNotFound: conditionalFormats (ExcelApi 1.6)");
    const rec = (value: unknown): void =>
      this.excel.record({ sheet: this.model.name, kind: "conditionalFormat", address: this.rawAddress, value });
    return {
      add: (type: string) => {
        const entry: Record<string, unknown> = { type };
        const fmt = { fill: {} as Record<string, unknown>, font: {} as Record<string, unknown> };
        const part = { rule: {} as Record<string, unknown>, format: fmt };
        entry.format = fmt;
        Object.defineProperty(part, "rule", {
          get: () => entry.rule ?? (entry.rule = {}),
          set: (v) => (entry.rule = v),
        });
        rec(entry);
        return { custom: part, textComparison: part, cellValue: part };
      },
    };
  }
  get dataValidation(): Record<string, unknown> {
    if (!this.excel.isSetSupported("ExcelApi", "1.8")) throw new Error("ApiNotFound: dataValidation (ExcelApi 1.8)");
    const rec = (key: string, value: unknown): void =>
      this.excel.record({
        sheet: this.model.name,
        kind: "dataValidation",
        address: this.rawAddress,
        value: { [key]: value },
      });
    const o = {};
    Object.defineProperties(o, {
      rule: { set: (v) => rec("rule", v) },
      prompt: { set: (v) => rec("prompt", v) },
    });
    return o;
  }
  private makeFormat(): Record<string, unknown> {
    const rec = (prop: string, value: unknown): void => {
      if (prop === "columnWidth" && !this.excel.isSetSupported("ExcelApi", "1.2"))
        throw new Error("ApiNotFound: columnWidth (ExcelApi 1.2)");
      this.excel.record({ sheet: this.model.name, kind: "format", address: this.rawAddress, value: { [prop]: value } });
    };
    const group = (prefix: string, props: string[]): Record<string, unknown> => {
      const o: Record<string, unknown> = {};
      for (const p of props) Object.defineProperty(o, p, { set: (v) => rec(`${prefix}${p}`, v), enumerable: true });
      return o;
    };
    const format = group("", ["wrapText", "horizontalAlignment", "verticalAlignment", "columnWidth", "rowHeight"]);
    format.font = group("font.", ["bold", "italic", "size", "color", "name"]);
    format.fill = group("fill.", ["color"]);
    format.borders = { getItem: (edge: string) => group(`border.${edge}.`, ["style", "weight", "color"]) };
    format.autofitRows = (): void => {
      if (!this.excel.isSetSupported("ExcelApi", "1.2")) throw new Error("ApiNotFound: autofitRows (ExcelApi 1.2)");
      rec("autofitRows", true);
    };
    return format;
  }
}

/** A document-settings store with the Office.Settings surface documentSettings.ts uses. */
export class FakeSettings {
  readonly data: Record<string, unknown> = {};
  saves = 0;
  get(key: string): unknown {
    return this.data[key] === undefined ? null : JSON.parse(JSON.stringify(this.data[key]));
  }
  set(key: string, value: unknown): void {
    this.data[key] = JSON.parse(JSON.stringify(value));
  }
  saveAsync(cb: (r: { status: string }) => void): void {
    this.saves++;
    setTimeout(() => cb({ status: "succeeded" }), 0);
  }
}

/** Install the fake as the globals `Excel` and `Office` (node tests), or patch them into a page (e2e). */
export function installFake(
  target: Record<string, unknown>,
  excel: FakeExcel,
  settings: FakeSettings = new FakeSettings(),
): { excel: FakeExcel; settings: FakeSettings } {
  target.Excel = excel.namespace;
  const office = (target.Office as Record<string, unknown> | undefined) ?? {};
  office.AsyncResultStatus = { Succeeded: "succeeded", Failed: "failed" };
  const context = (office.context as Record<string, unknown> | undefined) ?? {};
  context.document = { settings };
  context.requirements = { isSetSupported: (set: string, v?: string) => excel.isSetSupported(set, v) };
  office.context = context;
  target.Office = office;
  return { excel, settings };
}
