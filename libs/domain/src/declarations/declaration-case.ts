import { type Country, type DeclarationKind } from '../events/input-events';
import { type DiscrepancyReason } from '../events/output-events';

/** What the reconciler keeps of one declaration: enough to compare it with its counterpart. */
export interface DeclarationSummary {
  eventId: string;
  country: Country;
  kind: DeclarationKind;
  /** Tractor plate as declared, normalised. */
  plate: string;
  lodgedAt: number;
  /** [HS code, gross mass kg] per goods line. */
  goods: Array<[string, number]>;
}

/** The crossing a declaration case was linked to, as far as the checks need it. */
export interface LinkedCrossing {
  crossingId: string;
  exitEventId: string;
  entryEventId: string;
  exitPlate: string;
  entryPlate: string;
  exitConfidence: number;
  entryConfidence: number;
  exitCaptureTime: number;
  entryCaptureTime: number;
}

/**
 * Both sides' declarations of one movement, joined by MRN, and the crossing they were linked to
 * by plate. Persisted per MRN; removed once every check has been made or it expired.
 */
export interface DeclarationCase {
  mrn: string;
  crossingPoint: string;
  /** The export (exit side) and import (entry side) declarations, when lodged. */
  export: DeclarationSummary | null;
  import: DeclarationSummary | null;
  crossing: LinkedCrossing | null;
  /** Reasons already published, so a redelivery or a later check never repeats one. */
  raised: DiscrepancyReason[];
}

export interface DeclarationChecks {
  /** Relative difference of total gross mass above which the two declarations disagree. */
  grossMassTolerance: number;
  /** Number of leading HS digits compared (2 chapter, 4 heading, 6 subheading). */
  hsDigits: 2 | 4 | 6;
  /** After the entry capture, how long (entry-side event time) the import declaration may take. */
  importGraceMs: number;
  /** How long (event time) a matched truck is kept so that a declaration read after the match still links to it. */
  lateLinkMs: number;
  /** Highest edit distance between a declared plate and a camera read of the same vehicle. */
  plateTolerance: number;
}

export const DEFAULT_DECLARATION_CHECKS: DeclarationChecks = {
  grossMassTolerance: 0.05,
  hsDigits: 6,
  importGraceMs: 2 * 60 * 60_000,
  lateLinkMs: 3 * 60 * 60_000,
  plateTolerance: 1.3,
};

/** Categories a declaration may belong to (a camera may call a truck a bus or fail to classify it). */
export const MAY_CARRY_GOODS: ReadonlySet<string> = new Set(['TRUCK', 'BUS', 'VAN', 'UNKNOWN']);
