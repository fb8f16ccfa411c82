/**
 * The .xlsx reader of the CLI and the web page: bytes in, grids out (no node I/O; runs in the browser as in Node).
 *
 * Every worksheet, hidden ones included, becomes a SheetGrid of plain values: shared, inline and rich strings as
 * text (`_xHHHH_` escapes and XML entities decoded), numbers, booleans, error codes («#DIV/0!»), the cached result of
 * formulas, dates through the cell's number format (built-in ids and custom formats, 1900 and 1904 systems) as Date
 * (UTC fields) — except a date whose format shows only the year, which is the number of that year (31.12.2024 shown
 * as «2024» is 2024). Merged areas keep their value in the top-left cell only (as Office.js and ExcelJS give them).
 * Transitional and Strict OOXML, `x:`-prefixed elements and UTF-16 parts read alike.
 *
 * Streaming and bounded: each sheet is scanned as it inflates; rows are sparse (a row that is absent stays a hole in
 * `values`, a cell far to the right costs one element, never a dense rectangle); limits on the inflated size of every
 * part and of the whole, on cells, shared strings and merged areas refuse a file with one Russian line
 * (XlsxPackageError, code "too-large"); a text longer than Excel's 32,767 characters is cut there and reported in
 * `SheetGrid.problems`, never a crash.
 */
import type { CellValue, MergedArea, Problem, SheetGrid, WorkbookGrids } from "../core/types";
import { ByteXmlTokenizer, bytesAre, TextBuffer, type ByteAttributes, type ByteXmlHandler } from "./byteXml";
import {
  builtInFormatKind,
  customFormatKind,
  serialToDate,
  serialToYear,
  type NumberFormatKind,
} from "./numberFormats";
import {
  damagedError,
  fileLabel,
  openPackage,
  partTooLarge,
  readSmallPart,
  XlsxPackageError,
  zipErrorToPackage,
  type OpenedPackage,
} from "./xlsxPackage";
import {
  decodeOoxmlEscapes,
  decodeText,
  XmlError,
  XmlTokenizer,
  type XmlAttributes,
  type XmlHandler,
} from "./xmlTokenizer";
import {
  findEntry,
  formatBytes,
  passThrough,
  streamEntryAsync,
  ZipError,
  type AsyncRawInflater,
  type RawInflater,
  type ZipEntry,
} from "./zip";

export interface XlsxReadLimits {
  /** Inflated bytes of any one part (a sheet, the shared strings). */
  maxPartBytes: number;
  /** Inflated bytes of all the parts read together. */
  maxTotalBytes: number;
  /** Cells with a value, all sheets together. */
  maxCells: number;
  /** Entries of the shared-strings table. */
  maxSharedStrings: number;
  /** Characters of one cell (Excel's own limit); longer text is cut and reported. */
  maxCellChars: number;
  /** Merged areas, all sheets together. */
  maxMerges: number;
}

export const DEFAULT_READ_LIMITS: Readonly<XlsxReadLimits> = Object.freeze({
  maxPartBytes: 1_000_000_000,
  maxTotalBytes: 2_000_000_000,
  maxCells: 20_000_000,
  maxSharedStrings: 10_000_000,
  maxCellChars: 32_767,
  maxMerges: 1_000_000,
});

export interface XlsxReadOptions {
  /** File name for messages, `WorkbookGrids.fileName` and `SheetGrid.file` (a path is cut to its base name). */
  fileName?: string;
  limits?: Partial<XlsxReadLimits>;
  /** Synchronous raw-deflate inflater (default fflate's, pure JS). */
  inflater?: RawInflater;
  /** Asynchronous inflater (a host's native zlib); used for the big parts when given. */
  asyncInflater?: AsyncRawInflater;
  /** CRC-32 implementation (a host's native one). */
  crc?: (data: Uint8Array, previous: number) => number;
}

const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_COLS = 16_384;

function baseName(file: string): string {
  const i = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
  return i >= 0 ? file.slice(i + 1) : file;
}

/** «1 234 567» for messages. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** A text cut at the cell limit (the row is still read, with the text's first characters). */
function longCellMessage(max: number): string {
  return `текст ячейки длиннее ${count(max)} символов (предел Excel): прочитаны первые ${count(max)}, остальное отброшено`;
}

/** A refusal past a limit: one Russian line naming the file and the limit. */
function limitError(label: string, what: string): XlsxPackageError {
  return new XlsxPackageError(`${fileLabel(label)}: ${what}; такой файл не читается.`, what, "too-large");
}

/** Column letters of a 0-based index (0 → A). */
function columnName(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Styles: the number-format kind of each cell format (index = the `s` attribute of a cell). */
class StylesHandler implements XmlHandler {
  readonly customFormats = new Map<number, string>();
  readonly xfFormatIds: number[] = [];
  private inCellXfs = false;
  open(name: string, attrs: XmlAttributes): void {
    if (name === "numFmt") {
      const id = Number(attrs.get("numFmtId"));
      const code = attrs.get("formatCode");
      if (Number.isInteger(id) && code !== undefined) this.customFormats.set(id, code);
    } else if (name === "cellXfs") {
      this.inCellXfs = true;
    } else if (name === "xf" && this.inCellXfs) {
      const id = Number(attrs.get("numFmtId") ?? "0");
      this.xfFormatIds.push(Number.isInteger(id) ? id : 0);
    }
  }
  close(name: string): void {
    if (name === "cellXfs") this.inCellXfs = false;
  }
  text(): void {}
  cdata(): void {}
}

/** One attribute of a start tag, as byte ranges. */
interface AttributeSpan {
  nameFrom: number;
  nameTo: number;
  prefixed: boolean;
  valueFrom: number;
  valueTo: number;
}

function attributeAt(attrs: ByteAttributes, k: number, out: AttributeSpan): void {
  const sp = attrs.spans;
  const i = k * 5;
  out.nameFrom = sp[i];
  out.nameTo = sp[i + 1];
  out.prefixed = sp[i + 2] !== 0;
  out.valueFrom = sp[i + 3];
  out.valueTo = sp[i + 4];
}

const KIND_NUMBER = 0;
const KIND_DATE = 1;
const KIND_YEAR = 2;

function kindCode(k: NumberFormatKind): number {
  return k === "date" ? KIND_DATE : k === "year" ? KIND_YEAR : KIND_NUMBER;
}

function readStyles(bytes: Uint8Array, entry: ZipEntry | undefined, label: string, inflater?: RawInflater): Uint8Array {
  if (!entry) return new Uint8Array(0);
  const xml = readSmallPart(bytes, entry, label, inflater);
  const h = new StylesHandler();
  try {
    const t = new XmlTokenizer(h);
    t.push(xml);
    t.end();
  } catch (e) {
    if (e instanceof XmlError) throw damagedError(label, `часть «${entry.name}»`);
    throw e;
  }
  const kinds = new Uint8Array(h.xfFormatIds.length);
  const byFormat = new Map<number, number>();
  h.xfFormatIds.forEach((id, i) => {
    let k = byFormat.get(id);
    if (k === undefined) {
      const custom = h.customFormats.get(id);
      k = kindCode(custom !== undefined ? customFormatKind(custom) : builtInFormatKind(id));
      byFormat.set(id, k);
    }
    kinds[i] = k;
  });
  return kinds;
}

const utf8 = new TextDecoder("utf-8");

/** Decode a kept text value: UTF-8 → line ends → entities → `_xHHHH_`. */
function decodeValue(buf: TextBuffer, escapes: boolean): string {
  const raw = utf8.decode(buf.bytes.subarray(0, buf.length));
  const text = decodeText(raw);
  return escapes ? decodeOoxmlEscapes(text) : text;
}

/** The shared-strings table, streamed: `<si>` → its `<t>` texts (rich runs joined, phonetic runs left out). */
class SharedStringsHandler implements ByteXmlHandler {
  readonly strings: string[] = [];
  /** Indexes of the strings cut at the cell limit. */
  readonly cut = new Set<number>();
  private inSi = false;
  private inT = false;
  private rph = 0;
  private readonly buf: TextBuffer;

  constructor(
    private readonly maxCellChars: number,
    private readonly maxStrings: number,
    private readonly onTooMany: () => never,
  ) {
    // Entities can make a character take up to 10 bytes of XML: keep enough raw bytes to fill a cell.
    this.buf = new TextBuffer(maxCellChars * 10 + 16);
  }

  open(b: Uint8Array, nf: number, nt: number): void {
    const len = nt - nf;
    if (len === 1 && b[nf] === 0x74 /* t */) {
      if (this.inSi && this.rph === 0) this.inT = true;
    } else if (len === 2 && b[nf] === 0x73 && b[nf + 1] === 0x69 /* si */) {
      this.inSi = true;
      this.buf.reset();
    } else if (len === 3 && bytesAre(b, nf, nt, "rPh")) {
      this.rph++;
    }
  }

  close(b: Uint8Array, nf: number, nt: number): void {
    const len = nt - nf;
    if (len === 1 && b[nf] === 0x74) {
      this.inT = false;
    } else if (len === 2 && b[nf] === 0x73 && b[nf + 1] === 0x69) {
      this.inSi = false;
      if (this.strings.length >= this.maxStrings) this.onTooMany();
      let s = this.buf.length === 0 ? "" : decodeValue(this.buf, true);
      if (s.length > this.maxCellChars || this.buf.overflow > 0) {
        s = s.slice(0, this.maxCellChars);
        this.cut.add(this.strings.length);
      }
      this.strings.push(s);
      this.buf.trim();
    } else if (len === 3 && bytesAre(b, nf, nt, "rPh")) {
      if (this.rph > 0) this.rph--;
    }
  }

  text(b: Uint8Array, from: number, to: number): void {
    if (this.inT) this.buf.append(b, from, to);
  }

  cdata(b: Uint8Array, from: number, to: number): void {
    if (this.inT) this.buf.appendLiteral(b, from, to);
  }
}

/** What the reader counts across sheets (limits are on the whole workbook). */
interface Budget {
  cells: number;
  merges: number;
  bytes: number;
}

const T_NUMBER = 0;
const T_SHARED = 1;
const T_INLINE = 2;
const T_STR = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

/** One worksheet, streamed into sparse rows. */
class SheetHandler implements ByteXmlHandler {
  /** Rows by 0-based sheet row; holes for rows absent from the part. */
  readonly rows: CellValue[][] = [];
  readonly merges: MergedArea[] = [];
  readonly problems: Problem[] = [];
  minRow = Infinity;
  maxRow = -1;
  minCol = Infinity;
  maxCol = -1;
  cellsHere = 0;

  private inSheetData = false;
  private inRow = false;
  private inCell = false;
  private inIs = false;
  private rph = 0;
  private collecting = false;
  private hasValue = false;

  private rowIndex = -1;
  private row: CellValue[] | null = null;
  /** Cells stored in the current row, and the width to allocate the next row with (0: let it grow). */
  private rowCells = 0;
  private widthHint = 0;
  private nextCol = 0;

  private cellRow = 0;
  private cellCol = 0;
  private cellType = T_NUMBER;
  private cellStyle = 0;
  private cellRef = "";

  private readonly buf: TextBuffer;
  private readonly attr: AttributeSpan = { nameFrom: 0, nameTo: 0, prefixed: false, valueFrom: 0, valueTo: 0 };

  constructor(
    private readonly sheetName: string,
    private readonly file: string | undefined,
    private readonly shared: SharedStringsHandler | null,
    private readonly styleKinds: Uint8Array,
    private readonly date1904: boolean,
    private readonly limits: XlsxReadLimits,
    private readonly budget: Budget,
    private readonly onLimit: (what: string) => never,
  ) {
    this.buf = new TextBuffer(limits.maxCellChars * 10 + 16);
  }

  private problem(cell: string, message: string): void {
    const p: Problem = { sheet: this.sheetName, cell, message };
    if (this.file) p.file = this.file;
    // A damaged part could repeat the same fault on every cell: keep the first ones, then one line for the rest.
    if (this.problems.length < 1000) this.problems.push(p);
    else if (this.problems.length === 1000) {
      this.problems.push({ ...p, message: "дальнейшие ячейки с ошибками чтения на этом листе не перечислены" });
    }
  }

  open(b: Uint8Array, nf: number, nt: number, attrs: ByteAttributes, self: boolean): void {
    const len = nt - nf;
    const c0 = b[nf];
    if (len === 1) {
      if (c0 === 0x63 /* c */) {
        if (this.inRow) this.openCell(b, attrs);
      } else if (c0 === 0x76 /* v */) {
        if (this.inCell && !this.inIs) {
          this.collecting = !self;
          this.hasValue = true;
          this.buf.reset();
        }
      } else if (c0 === 0x74 /* t */) {
        if (this.inIs && this.rph === 0) {
          this.collecting = !self;
          this.hasValue = true;
        }
      }
    } else if (len === 3 && c0 === 0x72 /* row */ && b[nf + 1] === 0x6f && b[nf + 2] === 0x77) {
      if (this.inSheetData) this.openRow(b, attrs);
    } else if (len === 2 && c0 === 0x69 && b[nf + 1] === 0x73 /* is */) {
      if (this.inCell) {
        this.inIs = true;
        this.buf.reset();
      }
    } else if (len === 3 && bytesAre(b, nf, nt, "rPh")) {
      this.rph++;
    } else if (len === 9 && bytesAre(b, nf, nt, "sheetData")) {
      this.inSheetData = !self;
    } else if (len === 9 && bytesAre(b, nf, nt, "mergeCell")) {
      this.mergeCell(b, attrs);
    }
  }

  close(b: Uint8Array, nf: number, nt: number): void {
    const len = nt - nf;
    const c0 = b[nf];
    if (len === 1) {
      if (c0 === 0x63) {
        if (this.inCell) this.closeCell();
      } else if (c0 === 0x76 || c0 === 0x74) {
        this.collecting = false;
      }
    } else if (len === 3 && c0 === 0x72 && b[nf + 1] === 0x6f && b[nf + 2] === 0x77) {
      if (this.inRow) {
        this.inRow = false;
        const row = this.row;
        // The next row is allocated at this one's width (exactly, instead of a grown array's spare capacity) when it
        // is a dense row of ordinary width — never from a far cell.
        this.widthHint = row !== null && row.length <= 1024 && this.rowCells * 2 >= row.length ? row.length : 0;
        this.row = null;
      }
    } else if (len === 2 && c0 === 0x69 && b[nf + 1] === 0x73) {
      this.inIs = false;
    } else if (len === 3 && bytesAre(b, nf, nt, "rPh")) {
      if (this.rph > 0) this.rph--;
    } else if (len === 9 && bytesAre(b, nf, nt, "sheetData")) {
      this.inSheetData = false;
    }
  }

  text(b: Uint8Array, from: number, to: number): void {
    if (this.collecting) this.buf.append(b, from, to);
  }

  cdata(b: Uint8Array, from: number, to: number): void {
    if (this.collecting) this.buf.appendLiteral(b, from, to);
  }

  private openRow(b: Uint8Array, attrs: ByteAttributes): void {
    let r = this.rowIndex + 1;
    const a = this.attr;
    for (let k = 0; k < attrs.count; k++) {
      attributeAt(attrs, k, a);
      if (a.nameTo - a.nameFrom === 1 && b[a.nameFrom] === 0x72 && !a.prefixed) {
        const n = parseUint(b, a.valueFrom, a.valueTo);
        if (n >= 1 && n <= EXCEL_MAX_ROWS) r = n - 1;
        else
          this.problem(
            `строка ${latin1(b, a.valueFrom, a.valueTo)}`,
            "номер строки вне листа Excel — строка не прочитана",
          );
      }
    }
    this.inRow = true;
    this.rowIndex = r;
    this.row = null;
    this.nextCol = 0;
  }

  private openCell(b: Uint8Array, attrs: ByteAttributes): void {
    let row = this.rowIndex;
    let col = this.nextCol;
    let type = T_NUMBER;
    let style = 0;
    let refOk = true;
    this.cellRef = "";
    const a = this.attr;
    for (let k = 0; k < attrs.count; k++) {
      attributeAt(attrs, k, a);
      if (a.nameTo - a.nameFrom !== 1 || a.prefixed) continue;
      const n = b[a.nameFrom];
      if (n === 0x72 /* r */) {
        // «AB123»: letters then digits, parsed on the bytes.
        let i = a.valueFrom;
        let c = 0;
        while (i < a.valueTo) {
          const x = b[i] | 0x20;
          if (x < 0x61 || x > 0x7a) break;
          c = c * 26 + (x - 0x60);
          if (c > EXCEL_MAX_COLS) break;
          i++;
        }
        const rr = parseUint(b, i, a.valueTo);
        if (i > a.valueFrom && c >= 1 && c <= EXCEL_MAX_COLS && rr >= 1 && rr <= EXCEL_MAX_ROWS) {
          col = c - 1;
          row = rr - 1;
        } else {
          refOk = false;
          this.cellRef = latin1(b, a.valueFrom, Math.min(a.valueTo, a.valueFrom + 20));
        }
      } else if (n === 0x73 /* s */) {
        const s = parseUint(b, a.valueFrom, a.valueTo);
        if (s >= 0) style = s;
      } else if (n === 0x74 /* t */) {
        type = cellType(b, a.valueFrom, a.valueTo);
      }
    }
    this.inCell = refOk;
    this.hasValue = false;
    this.collecting = false;
    this.inIs = false;
    if (!refOk) {
      this.problem(this.cellRef || "?", "адрес ячейки вне листа Excel — ячейка не прочитана");
      return;
    }
    if (row < 0) row = 0;
    this.cellRow = row;
    this.cellCol = col;
    this.cellType = type;
    this.cellStyle = style;
    this.nextCol = col + 1;
  }

  private closeCell(): void {
    this.inCell = false;
    this.collecting = false;
    if (!this.hasValue) return;
    const v = this.cellValue();
    if (v === null || v === "") return;
    const r = this.cellRow;
    const c = this.cellCol;
    let row = this.row;
    if (row === null || r !== this.rowIndex) {
      row = this.rows[r];
      if (row === undefined) {
        row = this.widthHint > c ? new Array<CellValue>(this.widthHint) : [];
        this.rows[r] = row;
      }
      if (r === this.rowIndex) {
        this.row = row;
        this.rowCells = 0;
      }
    }
    this.rowCells++;
    if (row[c] === undefined) {
      if (++this.budget.cells > this.limits.maxCells) {
        this.onLimit(`в книге больше ${count(this.limits.maxCells)} заполненных ячеек — больше допустимого`);
      }
      this.cellsHere++;
    }
    row[c] = v;
    if (r < this.minRow) this.minRow = r;
    if (r > this.maxRow) this.maxRow = r;
    if (c < this.minCol) this.minCol = c;
    if (c > this.maxCol) this.maxCol = c;
  }

  private address(): string {
    return `${columnName(this.cellCol)}${this.cellRow + 1}`;
  }

  private text32k(escapes: boolean): string {
    const buf = this.buf;
    let s = buf.length === 0 ? "" : decodeValue(buf, escapes);
    if (s.length > this.limits.maxCellChars || buf.overflow > 0) {
      s = s.slice(0, this.limits.maxCellChars);
      this.problem(this.address(), longCellMessage(this.limits.maxCellChars));
    }
    buf.trim();
    return s;
  }

  private cellValue(): CellValue {
    const buf = this.buf;
    switch (this.cellType) {
      case T_SHARED: {
        const i = parseUint(buf.bytes, 0, buf.length);
        const table = this.shared;
        if (table === null || i < 0 || i >= table.strings.length) {
          if (buf.length === 0) return null;
          this.problem(this.address(), "ссылка на строку, которой нет в книге (файл повреждён) — ячейка не прочитана");
          return null;
        }
        if (table.cut.has(i)) {
          this.problem(this.address(), longCellMessage(this.limits.maxCellChars));
        }
        return table.strings[i];
      }
      case T_INLINE:
        return this.text32k(true);
      case T_STR:
        return this.text32k(true);
      case T_BOOL: {
        const s = latin1(buf.bytes, 0, buf.length).trim();
        if (s === "") return null;
        if (s === "true") return true;
        if (s === "false") return false;
        const n = Number(s);
        return Number.isNaN(n) ? s : n !== 0;
      }
      case T_ERROR:
        return this.text32k(false) || null;
      case T_DATE: {
        const s = latin1(buf.bytes, 0, buf.length).trim();
        if (s === "") return null;
        const d = isoDate(s);
        if (d === null) return s;
        return this.styleKind() === KIND_YEAR ? d.getUTCFullYear() : d;
      }
      default: {
        const n = parseNumber(buf.bytes, buf.length);
        if (n === null) {
          if (buf.length === 0) return null;
          // Not a number where a number must be: the text as written, for the registers to report.
          return this.text32k(false).trim() || null;
        }
        const kind = this.styleKind();
        if (kind === KIND_NUMBER) return n;
        if (kind === KIND_YEAR) return serialToYear(n, this.date1904) ?? n;
        return serialToDate(n, this.date1904) ?? n;
      }
    }
  }

  private styleKind(): number {
    const s = this.cellStyle;
    return s < this.styleKinds.length ? this.styleKinds[s] : KIND_NUMBER;
  }

  private mergeCell(b: Uint8Array, attrs: ByteAttributes): void {
    const a = this.attr;
    for (let k = 0; k < attrs.count; k++) {
      attributeAt(attrs, k, a);
      if (!bytesAre(b, a.nameFrom, a.nameTo, "ref") || a.prefixed) continue;
      const m = parseRange(latin1(b, a.valueFrom, Math.min(a.valueTo, a.valueFrom + 40)));
      if (m === null) return;
      if (++this.budget.merges > this.limits.maxMerges) {
        this.onLimit(`в книге больше ${count(this.limits.maxMerges)} объединённых областей — больше допустимого`);
      }
      this.merges.push(m);
    }
  }

  /** The grid: merged cells other than the top-left one emptied, rows re-based to the used area, holes kept. */
  finish(): SheetGrid {
    const grid: SheetGrid = { name: this.sheetName, values: [], origin: { row: 0, col: 0 }, merges: this.merges };
    if (this.file) grid.file = this.file;
    if (this.problems.length) grid.problems = this.problems;
    if (this.cellsHere === 0) return grid;
    this.clearMergedCells();
    if (this.cellsHere === 0) return grid;
    let minR = this.minRow;
    let maxR = this.maxRow;
    let minC = this.minCol;
    for (const m of this.merges) {
      // Merged areas belong to the used area even where only their master holds a value.
      if (m.top < minR) minR = m.top;
      if (m.bottom > maxR) maxR = m.bottom;
      if (m.left < minC) minC = m.left;
    }
    const rows = this.rows;
    if (minC > 0) {
      this.forEachRow((row) => {
        if (row.length <= minC) {
          row.length = 0;
          return;
        }
        row.copyWithin(0, minC);
        row.length -= minC;
      });
    }
    const values = minR > 0 ? rows.slice(minR) : rows;
    if (values.length < maxR - minR + 1) values.length = maxR - minR + 1;
    grid.values = values;
    grid.origin = { row: minR, col: minC };
    return grid;
  }

  /** Every existing row, in order, without visiting the holes of a far-spread sheet one by one. */
  private forEachRow(fn: (row: CellValue[], r: number) => void, from = 0, to = this.rows.length - 1): void {
    const rows = this.rows;
    if (to - from <= 65536 || rows.length <= 4 * this.cellsHere) {
      for (let r = Math.max(0, from); r <= to && r < rows.length; r++) {
        const row = rows[r];
        if (row !== undefined) fn(row, r);
      }
      return;
    }
    for (const key in rows) {
      const r = Number(key);
      if (r >= from && r <= to) fn(rows[r], r);
    }
  }

  /** Values under merged areas belong to their top-left cell only. Work is bounded by the cells, not the areas. */
  private clearMergedCells(): void {
    for (const m of this.merges) {
      const top = Math.max(m.top, this.minRow);
      const bottom = Math.min(m.bottom, this.maxRow);
      if (top > bottom || m.left > this.maxCol || m.right < this.minCol) continue;
      this.forEachRow((row, r) => this.clearInRow(row, r, m), top, bottom);
    }
  }

  private clearInRow(row: CellValue[], r: number, m: MergedArea): void {
    const right = Math.min(m.right, row.length - 1);
    if (m.left > right) return;
    const clear = (c: number): void => {
      if ((r !== m.top || c !== m.left) && row[c] !== undefined) {
        delete row[c];
        this.cellsHere--;
        this.budget.cells--;
      }
    };
    if (right - m.left > 4096) {
      for (const key in row) {
        const c = Number(key);
        if (c >= m.left && c <= right) clear(c);
      }
    } else {
      for (let c = m.left; c <= right; c++) clear(c);
    }
  }
}

function cellType(b: Uint8Array, from: number, to: number): number {
  const len = to - from;
  const c = b[from];
  if (len === 1) {
    if (c === 0x73) return T_SHARED;
    if (c === 0x6e) return T_NUMBER;
    if (c === 0x62) return T_BOOL;
    if (c === 0x65) return T_ERROR;
    if (c === 0x64) return T_DATE;
  } else if (len === 3 && c === 0x73 && b[from + 1] === 0x74 && b[from + 2] === 0x72) {
    return T_STR;
  } else if (bytesAre(b, from, to, "inlineStr")) {
    return T_INLINE;
  }
  return T_NUMBER;
}

/** Unsigned decimal integer of `b[from, to)` (surrounding spaces allowed), or -1. */
function parseUint(b: Uint8Array, from: number, to: number): number {
  while (from < to && (b[from] === 0x20 || b[from] === 0x09 || b[from] === 0x0a || b[from] === 0x0d)) from++;
  while (to > from && (b[to - 1] === 0x20 || b[to - 1] === 0x09 || b[to - 1] === 0x0a || b[to - 1] === 0x0d)) to--;
  if (from >= to || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = b[i] - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function latin1(b: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** A number as XML writes it (`12`, `-0.35`, `1.2E-3`), exact as Number() reads it; null when not a number. */
function parseNumber(b: Uint8Array, len: number): number | null {
  let from = 0;
  let to = len;
  while (from < to && b[from] <= 0x20) from++;
  while (to > from && b[to - 1] <= 0x20) to--;
  if (from >= to) return null;
  // Integers of up to 15 digits are exact in a double: computed directly.
  let i = from;
  const neg = b[i] === 0x2d;
  if (neg) i++;
  if (i < to && to - i <= 15) {
    let n = 0;
    let k = i;
    for (; k < to; k++) {
      const d = b[k] - 0x30;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (k === to) return neg ? (n === 0 ? -0 : -n) : n;
  }
  if (to - from > 64) return null;
  const s = latin1(b, from, to);
  // Number() would also take "0x1F", "Infinity" and "": XML numbers are decimal only.
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** `t="d"` cells: an ISO 8601 date or date-time (taken as UTC, as Excel has no time zones). */
function isoDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?Z?$/.exec(s);
  if (!m) return null;
  const d = new Date(
    Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), +(m[7] ?? "0").padEnd(3, "0")),
  );
  return Number.isNaN(d.getTime()) ? null : d;
}

/** «A1:C3» (also «$A$1:$C$3» and a single «B2») → 0-based inclusive area, or null. */
function parseRange(ref: string): MergedArea | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(ref.trim());
  if (!m) return null;
  const col = (s: string): number => {
    let n = 0;
    for (const ch of s.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
    return n - 1;
  };
  const top = Number(m[2]) - 1;
  const left = col(m[1]);
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? col(m[3]) : left;
  if (top < 0 || left < 0 || bottom >= EXCEL_MAX_ROWS || right >= EXCEL_MAX_COLS) return null;
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}

/** Total inflated bytes the directory claims for the parts that will be read. */
function claimedBytes(entries: (ZipEntry | undefined)[]): number {
  let n = 0;
  for (const e of entries) if (e) n += e.uncompressedSize;
  return n;
}

/**
 * Read an .xlsx held in memory into grids. Throws XlsxPackageError with one Russian line naming the file when it is
 * not an .xlsx workbook, is damaged, encrypted, an .xlsb, or past a limit (`code: "too-large"`).
 */
export async function readXlsx(bytes: Uint8Array, options: XlsxReadOptions = {}): Promise<WorkbookGrids> {
  const file = options.fileName ? baseName(options.fileName) : undefined;
  const label = file ?? "";
  const limits: XlsxReadLimits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  const pkg: OpenedPackage = openPackage(bytes, label, options.inflater);
  const relPart = (type: string): ZipEntry | undefined => {
    const rel = pkg.workbookRels.find((r) => r.type === type);
    return rel ? findEntry(pkg.entries, rel.target) : undefined;
  };
  const stylesEntry = relPart("styles");
  const sharedEntry = relPart("sharedStrings");
  const sheetParts = pkg.sheets
    .filter((s) => s.kind === "worksheet" && s.part !== null)
    .map((s) => ({ sheet: s, entry: findEntry(pkg.entries, s.part!) }));

  // Refusals the directory already tells (an honest bomb is refused without inflating anything).
  const big = [sharedEntry, ...sheetParts.map((p) => p.entry)];
  for (const e of big)
    if (e && e.uncompressedSize > limits.maxPartBytes) throw partTooLarge(label, e, limits.maxPartBytes);
  const claimed = claimedBytes(big);
  if (claimed > limits.maxTotalBytes) {
    throw limitError(
      label,
      `распаковывается в ${formatBytes(claimed)} — больше допустимого (${formatBytes(limits.maxTotalBytes)} на книгу)`,
    );
  }

  const budget: Budget = { cells: 0, merges: 0, bytes: 0 };
  const onLimit = (what: string): never => {
    throw passThrough(limitError(label, what));
  };
  const stream = async (entry: ZipEntry, sink: (chunk: Uint8Array) => void): Promise<void> => {
    try {
      await streamEntryAsync(
        bytes,
        entry,
        (chunk) => {
          budget.bytes += chunk.length;
          if (budget.bytes > limits.maxTotalBytes) {
            onLimit(
              `распаковывается больше чем в ${formatBytes(limits.maxTotalBytes)} — больше допустимого (${formatBytes(limits.maxTotalBytes)} на книгу)`,
            );
          }
          sink(chunk);
        },
        {
          maxBytes: limits.maxPartBytes,
          ...(options.inflater ? { inflater: options.inflater } : {}),
          ...(options.asyncInflater ? { asyncInflater: options.asyncInflater } : {}),
          ...(options.crc ? { crc: options.crc } : {}),
        },
      );
    } catch (e) {
      if (e instanceof XlsxPackageError) throw e;
      if (e instanceof XmlError) throw damagedError(label, `часть «${entry.name}»`);
      if (e instanceof ZipError) {
        if (e.code === "too-large") throw partTooLarge(label, entry, limits.maxPartBytes);
        throw zipErrorToPackage(e, label);
      }
      throw e;
    }
  };
  /** Bytes → tokenizer; an XML error inside the consumer passes the zip layer unchanged. */
  const feed = (tok: ByteXmlTokenizer) => (chunk: Uint8Array) => {
    try {
      tok.push(chunk);
    } catch (e) {
      if (e instanceof XmlError) throw passThrough(e);
      throw e;
    }
  };
  const endOf = (tok: ByteXmlTokenizer, entry: ZipEntry): void => {
    try {
      tok.end();
    } catch (e) {
      if (e instanceof XmlError) throw damagedError(label, `часть «${entry.name}»`);
      throw e;
    }
  };

  const styleKinds = readStyles(bytes, stylesEntry, label, options.inflater);

  let shared: SharedStringsHandler | null = null;
  if (sharedEntry) {
    const h = new SharedStringsHandler(limits.maxCellChars, limits.maxSharedStrings, () =>
      onLimit(`в книге больше ${count(limits.maxSharedStrings)} разных строк текста — больше допустимого`),
    );
    const tok = new ByteXmlTokenizer(h);
    await stream(sharedEntry, feed(tok));
    endOf(tok, sharedEntry);
    shared = h;
  }

  const sheets: SheetGrid[] = [];
  for (const { sheet, entry } of sheetParts) {
    const h = new SheetHandler(sheet.name, file, shared, styleKinds, pkg.date1904, limits, budget, onLimit);
    if (entry) {
      const tok = new ByteXmlTokenizer(h);
      await stream(entry, feed(tok));
      endOf(tok, entry);
    } else {
      throw damagedError(label, `нет части «${sheet.part}» листа «${sheet.name}»`);
    }
    const grid = h.finish();
    if (sheet.state !== "visible") grid.state = sheet.state;
    sheets.push(grid);
  }
  return { ...(file ? { fileName: file } : {}), sheets };
}
