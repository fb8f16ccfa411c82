/** Russian labels of the pane (UI text only; no rules here). */
import { KIND_IDS, REGISTRY } from "../registers/kinds";
import type { RegisterKindId } from "../registers/types";

/** Kind titles, from the register-kind registry (src/registers/kinds). */
export const KIND_TITLE = Object.fromEntries(KIND_IDS.map((id) => [id, REGISTRY[id].labels.title])) as Record<
  RegisterKindId,
  string
>;

export const CONTEXT_FIELD: Record<string, string> = {
  procedure: "Процедура",
  year: "Учебный год",
  grade: "Класс",
  subject: "Предмет",
};

export const CONTEXT_FROM: Record<string, string> = {
  column: "из столбца",
  manual: "задано вручную",
  title: "из заголовка",
  sheet: "из имени листа",
  file: "из имени файла",
  header: "из заголовка столбца",
  option: "по умолчанию",
};

/** «2024/2025» for an end year. */
export const academicYear = (y: number): string => `${y - 1}/${y}`;

/** Column letters → 0-based index, null when not letters (A…XFD). */
export function parseColumnLetters(text: string): number | null {
  const t = text.trim().toUpperCase();
  if (!/^[A-Z]{1,3}$/.test(t)) return null;
  let n = 0;
  for (const ch of t) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1 < 16384 ? n - 1 : null;
}

/** Number typed by a Russian user: decimal comma, spaces; null when unreadable. */
export function parseUserNumber(text: string): number | null {
  const t = text
    .replace(/\s|\u00a0/g, "")
    .replace(",", ".")
    .replace(/%$/, "");
  if (t === "" || !/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}
