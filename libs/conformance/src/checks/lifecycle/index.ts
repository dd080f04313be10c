export { DECLARATION_ORDER, DeclarationOrderCheck } from './declaration-order.check';
