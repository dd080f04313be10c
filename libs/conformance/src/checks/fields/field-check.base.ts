import { type InputEvent } from '@uamd/domain';
import {
  type ConditionCheck,
  type ConditionOutcome,
  type TechnicalCondition,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { type CheckOptions } from '../check-options';

/**
 * What the field conditions share: each judges one decoded message on its own, so it keeps no
 * state between messages at all. A message counts once however many of its fields offend, and
 * its reason names every one of them, so a partner fixes them all in one round.
 */
export abstract class FieldCheck implements ConditionCheck {
  private checked = 0;
  private readonly log: ViolationLog;

  protected constructor(
    readonly condition: TechnicalCondition,
    options: CheckOptions,
  ) {
    this.log = new ViolationLog(options.sampleLimit);
  }

  /** What is wrong with one message (empty: nothing), or null when the rule does not apply to its type. */
  protected abstract problemsOf(event: InputEvent, record: CheckedRecord): string[] | null;

  observe(record: CheckedRecord): void {
    // A record that did not decode is TC-FRAME-1's.
    const decoded = record.decoded;
    if (!decoded) return;
    const problems = this.problemsOf(decoded.event, record);
    if (problems === null) return;
    this.checked += 1;
    if (problems.length > 0) this.log.add(record, problems.join('; '));
  }

  finish(): ConditionOutcome {
    return { checked: this.checked, violations: this.log.count, samples: this.log.samples };
  }
}

const MAX_SHOWN_CHARACTERS = 40;

/** `U+200B`: how a character is named in a reason, visible whatever it is. */
export function codePointName(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A received text quoted for a reason: characters outside printable ASCII and the given
 * `shown` set become `{U+…}`, so invisible ones show; long texts are cut, so one huge field
 * does not make a huge report.
 */
export function quoted(text: string, shown: (ch: string) => boolean = () => false): string {
  const chars = [...text];
  const visible = chars
    .slice(0, MAX_SHOWN_CHARACTERS)
    .map((ch) => (/^[\x20-\x7e]$/.test(ch) || shown(ch) ? ch : `{${codePointName(ch)}}`))
    .join('');
  return `'${visible}${chars.length > MAX_SHOWN_CHARACTERS ? '…' : ''}'`;
}
