import { fitFormats, probableNationality } from './plate-formats';
import { normalisePlate } from './plate-normaliser';

describe('plate formats: "probably a UA plate" even when mixed-script or slightly wrong', () => {
  it.each([
    ['АА 1234 ВС', 'UA'],
    ['AA 1234 ВC', 'UA'],
    ['0A 1234 BC', 'UA'], // digit 0 read where the letter O/A belongs: one typical confusion away
    ['ABC 123', 'MD'],
    ['C AB 123', 'MD'],
    ['34 ABC 123', 'TR'],
  ])('%s is probably %s', (text, nationality) => {
    expect(probableNationality(normalisePlate(text))).toBe(nationality);
  });

  it('prefers the common nationality when a rarer one fits as well, and refuses to guess when nothing fits', () => {
    // UA and BG share the letter-digit shape and these letters; UA is far more common here.
    expect(probableNationality('AB1234CE')).toBe('UA');
    expect(probableNationality('12')).toBeNull();
  });

  it('ranks the cheapest fit first', () => {
    const fits = fitFormats('KA1234HH');
    expect(fits[0]).toEqual({ nationality: 'UA', cost: 0 });
  });
});
