import { readFileSync } from 'node:fs';

/**
 * uPlot from node_modules, served by the app itself (no CDN): resolved through the package, so
 * the file is wherever npm put it, and read once, on first request.
 */
export const UPLOT_FILES = {
  script: 'uplot/dist/uPlot.iife.min.js',
  style: 'uplot/dist/uPlot.min.css',
} as const;

const cache = new Map<string, Buffer>();

export function uplotFile(which: keyof typeof UPLOT_FILES): Buffer {
  const id = UPLOT_FILES[which];
  let body = cache.get(id);
  if (!body) cache.set(id, (body = readFileSync(require.resolve(id))));
  return body;
}

/**
 * Nothing but this origin: the page, its script and style, uPlot, and the event stream. Inline
 * script and style are refused too (the page has none; uPlot styles through the CSSOM).
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
