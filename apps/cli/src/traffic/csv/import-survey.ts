import { CaptureRanks } from './capture-ranks';
import { ListedRows } from './listed-rows';
import { type RowItem } from './partner-rows';
import { ReadsInFlight } from './reads-in-flight';
import { type GivenColumns, RowJudge } from './row-judge';
import { HEARTBEAT_INTERVAL_MS } from './synthesised-heartbeats';

/** A time of the file and the line that gave it, for a message naming it. */
export interface TimeAt {
  at: number;
  line: number;
}

/** One pass over a file's rows: what every later pass, and the heartbeats, need to know first. */
export interface Survey {
  /** The optional columns some row gives; the rows were judged with `given`. */
  seen: GivenColumns;
  given: GivenColumns;
  reads: number;
  skipped: ListedRows;
  keptAsSent: ListedRows;
  /** The posts present, by their first read in delivery order. */
  posts: string[];
  firstDelivery: TimeAt;
  lastDelivery: TimeAt;
  /** The latest delivery or capture time. */
  lastTime: TimeAt;
  /** Whether the reads' delivery times never step back in file order (no sort needed). */
  inDeliveryOrder: boolean;
  /** Per camera with reads: its lowest sequence, and (delivered as sent) its reads in flight. */
  cameras: Map<string, { lowest: number; inFlight?: ReadsInFlight }>;
  /** Each camera's numbering in capture order, for a file delivered as sent without sequences. */
  ranks?: CaptureRanks;
  /** The line of the bad row reading stopped at (`stopAfterBad`); the rest was not read. */
  stoppedAt?: number;
}

export interface SurveyOptions {
  idPrefix: string;
  given: GivenColumns;
  keepUnknownCameras: boolean;
  /** Note what synthesised heartbeats need (reads in flight). */
  heartbeats: boolean;
  /** Stop reading at the bad row that makes this many: a file to be refused needs no more. */
  stopAfterBad?: number;
}

const NONE: TimeAt = { at: NaN, line: 0 };

/**
 * Judges every row once, holding per camera and post only what the output needs beforehand:
 * the posts, the time range, each camera's lowest sequence and reads in flight, the first
 * bad rows and how many, and (for a file delivered as sent without sequences) each read's
 * capture time to number it (`CaptureRanks`, 8 bytes a read).
 */
export function surveyRows(rows: Iterable<RowItem>, options: SurveyOptions): Survey {
  const { given } = options;
  const judge = new RowJudge(options);
  const survey: Survey = {
    seen: { deliveredAt: false, sequence: false },
    given,
    reads: 0,
    skipped: new ListedRows(),
    keptAsSent: new ListedRows(),
    posts: [],
    firstDelivery: NONE,
    lastDelivery: NONE,
    lastTime: NONE,
    inDeliveryOrder: true,
    cameras: new Map(),
    ...(given.deliveredAt && !given.sequence ? { ranks: new CaptureRanks() } : {}),
  };
  const firstOfPost = new Map<string, TimeAt>();
  let gridStart: number | undefined;
  for (const item of rows) {
    if ('values' in item) {
      if (item.values.delivered_at !== undefined) survey.seen.deliveredAt = true;
      if (item.values.sequence !== undefined) survey.seen.sequence = true;
    }
    const judged = judge.judge(item);
    if (judged.kind === 'refused') {
      survey.skipped.add(judged.line, judged.reason);
      if (survey.skipped.count === options.stopAfterBad) {
        survey.stoppedAt = judged.line;
        break;
      }
      continue;
    }
    const { deliverAt, read, line } = judged;
    if (judged.keptAsSent !== undefined) survey.keptAsSent.add(line, judged.keptAsSent);
    survey.reads += 1;
    if (survey.reads === 1) survey.firstDelivery = survey.lastDelivery = { at: deliverAt, line };
    if (deliverAt < survey.lastDelivery.at) survey.inDeliveryOrder = false;
    if (deliverAt < survey.firstDelivery.at) survey.firstDelivery = { at: deliverAt, line };
    if (deliverAt >= survey.lastDelivery.at) survey.lastDelivery = { at: deliverAt, line };
    const latest = Math.max(deliverAt, read.captureTime);
    if (survey.reads === 1 || latest > survey.lastTime.at) survey.lastTime = { at: latest, line };
    const first = firstOfPost.get(read.crossingPoint);
    if (!first || deliverAt < first.at)
      firstOfPost.set(read.crossingPoint, { at: deliverAt, line });
    let camera = survey.cameras.get(read.cameraId);
    if (!camera) survey.cameras.set(read.cameraId, (camera = { lowest: Infinity }));
    camera.lowest = Math.min(camera.lowest, given.sequence ? read.sequence : 0);
    if (options.heartbeats && given.deliveredAt) {
      // Delivered as sent, so in delivery order: the first read's delivery starts the grid.
      gridStart ??= Math.floor(deliverAt / HEARTBEAT_INTERVAL_MS) * HEARTBEAT_INTERVAL_MS;
      camera.inFlight ??= new ReadsInFlight(gridStart, HEARTBEAT_INTERVAL_MS);
      camera.inFlight.add(deliverAt, read.captureTime);
    }
    survey.ranks?.note(read.cameraId, read.captureTime);
  }
  survey.posts = [...firstOfPost]
    .sort(([, a], [, b]) => a.at - b.at || a.line - b.line)
    .map(([post]) => post);
  return survey;
}
