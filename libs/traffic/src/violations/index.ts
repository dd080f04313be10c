export * from './violation';
export { INJECTABLE_CONDITIONS } from './violation-definition';
export { injectBothSides, injectViolations } from './inject';
export { BAD_PLATE_CHARACTERS } from './plate-faults';
