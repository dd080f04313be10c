export { REGISTRY, RegistryCheck } from './registry.check';
export { PLATE_CHARACTERS, PlateCharactersCheck } from './plate-characters.check';
export { MRN, MrnCheck } from './mrn.check';
export { GOODS, GoodsCheck } from './goods.check';
export { DEFAULT_MAX_AHEAD_OF_DELIVERY_MS, TIMES, TimesCheck } from './times.check';
