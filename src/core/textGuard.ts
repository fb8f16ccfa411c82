/**
 * Text that must stay text (issue 12): a plan's string cell is text by definition, but Excel parses what is typed or
 * written through Office.js `values` — «=…», «+…», «-…», «@…» become formulas (`-0+WEBSERVICE("http://…")` would send
 * data off the machine), «0123» or «16.04.2025» become numbers and dates, «ИСТИНА» a boolean, «#Н/Д» an error.
 * Both writers ask `excelWouldConvert`: the pane writes such text with a leading apostrophe (Excel's «text» prefix,
 * not part of the value), the file writer gives the cell the `quotePrefix` style (the same flag in the file format),
 * its value being an inline string anyway. A false positive costs nothing (the text is shown unchanged), a false
 * negative changes the user's data, so the test is deliberately generous. Linear in the text's length.
 */

/** Characters of numbers, dates, times, fractions, percentages and currencies as Excel's parser accepts them. */
const NUMERIC_CHARS = new Set("0123456789.,:/-+%()eE$€£¥₽");

/** Whitespace Excel ignores around numbers (and uses as a thousands separator in the Russian locale). */
function isSpace(ch: string): boolean {
  return ch === " " || ch === "\u00a0" || ch === "\u202f" || ch === "\t" || ch === "\n" || ch === "\r";
}

const MONTH =
  "(?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[а-яёa-z]*\\.?";
/** «16 апреля 2025», «16-апр», «апр 2025», «May 1» — only tried on short texts, so no cost on long cells. */
const MONTH_DATE = new RegExp(
  `^(?:\\d{1,2}[\\s.\\-/]*${MONTH}(?:[\\s.\\-/,]*\\d{2,4}(?:\\s*г\\.?)?)?|${MONTH}[\\s.\\-/,]*\\d{1,4}(?:[\\s.\\-/,]*\\d{2,4})?(?:\\s*г\\.?)?)$`,
  "i",
);
const BOOLEAN = /^(?:true|false|истина|ложь)$/i;
const ERROR =
  /^#(?:null!|div\/0!|value!|ref!|name\?|num!|n\/a|getting_data|spill!|calc!|field!|blocked!|connect!|busy!|unknown!|пусто!|дел\/0!|знач!|ссылка!|имя\?|число!|н\/д)$/i;
const TIME_SUFFIX = /\s*(?:am|pm|a|p|р\.?|руб\.?)$/i;

/** Whether Excel would turn this text into something else (formula, number, date, time, boolean, error) on entry. */
export function excelWouldConvert(text: string): boolean {
  if (text.length === 0) return false;
  const first = text[0];
  // A formula («=», «+», «-», «@»), or an apostrophe Excel would take as its own text prefix and drop.
  if (first === "=" || first === "+" || first === "-" || first === "@" || first === "'") return true;
  if (text.length <= 64) {
    const t = text.trim();
    if (BOOLEAN.test(t) || ERROR.test(t) || MONTH_DATE.test(t)) return true;
    if (looksNumeric(t.replace(TIME_SUFFIX, ""))) return true;
    return false;
  }
  return looksNumeric(text);
}

/** Only number/date punctuation, whitespace and at least one digit: «0123», «1 234,5», «30 %», «16.04.2025», «10:30». */
function looksNumeric(text: string): boolean {
  let digit = false;
  for (const ch of text) {
    if (ch >= "0" && ch <= "9") digit = true;
    else if (!NUMERIC_CHARS.has(ch) && !isSpace(ch)) return false;
  }
  return digit;
}
