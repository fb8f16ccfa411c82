/**
 * Read the open workbook as grids of cell values (Office.js). No domain logic: values are moved as they are
 * (dates arrive as serial numbers, empty cells as null).
 *
 * Sync budget, independent of the number of rows:
 *   1. list the sheets;
 *   2. the used range (valuesOnly) of every sheet: address and size only (and merged areas on ExcelApi 1.13) —
 *      a few bytes per sheet, so the read below can be guarded;
 *   3. the values: every sheet's range queued, then ONE sync for as many sheets as fit in the read budget.
 * Large sheets are read in row blocks of READ_BLOCK_CELLS cells, one sync per block: READ_BLOCK_BYTES (4 MB) at
 * READ_BYTES_PER_CELL (20 bytes), the size of a typical register cell (a number, a subject, a class) in the JSON
 * response. So an ordinary register — even a district's 2,000 schools — is read in one sync, the same as 20 schools.
 * Text-heavy blocks (long Cyrillic names are ~2 bytes a character) can still pass Excel on the web's 5 MB limit:
 * a block that comes back RequestPayloadSizeLimitExceeded is retried in halves, down to a single row, so the limit
 * costs extra syncs only where it is actually hit. Blocks stay far below the 5M-cell read limit (above which Excel
 * may return null).
 * A workbook of ordinary registers (≤ 200,000 cells) costs 3 syncs.
 *
 * Dates shown as years (issue 16 item 10): Office.js gives a date as its serial number, so a cell holding 31.12.2024
 * formatted `yyyy` would read as the academic year 2025 while the user sees 2024. Number formats are NOT read for the
 * whole sheet (that would double the payload): only for the columns holding numbers that could be dates of
 * 2000–2100 (serials 36526–73415), over the row span of those numbers — a workbook without such numbers costs no extra
 * sync, otherwise one more sync per READ_BLOCK_CELLS such cells (the same budget and halving as the values). A cell
 * whose format shows only the year (core/yearFormat.ts) becomes the number of that year.
 */
import type { CellValue, MergedArea, SheetGrid, WorkbookGrids } from "../core/types";
import { isYearOnlyFormat, yearOfSerial } from "../core/yearFormat";
import { parseAreas, rangeA1 } from "./a1";
import type { GeneratedSheetRecord } from "../app/workbookHost";
import { DATE1904_OFFSET, queueDateSystemProbe } from "./dateSystem";
import { excelApiSupported } from "./host";

/** Response budget per read sync: 1 MB below the 5 MB payload limit of Excel on the web. */
export const READ_BLOCK_BYTES = 4_000_000;
/** JSON size of a typical register cell in a read response; heavier blocks are halved on the payload error. */
export const READ_BYTES_PER_CELL = 20;
/** Cells read per sync (values). */
export const READ_BLOCK_CELLS = Math.floor(READ_BLOCK_BYTES / READ_BYTES_PER_CELL);

export interface ReadOptions {
  /** Override the per-sync cell budget (tests). */
  blockCells?: number;
  /**
   * The sheets the workbook records as generated (document settings): those whose worksheet id is recorded are
   * marked `generated` (never read as registers; a rebuild reads the roadmap and indicators back from them).
   */
  generated?: GeneratedSheetRecord[];
}

export interface Piece {
  sheet: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

function cell(v: unknown): CellValue {
  if (v === "" || v === undefined || v === null) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

/** Plan reads: whole used ranges when small, row blocks when large; grouped into syncs of ≤ budget cells. */
export function planReads(
  sizes: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number }[],
  budget: number,
): Piece[][] {
  const batches: Piece[][] = [];
  let batch: Piece[] = [];
  let cells = 0;
  const push = (p: Piece): void => {
    const n = p.rows * p.cols;
    if (batch.length > 0 && cells + n > budget) {
      batches.push(batch);
      batch = [];
      cells = 0;
    }
    batch.push(p);
    cells += n;
  };
  sizes.forEach((s, sheet) => {
    const cols = Math.max(1, s.columnCount);
    const step = Math.max(1, Math.floor(budget / cols));
    for (let r = 0; r < s.rowCount; r += step) {
      push({ sheet, row: s.rowIndex + r, col: s.columnIndex, rows: Math.min(step, s.rowCount - r), cols });
    }
  });
  if (batch.length) batches.push(batch);
  return batches;
}

/** Excel on the web rejects requests/responses over 5 MB with RequestPayloadSizeLimitExceeded. */
function isPayloadError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  const text = `${typeof code === "string" ? code : ""} ${e instanceof Error ? e.message : String(e)}`;
  return /RequestPayloadSizeLimitExceeded|PayloadTooLarge/i.test(text);
}

/** A batch that came back too large, in halves: its pieces split in two groups, or a lone piece's rows halved. */
export function splitBatch(batch: Piece[]): Piece[][] | null {
  if (batch.length > 1) {
    const mid = Math.ceil(batch.length / 2);
    return [batch.slice(0, mid), batch.slice(mid)];
  }
  const p = batch[0];
  if (!p || p.rows <= 1) return null;
  const half = Math.ceil(p.rows / 2);
  return [[{ ...p, rows: half }], [{ ...p, row: p.row + half, rows: p.rows - half }]];
}

/**
 * Serial numbers of dates in 2000–2100 (1900 date system): the only numbers whose number format is read (dates shown
 * as years). A 1904-system workbook's serials are DATE1904_OFFSET smaller.
 */
export const DATE_SERIAL_MIN = 36526;
export const DATE_SERIAL_MAX = 73415;

/**
 * Pieces (one column each, sheet coordinates) covering the numbers of a sheet that could be dates of 2000–2100:
 * per column, the span from its first to its last such number.
 */
export function dateCandidatePieces(
  sheet: number,
  values: CellValue[][],
  rowIndex: number,
  colIndex: number,
  date1904 = false,
): Piece[] {
  const min = DATE_SERIAL_MIN - (date1904 ? DATE1904_OFFSET : 0);
  const max = DATE_SERIAL_MAX - (date1904 ? DATE1904_OFFSET : 0);
  const spans = new Map<number, { from: number; to: number }>();
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "number" || v < min || v > max) continue;
      const s = spans.get(c);
      if (s) s.to = r;
      else spans.set(c, { from: r, to: r });
    }
  }
  return [...spans].map(([c, s]) => ({
    sheet,
    row: rowIndex + s.from,
    col: colIndex + c,
    rows: s.to - s.from + 1,
    cols: 1,
  }));
}

/** Groups pieces into syncs of at most `budget` cells (a piece longer than the budget is cut in row blocks). */
function batchPieces(pieces: Piece[], budget: number): Piece[][] {
  const batches: Piece[][] = [];
  let batch: Piece[] = [];
  let cells = 0;
  for (const p of pieces) {
    for (let r = 0; r < p.rows; r += budget) {
      const part = { ...p, row: p.row + r, rows: Math.min(budget, p.rows - r) };
      if (batch.length > 0 && cells + part.rows > budget) {
        batches.push(batch);
        batch = [];
        cells = 0;
      }
      batch.push(part);
      cells += part.rows;
    }
  }
  if (batch.length) batches.push(batch);
  return batches;
}

async function readWith(context: Excel.RequestContext, opts: ReadOptions): Promise<WorkbookGrids> {
  const sheets = context.workbook.worksheets;
  // Ids (ExcelApi 1.1) in the same sync: generated sheets are recognised by id, not by name.
  sheets.load("items/name,items/id");
  const isDate1904 = queueDateSystemProbe(context);
  await context.sync();
  const date1904 = isDate1904();

  const withMerges = excelApiSupported("1.13");
  // getUsedRange(valuesOnly) is ExcelApi 1.2; below that the plain used range (1.1) is read.
  const valuesOnly = excelApiSupported("1.2");
  const used = sheets.items.map((ws) => {
    const r = valuesOnly ? ws.getUsedRange(true) : ws.getUsedRange();
    r.load("address,rowIndex,columnIndex,rowCount,columnCount");
    const merged = withMerges ? r.getMergedAreasOrNullObject() : null;
    if (merged) merged.load("address");
    return { ws, r, merged };
  });
  await context.sync();

  const sizes = used.map(({ r }) => ({
    rowIndex: r.rowIndex,
    columnIndex: r.columnIndex,
    rowCount: r.rowCount,
    columnCount: r.columnCount,
  }));
  const merges: MergedArea[][] = used.map(({ merged }) =>
    merged && !merged.isNullObject ? parseAreas(merged.address) : [],
  );
  const values: CellValue[][][] = used.map(() => []);
  // Batches are read in order (pieces of a sheet are in row order), so rows are appended in sheet order.
  const queue = planReads(sizes, opts.blockCells ?? READ_BLOCK_CELLS);
  while (queue.length) {
    const batch = queue.shift()!;
    const ranges = batch.map((p) => {
      const range = used[p.sheet].ws.getRange(rangeA1(p.row, p.col, p.rows, p.cols));
      range.load("values");
      return { p, range };
    });
    try {
      // One sync per block of READ_BLOCK_CELLS cells — bounded by the 5 MB payload limit, not a per-row sync.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      const halves = isPayloadError(e) ? splitBatch(batch) : null;
      if (!halves) throw e;
      queue.unshift(...halves);
      continue;
    }
    for (const { p, range } of ranges) {
      for (const row of range.values) values[p.sheet].push(row.map(cell));
    }
  }

  // Dates shown as years: number formats of the date-like numbers only (see the header comment).
  const pieces: Piece[] = [];
  used.forEach(({ r }, i) => {
    for (const p of dateCandidatePieces(i, values[i], r.rowIndex, r.columnIndex, date1904)) pieces.push(p);
  });
  const formatQueue = batchPieces(pieces, opts.blockCells ?? READ_BLOCK_CELLS);
  while (formatQueue.length) {
    const batch = formatQueue.shift()!;
    const ranges = batch.map((p) => {
      const range = used[p.sheet].ws.getRange(rangeA1(p.row, p.col, p.rows, p.cols));
      range.load("numberFormat");
      return { p, range };
    });
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      const halves = isPayloadError(e) ? splitBatch(batch) : null;
      if (!halves) throw e;
      for (let h = halves.length - 1; h >= 0; h--) formatQueue.unshift(halves[h]);
      continue;
    }
    for (const { p, range } of ranges) {
      const grid = values[p.sheet];
      const top = p.row - used[p.sheet].r.rowIndex;
      const c = p.col - used[p.sheet].r.columnIndex;
      range.numberFormat.forEach((fmtRow, i) => {
        const v = grid[top + i]?.[c];
        if (typeof v === "number" && isYearOnlyFormat(String(fmtRow[0] ?? "")))
          grid[top + i][c] = yearOfSerial(v, date1904);
      });
    }
  }

  return {
    sheets: used.map(({ ws, r }, i): SheetGrid => {
      const grid: SheetGrid = {
        name: ws.name,
        values: values[i],
        origin: { row: r.rowIndex, col: r.columnIndex },
      };
      if (merges[i].length) grid.merges = merges[i];
      if (date1904) grid.date1904 = true;
      const record = opts.generated?.find((g) => g.id !== undefined && g.id === ws.id);
      if (record) grid.generated = { kind: record.kind, year: record.year };
      return grid;
    }),
  };
}

/** Read every sheet of the workbook (inside the given context, or a new Excel.run). */
export async function readWorkbookGrids(
  context?: Excel.RequestContext,
  opts: ReadOptions = {},
): Promise<WorkbookGrids> {
  if (context) return readWith(context, opts);
  return Excel.run((ctx) => readWith(ctx, opts));
}
