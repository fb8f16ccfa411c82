export * from "./a1";
export * from "./host";
export { officeHost } from "./officeHost";
export { readWorkbookGrids, planReads, READ_BLOCK_CELLS } from "./readWorkbook";
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
