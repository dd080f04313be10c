import { splitInvisible, visibleText } from './visible-text';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text or attribute content from the report, escaped for HTML (and SVG inside it), with
 * invisible characters already shown as `⟨U+…⟩`: nothing a partner sent can become markup.
 */
export function escapeHtml(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Element content from the report: escaped, and each invisible character's marker set apart
 * (`class="invisible"`) so it reads as the report's note, not as the partner's text.
 */
export function htmlText(text: string | number): string {
  if (typeof text === 'number') return escapeHtml(String(text));
  return splitInvisible(text)
    .map((part) =>
      part.invisible
        ? `<span class="invisible">${escapeHtml(part.text)}</span>`
        : escapeHtml(part.text),
    )
    .join('');
}
