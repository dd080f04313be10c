import { type DiscrepancyReason } from '../events/output-events';
import {
  type DeclarationCase,
  type DeclarationChecks,
  type DeclarationSummary,
} from './declaration-case';

export interface Finding {
  reason: DiscrepancyReason;
  detail: string;
}

const totalMass = (d: DeclarationSummary) => d.goods.reduce((sum, [, kg]) => sum + kg, 0);

/** The declaration's HS codes cut to `digits`, sorted, comma-joined. */
function hsSet(d: DeclarationSummary, digits: number): string {
  // Most declarations have one goods line: nothing to sort or join.
  if (d.goods.length === 1) return d.goods[0]![0].slice(0, digits);
  const codes = d.goods.map(([hs]) => hs.slice(0, digits));
  // Insertion sort, in code-unit order as `sort()` would: a few lines, and `sort` allocates a work area.
  for (let i = 1; i < codes.length; i++) {
    const code = codes[i]!;
    let j = i - 1;
    for (; j >= 0 && codes[j]! > code; j--) codes[j + 1] = codes[j]!;
    codes[j + 1] = code;
  }
  return codes.join(',');
}

/**
 * The discrepancy rules that need no clock: goods of the two declarations, and declaration
 * times against the linked crossing. `plateAgrees` says whether a declared plate is within
 * misread tolerance of the camera read on the same side. Pure; the caller drops reasons
 * already raised.
 */
export function findDiscrepancies(
  c: DeclarationCase,
  checks: DeclarationChecks,
  plateAgrees: (declared: string, read: string, readConfidence: number) => boolean,
  clockSkewMs: number,
): Finding[] {
  const out: Finding[] = [];
  const exp = c.export;
  const imp = c.import;
  if (exp && imp) {
    const a = totalMass(exp);
    const b = totalMass(imp);
    const relative = Math.abs(a - b) / Math.max(a, b, 1);
    if (relative > checks.grossMassTolerance)
      out.push({
        reason: 'GROSS_MASS_MISMATCH',
        detail: `gross mass ${a.toFixed(0)} kg declared on exit, ${b.toFixed(0)} kg on entry (${(relative * 100).toFixed(1)}% > ${(checks.grossMassTolerance * 100).toFixed(1)}%)`,
      });
    const hsA = hsSet(exp, checks.hsDigits);
    const hsB = hsSet(imp, checks.hsDigits);
    if (hsA !== hsB)
      out.push({
        reason: 'HS_CODE_MISMATCH',
        detail: `HS codes at ${checks.hsDigits} digits: exit [${hsA}], entry [${hsB}]`,
      });
  }
  const x = c.crossing;
  if (x) {
    const sides: Array<[DeclarationSummary | null, string, number, number, string]> = [
      [exp, x.exitPlate, x.exitConfidence, x.exitCaptureTime, 'exit'],
      [imp, x.entryPlate, x.entryConfidence, x.entryCaptureTime, 'entry'],
    ];
    for (const [decl, read, confidence, captured, side] of sides) {
      if (!decl) continue;
      if (!plateAgrees(decl.plate, read, confidence))
        out.push({
          reason: 'PLATE_MISMATCH',
          detail: `${decl.kind} declaration names ${decl.plate}, the ${side} camera read ${read}`,
        });
      if (decl.lodgedAt > captured + clockSkewMs)
        out.push({
          reason: 'DECLARED_AFTER_CROSSING',
          detail: `${decl.kind} declaration lodged ${Math.round((decl.lodgedAt - captured) / 60_000)} min after the ${side} capture`,
        });
    }
  }
  return out;
}
