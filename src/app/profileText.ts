/** The `shnor profile` text: one school's profile as readable Russian lines (the page's content, issue 15). */
import { formatDynamics } from "../core/annualListPlan";
import { formatAcademicYear, formatDeltaPp, formatNumber, schoolLabel } from "../core/format";
import type { SchoolProfile } from "../core/profile";
import { profileCellText, profileStatusLine } from "../core/profilePlan";
import { exitUnitText } from "../core/watch";

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text + " ".repeat(width - text.length);
}

export function formatProfileText(p: SchoolProfile): string {
  const s = p.school;
  const y = p.year;
  const lines: string[] = [];
  lines.push(`Профиль ОО: ${schoolLabel(s)}${s.code ? ` (${s.code})` : ""}`);
  lines.push(profileStatusLine(s, y));
  const curator = s.curator?.name ?? s.info?.curator ?? null;
  const partner = s.partner?.school ?? s.info?.partner ?? null;
  if (curator || partner) {
    lines.push(
      [curator ? `Куратор: ${curator}` : null, partner ? `Школа-партнёр: ${partner}` : null]
        .filter(Boolean)
        .join(" · "),
    );
  }
  if (s.sbi) lines.push(`ИСБ ${formatNumber(s.sbi.value, 2)}${s.sscu ? " — ШССУ" : ""}`);
  lines.push("");
  lines.push("Результаты (доля не справившихся; * — низкий результат):");
  const w0 = Math.max(24, ...p.rows.map((r) => r.title.length + 2));
  lines.push(`  ${pad("работа", w0)}${p.years.map((yy) => pad(formatAcademicYear(yy), 22)).join("")}изменение`);
  if (p.rows.length === 0) lines.push("  нет результатов за эти годы");
  for (const r of p.rows) {
    const cells = r.cells.map((c) => pad(`${profileCellText(c)}${c?.low ? " *" : ""}`, 22)).join("");
    lines.push(`  ${pad(r.title, w0)}${cells}${r.delta === null ? "—" : formatDeltaPp(r.delta)}`);
  }
  lines.push("");
  lines.push(
    `Динамика к ${formatAcademicYear(y - 1)}: доля «2» ВПР — ${formatDynamics(s.dynamics.vprFail)}; ОГЭ — ${formatDynamics(s.dynamics.ogeFail)}; ` +
      `успеваемость — ${formatDynamics(s.dynamics.success)}; качество — ${formatDynamics(s.dynamics.quality)}`,
  );
  if (s.markers.length) lines.push(`Маркеры ШНОР (классы с низкими результатами): ${s.markers.join(", ")}`);
  lines.push(`Низкие результаты: ${s.reasons.length ? s.reasons.join("; ") : "нет"}`);
  if (!s.hasPreviousYear) lines.push(`Нет результатов за ${formatAcademicYear(y - 1)} — правило 2 не проверено.`);
  if (s.exit) {
    lines.push(`Что нужно, чтобы покинуть список на ${y + 1} год:`);
    for (const u of s.exit.units) lines.push(`  • ${exitUnitText(u)}`);
    lines.push(`  ${s.exit.condition}`);
  }
  if (s.warnings.length) {
    lines.push(`Предупреждения на ${y + 1} год:`);
    for (const w of s.warnings) lines.push(`  • ${w.text}`);
  } else if (!s.shnor) {
    lines.push(`Предупреждений на ${y + 1} год нет.`);
  }
  for (const o of s.objectivity) lines.push(`Признак необъективности: ${o.text}`);
  for (const r of s.risks.filter((x) => x.level !== "низкий"))
    lines.push(`Риск: ${r.direction}. ${r.name} — ${r.level}`);
  if (p.programme) {
    const m = p.programme.measures;
    lines.push(`Дорожная карта (${p.programme.source}): мероприятий ${m.total}, выполнено ${m.done}`);
  }
  return lines.join("\n");
}
