import { fontRuns } from '../../server/paper-forms/pdf-fonts';

describe('text runs for the PDF fonts', () => {
  it('writes Latvian letters from the latin-ext file, Cyrillic from the cyrillic one, punctuation from latin', () => {
    expect(fontRuns('Rīga, Дом 1', 400)).toEqual([
      { font: 'source-sans-3-latin-400', text: 'R' },
      { font: 'source-sans-3-latin-ext-400', text: 'ī' },
      { font: 'source-sans-3-latin-400', text: 'ga, ' },
      { font: 'source-sans-3-cyrillic-400', text: 'Дом ' },
      { font: 'source-sans-3-latin-400', text: '1' },
    ]);
    expect(fontRuns('«Ё»', 700).map((run) => run.font)).toEqual(['source-sans-3-latin-700', 'source-sans-3-cyrillic-700', 'source-sans-3-latin-700']);
    expect(fontRuns('', 400)).toEqual([]);
  });
});
