/**
 * Text normalisation for header recognition, school identity, subjects and procedures (SPEC §2).
 * Pure functions; no host types.
 */

import { memoizeString } from "../core/memo";

/** Every quote kind of SPEC §2: «»"“”„‟'’‘`´‹›<>. */
const QUOTES = /[«»"“”„‟'’‘`´‹›<>]/g;
/** Zero-width characters and the soft hyphen (invisible, often pasted from web pages). */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/** Every dash as a hyphen: ‐ ‑ ‒ – — ― − . */
const DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * Lower case, ё → е, quotes and invisible characters removed, dashes as «-», NBSP, line breaks and repeated spaces
 * collapsed, trimmed.
 */
function basicTextUncached(s: string): string {
  return s
    .replace(INVISIBLE, "")
    .replace(/\u00a0/g, " ")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(QUOTES, "")
    .replace(DASHES, "-")
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

/** The header with its parenthesised parts left out («Образовательная организация (школа)»); "" when none. */
function headerWithoutParenthesesUncached(s: string): string {
  if (!s.includes("(")) return "";
  let depth = 0;
  let out = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return normalizeHeader(out);
}

/**
 * A ФИС ОКО school login (SPEC §2, issue 16): 2–4 Latin letters + 6 digits — `sch…` until 2021, `edu…` since 2022,
 * `ksh…` correctional schools, `spo…` colleges. `reg…` logins belong to regions and municipalities (aggregates).
 */
export const LOGIN_RE = /(^|[^A-Za-z0-9])((?!reg)[A-Za-z]{2,4}\d{6})(?!\d)/i;
// No lookbehind in src/registers (EdgeHTML, Excel 2019's webview, lacks it): the character before is matched and
// skipped instead — group 2 is the login, it starts at `m.index + m[1].length`.

/** A region or municipality login inside a name: `(reg05_m045)`, `(reg050000)` — the row is an aggregate. */
export const AREA_LOGIN_RE = /(?:^|[^A-Za-z0-9])reg\d{2}(?:_m\d{3}|\d{4})(?!\d)/i;

function findLoginUncached(s: string): string | null {
  const m = LOGIN_RE.exec(s);
  return m ? m[2].toLowerCase() : null;
}
const findLoginMemo = memoizeString(findLoginUncached);

/** Login found anywhere in a text, lower case, or null (memoised: logins repeat on every row of a school). */
export function findLogin(s: string): string | null {
  if (s.length < 8) return null;
  return s.length <= 200 ? findLoginMemo(s) : findLoginUncached(s);
}

/** The 6 digits of a login: the school's identity whatever its prefix (sch224052 and edu224052 are one school). */
export function loginDigits(login: string): string {
  return login.slice(-6);
}

const SEPARATORS = new Set([" ", "-", ":", ",", "|", ";", "/"]);

/** Trims separators (spaces, «-», «:», «,», «|») at both ends, without a regex (linear on any text). */
function trimSeparators(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && SEPARATORS.has(s[a])) a++;
  while (b > a && SEPARATORS.has(s[b - 1])) b--;
  return s.slice(a, b);
}

/**
 * The login taken out of a name cell: `(sch700001) МОУ «СОШ № 1»`, `МКОУ «Герхмахинская СОШ»(edu053027)`,
 * `edu224052 | МБОУ "Вавилонская СОШ"` → { login, name }.
 */
function splitLoginFromNameUncached(s: string): { login: string | null; name: string } {
  const text = s.replace(/\s+/g, " ").trim();
  const m = text.length >= 8 ? LOGIN_RE.exec(text) : null;
  if (!m) return { login: null, name: text };
  let a = m.index + m[1].length;
  let b = a + m[2].length;
  while (a > 0 && text[a - 1] === " ") a--;
  while (b < text.length && text[b] === " ") b++;
  if (a > 0 && b < text.length && "([{".includes(text[a - 1]) && ")]}".includes(text[b])) {
    a--;
    b++;
  }
  const name = trimSeparators(`${text.slice(0, a)} ${text.slice(b)}`.replace(/\s+/g, " ").trim());
  return { login: m[2].toLowerCase(), name };
}

/**
 * School name normalised for identity (SPEC §2): case, ё/е, every quote kind, every dash as a hyphen, zero-width
 * characters and soft hyphens removed, NBSP and repeated spaces as one space, spaces around «№» and punctuation.
 */
function normalizeSchoolNameUncached(name: string): string {
  return basicText(splitLoginFromName(name).name)
    .replace(/ ?№ ?/g, " № ")
    .replace(/ ?([.,;:()-]) ?/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

function normalizeCodeUncached(code: string): string {
  const s = code.replace(/\u00a0/g, " ").trim();
  const login = findLogin(s);
  if (login) return login;
  return s.replace(/\s+/g, "");
}
const normalizeCodeMemo = memoizeString(normalizeCodeUncached);

/** Normalised Код ОО / login: logins lower case, other codes trimmed text without spaces. */
export function normalizeCode(code: string | number): string {
  return normalizeCodeMemo(String(code));
}

function codeKeyUncached(code: string): string {
  const c = normalizeCode(code);
  return findLogin(c) === c ? `login:${loginDigits(c)}` : `code:${c}`;
}
const codeKeyMemo = memoizeString(codeKeyUncached);

/**
 * The identity key of a code (SPEC §2): `login:<6 digits>` for a ФИС ОКО login whatever its prefix, `code:<Код ОО>`
 * for any other code (a regional code is never taken for a login's digits).
 */
export function codeKey(code: string | number): string {
  return codeKeyMemo(String(code));
}

/**
 * ResultRecord.schoolKey (SPEC §2): `login:<6 digits>` for a login (own column or inside the name), `code:<Код ОО>`
 * for another code, else `name:<normalised name>` (municipality + name where a name is shared, see recognize.ts).
 */
export function schoolKeyOf(name: string, code: string | number | null | undefined): string {
  if (code !== null && code !== undefined && String(code).trim() !== "") return codeKey(code);
  const login = findLogin(name);
  if (login) return `login:${loginDigits(login)}`;
  return `name:${normalizeSchoolName(name)}`;
}

/** Words of municipal bodies' names that change when they are renamed («…района» → «…муниципального округа»). */
const MUNICIPAL_GENERIC = new Set(
  (
    "комитет управление управления отдел департамент образования образованию образование по администрации " +
    "администрация муниципального муниципальный муниципальное муниципальная муниципальной муниципалитет района " +
    "район округа округ городского городской города город г го мо мр рн р н сельского поселения поселение " +
    "края край области область обл республики республика и в при на"
  ).split(" "),
);
const RU_ENDINGS = [
  "ского",
  "скому",
  "ским",
  "ском",
  "ский",
  "ская",
  "ское",
  "ской",
  "ских",
  "скую",
  "ого",
  "его",
  "ому",
  "ему",
  "ыми",
  "ими",
  "ый",
  "ий",
  "ая",
  "яя",
  "ое",
  "ее",
  "ой",
  "ей",
  "ые",
  "ие",
  "ых",
  "их",
  "ым",
  "им",
  "ом",
  "ем",
  "ам",
  "ям",
  "ах",
  "ях",
  "ов",
  "ев",
  "а",
  "я",
  "ы",
  "и",
  "о",
  "е",
  "у",
  "ю",
  "ь",
];

function stem(word: string): string {
  for (const e of RU_ENDINGS) if (word.length - e.length >= 3 && word.endsWith(e)) return word.slice(0, -e.length);
  return word;
}

/**
 * A municipality's key for telling apart schools of one name (SPEC §2, issue 16): the distinctive words of its name,
 * stemmed, without the words that change when a municipal body is renamed — «Комитет образования администрации
 * муниципального района «Акшинский район»» and «… Акшинского муниципального округа» have one key («акшин»).
 */
function municipalityKeyUncached(text: string): string {
  const t = basicText(text);
  const words = t.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "" && !MUNICIPAL_GENERIC.has(w));
  if (words.length === 0) return t;
  return [...new Set(words.map(stem))].sort().join(" ");
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
  if (/(^|[^\p{L}])баз(а|ы|е|ов\p{L}*)?(?![\p{L}])/u.test(t)) return "базовая";
  if (/(^|[^\p{L}])профил\p{L}*/u.test(t)) return "профильная";
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
export const headerWithoutParentheses = memoizeString(headerWithoutParenthesesUncached);
export const splitLoginFromName = memoizeString(splitLoginFromNameUncached);
export const normalizeSchoolName = memoizeString(normalizeSchoolNameUncached);
export const municipalityKey = memoizeString(municipalityKeyUncached);
export const canonicalSubject = memoizeString(canonicalSubjectUncached);
export const normalizeProcedure = memoizeString(normalizeProcedureUncached);
