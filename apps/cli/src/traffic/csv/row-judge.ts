import { type PlateRead } from '@uamd/domain';
import { isRowError, type RowError, type RowItem } from './partner-rows';
import { type ColumnProblem, readOfRow } from './row-read';

/** A plate read of the import with its delivery time. */
export interface DeliveredRead {
  deliverAt: number;
  read: PlateRead;
}

/** The optional columns some row of the file gives: then every row must (import-columns.ts). */
export interface GivenColumns {
  deliveredAt: boolean;
  sequence: boolean;
}

/** A row judged: a read (kept as sent when its lane or camera is outside the registry), or refused. */
export type Judged =
  | (DeliveredRead & { kind: 'read'; line: number; keptAsSent?: string })
  | (RowError & { kind: 'refused' });

/**
 * Most cameras outside the registry one file may keep as sent (`--heartbeats none`): each costs
 * its own numbering, and a file naming a new camera on every row is broken, not a feed.
 */
export const MAX_UNKNOWN_CAMERAS = 1000;

const iso = (ms: number) => new Date(ms).toISOString();
const reasonOf = (problems: readonly ColumnProblem[]) =>
  problems.map((p) => `${p.column}: ${p.message}`).join('; ');

/**
 * The rows of a file (in file order) judged one at a time, as every pass over the file must
 * judge them alike. With `delivered_at` the file's order is the partner's delivery order and is
 * kept: a row delivered before the row above it is refused, as its place in the file and its
 * time disagree. Without it, each read is taken as delivered when captured (ordered later).
 */
export class RowJudge {
  private previous: { at: number; line: number } | undefined;
  private readonly unknownCameras = new Set<string>();

  constructor(
    private readonly options: {
      idPrefix: string;
      given: GivenColumns;
      keepUnknownCameras: boolean;
    },
  ) {}

  judge(item: RowItem): Judged {
    if (isRowError(item)) return { kind: 'refused', ...item };
    const { given } = this.options;
    const row = readOfRow(item, {
      idPrefix: this.options.idPrefix,
      givenOnSomeRow: { delivered_at: given.deliveredAt, sequence: given.sequence },
      keepUnknownCameras: this.options.keepUnknownCameras,
    });
    const problems = [...row.problems];
    const previous = this.previous;
    if (
      given.deliveredAt &&
      row.deliveredAt !== undefined &&
      previous &&
      row.deliveredAt < previous.at
    )
      problems.push({
        column: 'delivered_at',
        message: `${iso(row.deliveredAt)} is before ${iso(previous.at)} of line ${previous.line} above it: the rows' order is the delivery order`,
      });
    if (row.read && row.keptAsSent !== undefined && !this.keeps(row.read.cameraId))
      problems.push({
        column: 'camera',
        message: `more than ${MAX_UNKNOWN_CAMERAS} cameras outside the registry in one file: ${row.read.cameraId} is not kept`,
      });
    if (problems.length > 0 || !row.read)
      return { kind: 'refused', line: row.line, reason: reasonOf(problems) };
    const deliverAt = given.deliveredAt ? row.deliveredAt! : row.read.captureTime;
    if (given.deliveredAt) this.previous = { at: deliverAt, line: row.line };
    return {
      kind: 'read',
      line: row.line,
      deliverAt,
      read: row.read,
      ...(row.keptAsSent !== undefined ? { keptAsSent: row.keptAsSent } : {}),
    };
  }

  private keeps(cameraId: string): boolean {
    if (this.unknownCameras.has(cameraId)) return true;
    if (this.unknownCameras.size >= MAX_UNKNOWN_CAMERAS) return false;
    this.unknownCameras.add(cameraId);
    return true;
  }
}
