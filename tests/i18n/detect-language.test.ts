import { detectLanguage } from '../../server/i18n/detect-language';

describe('detecting the language of what a resident wrote', () => {
  it.each([
    ['Jauns rotaļu laukums bērniem pie upes, ar soliņiem vecākiem', 'lv'],
    ['Скамейки и тень у реки для пожилых людей и детей', 'ru'],
    ['Shade trees along the promenade, and benches for older people', 'en'],
  ] as const)('%s → %s', async (text, expected) => {
    await expect(detectLanguage(text, 'en')).resolves.toBe(expected);
  });

  it('falls back when the text is too short to tell', async () => {
    await expect(detectLanguage('Park', 'ru')).resolves.toBe('ru');
  });
});
