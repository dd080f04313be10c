import { type ConditionCheck } from '../condition';
import { type CheckOptions, DEFAULT_CHECK_OPTIONS } from './check-options';
import {
  EventIdsCheck,
  HeartbeatHonestyCheck,
  HeartbeatIntervalCheck,
  MonotoneCheck,
  SequenceCheck,
} from './feed';
import { GoodsCheck, MrnCheck, PlateCharactersCheck, RegistryCheck, TimesCheck } from './fields';
import { DecodesCheck } from './framing/decodes.check';
import { TopicFitCheck } from './framing/topic-fit.check';
import { DeclarationOrderCheck } from './lifecycle';
import { DeclaredBeforeCrossingCheck } from './outcome/declared-after-crossing.check';
import { ExchangeOutcomeCheck } from './outcome/exchange-outcome.check';
import { DeclarationDeadlineCheck, PromptReadsCheck, ReadDeadlineCheck } from './timeliness';

export * from './check-options';

/**
 * Every technical condition's check, in the order of docs/technical-conditions.md: framing,
 * fields, timeliness, feed contract, declaration lifecycle, exchange outcome. Fresh state each
 * call: one set per run.
 */
export function conformanceChecks(options: CheckOptions = DEFAULT_CHECK_OPTIONS): ConditionCheck[] {
  const outcome = new ExchangeOutcomeCheck(options);
  return [
    new DecodesCheck(options),
    new TopicFitCheck(options),
    new RegistryCheck(options),
    new PlateCharactersCheck(options),
    new MrnCheck(options),
    new GoodsCheck(options),
    new TimesCheck(options),
    new ReadDeadlineCheck(options),
    new DeclarationDeadlineCheck(options),
    new PromptReadsCheck(options),
    new SequenceCheck(options),
    new EventIdsCheck(options),
    new HeartbeatIntervalCheck(options),
    new HeartbeatHonestyCheck(options),
    new MonotoneCheck(options),
    new DeclarationOrderCheck(options),
    new DeclaredBeforeCrossingCheck(options, outcome),
    outcome,
  ];
}
