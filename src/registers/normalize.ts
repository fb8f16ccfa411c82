/**
 * Text normalisation for header recognition, school identity, subjects and procedures (SPEC §2).
 * Pure functions; no host types.
 */

import { memoizeString } from "../core/memo";

const QUOTES = /[«»"“”„‟'’‘`´]/g;

/** Lower case, ё → е, quotes removed, line breaks and repeated spaces collapsed, trimmed. */
function basicTextUncached(s: string): string {
  return s
    .replace(/\u00a0/g, " ")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(QUOTES, "")
    .replace(/[\r\n\t]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Header normalisation (SPEC §2): case, ё/е, spaces, quotes, line breaks and punctuation ignored.
 * «%» is kept as its own token because it decides how a share column is read.
 */
function normalizeHeaderUncached(s: string): string {
  return basicText(s)
    .replace(/%/g, " % ")
    .replace(/[^\p{L}\p{N}%]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A ФИС ОКО login: `sch` + 6 digits. */
export const LOGIN_RE = /\bsch\d{6}\b/i;

/** Login found anywhere in a text, lower case, or null. */
export function findLogin(s: string): string | null {
  const m = LOGIN_RE.exec(s);
  return m ? m[0].toLowerCase() : null;
}

/** `(sch700001) МОУ «СОШ № 1»` → { login: "sch700001", name: "МОУ «СОШ № 1»" }. */
function splitLoginFromNameUncached(s: string): { login: string | null; name: string } {
  const login = findLogin(s);
  if (!login) return { login: null, name: s.replace(/\s+/g, " ").trim() };
  const name = s
    .replace(/[([{]?\s*sch\d{6}\s*[)\]}]?\s*[-–—:,]?/i, " ")
    .replace(/\s+/g, " ")
    .trim();
  return { login, name };
}

/** School name normalised for identity (SPEC §2): case, ё/е, quotes, repeated spaces, «№1» = «№ 1». */
function normalizeSchoolNameUncached(name: string): string {
  return basicText(splitLoginFromName(name).name)
    .replace(/№\s*/g, "№ ")
    .replace(/\s*([.,;:()-])\s*/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** Normalised Код ОО / login: logins lower case, other codes trimmed text. */
export function normalizeCode(code: string | number): string {
  const s = String(code)
    .replace(/\u00a0/g, " ")
    .trim();
  const login = findLogin(s);
  if (login) return login;
  return s.replace(/\s+/g, "");
}

/** ResultRecord.schoolKey: `code:<login|Код ОО>` when there is a code, else `name:<normalised name>`. */
export function schoolKeyOf(name: string, code: string | number | null | undefined): string {
  if (code !== null && code !== undefined && String(code).trim() !== "") return `code:${normalizeCode(code)}`;
  const login = findLogin(name);
  if (login) return `code:${login}`;
  return `name:${normalizeSchoolName(name)}`;
}

export interface CanonicalSubject {
  subject: string;
  /** "базовая" / "профильная" for mathematics of ЕГЭ, else null. */
  variant: string | null;
}

/** Subject stems: canonical name ← regexp on basicText. Order matters (first match wins). */
const SUBJECTS: { name: string; re: RegExp }[] = [
  { name: "математика", re: /(^|[^\p{L}])(математ\p{L}*|мат|матем|алгебр\p{L}*)(?![\p{L}])/u },
  { name: "русский язык", re: /(^|[^\p{L}])(русск\p{L}*|рус|рус\.? яз\p{L}*)(?![\p{L}])/u },
  { name: "физика", re: /(^|[^\p{L}])физик\p{L}*/u },
  { name: "химия", re: /(^|[^\p{L}])хими\p{L}*/u },
  { name: "биология", re: /(^|[^\p{L}])биолог\p{L}*/u },
  { name: "история", re: /(^|[^\p{L}])истори\p{L}*/u },
  { name: "обществознание", re: /(^|[^\p{L}])обществозн\p{L}*/u },
  { name: "география", re: /(^|[^\p{L}])географ\p{L}*/u },
  { name: "информатика", re: /(^|[^\p{L}])информатик\p{L}*/u },
  { name: "литература", re: /(^|[^\p{L}])литератур\p{L}*/u },
  { name: "окружающий мир", re: /(^|[^\p{L}])окружающ\p{L}* мир\p{L}*/u },
  { name: "английский язык", re: /(^|[^\p{L}])английск\p{L}*/u },
  { name: "немецкий язык", re: /(^|[^\p{L}])немецк\p{L}*/u },
  { name: "французский язык", re: /(^|[^\p{L}])французск\p{L}*/u },
];

function variantOf(t: string): string | null {
  if (/базов/.test(t)) return "базовая";
  if (/профил/.test(t)) return "профильная";
  return null;
}

/** A subject named somewhere inside a text (title line, sheet or file name); null when none. */
export function findSubjectInText(text: string): CanonicalSubject | null {
  const t = basicText(text);
  for (const s of SUBJECTS) {
    if (s.re.test(t)) return { subject: s.name, variant: s.name === "математика" ? variantOf(t) : null };
  }
  return null;
}

/**
 * Canonical subject of a «Предмет» cell: known subjects by stem («Математика (базовая)» → математика + базовая),
 * anything else kept as its normalised lower-case text. Empty text → null.
 */
function canonicalSubjectUncached(text: string): CanonicalSubject | null {
  const t = basicText(text);
  if (t === "") return null;
  const found = findSubjectInText(t);
  if (found) return found;
  return { subject: t.replace(/[.,;:]+$/, ""), variant: null };
}

/** A known procedure named inside a text: «ВПР», «ОГЭ», «ЕГЭ»; null when none. */
export function findProcedureInText(text: string): string | null {
  const t = basicText(text).replace(/[-–—]/g, " ");
  if (/(^|[^\p{L}])впр(?![\p{L}])/u.test(t) || /всероссийск\p{L}* проверочн/u.test(t)) return "ВПР";
  if (
    /(^|[^\p{L}])огэ(?![\p{L}])/u.test(t) ||
    /гиа ?9(?!\d)/.test(t) ||
    /основно\p{L}* государственн\p{L}* экзамен/u.test(t)
  )
    return "ОГЭ";
  if (
    /(^|[^\p{L}])егэ(?![\p{L}])/u.test(t) ||
    /гиа ?11(?!\d)/.test(t) ||
    /едино\p{L}* государственн\p{L}* экзамен/u.test(t)
  )
    return "ЕГЭ";
  return null;
}

/** Procedure of a «Процедура» cell: ВПР/ОГЭ/ЕГЭ by their synonyms, a regional procedure keeps its own name. */
function normalizeProcedureUncached(text: string): string | null {
  const s = text
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (s === "") return null;
  return findProcedureInText(s) ?? s;
}

// Register values repeat on thousands of rows: the pure normalisers are memoised (see core/memo.ts).
export const basicText = memoizeString(basicTextUncached);
export const normalizeHeader = memoizeString(normalizeHeaderUncached);
export const splitLoginFromName = memoizeString(splitLoginFromNameUncached);
export const normalizeSchoolName = memoizeString(normalizeSchoolNameUncached);
export const canonicalSubject = memoizeString(canonicalSubjectUncached);
export const normalizeProcedure = memoizeString(normalizeProcedureUncached);
