export * from "./a1";
export * from "./host";
export { officeHost, recalculateWorkbook } from "./officeHost";
export {
  readWorkbookGrids,
  planReads,
  splitBatch,
  READ_BLOCK_CELLS,
  READ_BLOCK_BYTES,
  READ_BYTES_PER_CELL,
} from "./readWorkbook";
export { generatedSheetIds, recordMatch } from "./generatedSheets";
export {
  writeSheetPlan,
  planWriteBlocks,
  toOfficeValue,
  estimateCellBytes,
  charsToPoints,
  WRITE_BLOCK_ROWS,
  WRITE_BLOCK_BYTES,
} from "./renderPlan";
export { selectCell } from "./selectCell";
