export {
  DECLARATION_DEADLINE,
  DeclarationDeadlineCheck,
  READ_DEADLINE,
  ReadDeadlineCheck,
} from './delivery-deadline.check';
export { PROMPT_READS, PromptReadsCheck } from './prompt-reads.check';
