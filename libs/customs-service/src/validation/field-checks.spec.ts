import { typeName } from './field-checks';

describe('typeName: what a refused value was, for the message', () => {
  it('given numbers JSON cannot write, then they are named as they are, not as null', () => {
    expect(typeName(Number.NaN)).toBe('number NaN');
    expect(typeName(Number.POSITIVE_INFINITY)).toBe('number Infinity');
    expect(typeName(1.5)).toBe('number 1.5');
    expect(typeName('high')).toBe('string "high"');
    expect(typeName(null)).toBe('null');
  });
});
