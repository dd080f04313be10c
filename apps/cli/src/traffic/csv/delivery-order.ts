import { type PlateRead } from '@uamd/domain';
import { type ColumnProblem, type RowOutcome } from './row-read';
import { type RowError } from './partner-rows';

/** A plate read of the import with its delivery time, in delivery order. */
export interface DeliveredRead {
  deliverAt: number;
  read: PlateRead;
}

export interface DeliveryOrder {
  reads: DeliveredRead[];
  refused: RowError[];
  /** Rows kept with a lane or camera outside the registry, and what the registry says. */
  keptAsSent: RowError[];
}

const iso = (ms: number) => new Date(ms).toISOString();
export const reasonOf = (problems: readonly ColumnProblem[]) =>
  problems.map((p) => `${p.column}: ${p.message}`).join('; ');

/**
 * The checked rows (in file order) as delivered reads. With `delivered_at` the file's order is
 * the partner's delivery order and is kept: a row delivered before the row above it is refused,
 * as its place in the file and its time disagree. Without it, each read is taken as delivered
 * when captured, in capture order (rows captured at the same instant in file order).
 * Sequences the file gives are kept; else each camera's reads are numbered in capture order.
 */
export function inDeliveryOrder(
  outcomes: readonly RowOutcome[],
  given: { deliveredAt: boolean; sequence: boolean },
): DeliveryOrder {
  const asDelivered = given.deliveredAt;
  const refused: RowError[] = [];
  const keptAsSent: RowError[] = [];
  const accepted: Array<DeliveredRead & { line: number }> = [];
  let previous: { at: number; line: number } | undefined;
  for (const row of outcomes) {
    const problems = [...row.problems];
    if (asDelivered && row.deliveredAt !== undefined && previous && row.deliveredAt < previous.at)
      problems.push({
        column: 'delivered_at',
        message: `${iso(row.deliveredAt)} is before ${iso(previous.at)} of line ${previous.line} above it: the rows' order is the delivery order`,
      });
    if (problems.length > 0 || !row.read) {
      refused.push({ line: row.line, reason: reasonOf(problems) });
      continue;
    }
    const deliverAt = asDelivered ? row.deliveredAt! : row.read.captureTime;
    if (asDelivered) previous = { at: deliverAt, line: row.line };
    if (row.keptAsSent) keptAsSent.push({ line: row.line, reason: row.keptAsSent });
    accepted.push({ line: row.line, deliverAt, read: row.read });
  }
  // Stable: rows captured at the same instant stay in file order.
  if (!asDelivered) accepted.sort((a, b) => a.deliverAt - b.deliverAt);
  const numbered = given.sequence ? accepted : numberedPerCamera(accepted);
  return {
    reads: numbered.map(({ deliverAt, read }) => ({ deliverAt, read })),
    refused,
    keptAsSent,
  };
}

/** Each camera numbers its reads 0, 1, 2… in capture order (docs/design.md §3). */
function numberedPerCamera<T extends { line: number; read: PlateRead }>(rows: T[]): T[] {
  const byCapture = [...rows].sort(
    (a, b) => a.read.captureTime - b.read.captureTime || a.line - b.line,
  );
  const next = new Map<string, number>();
  const sequenceOf = new Map<T, number>();
  for (const row of byCapture) {
    const sequence = next.get(row.read.cameraId) ?? 0;
    next.set(row.read.cameraId, sequence + 1);
    sequenceOf.set(row, sequence);
  }
  return rows.map((row) => ({ ...row, read: { ...row.read, sequence: sequenceOf.get(row)! } }));
}
