import request from 'supertest';
import { setCookiesOf } from '../helpers/forms';
import { useScene } from '../factories/scene';

const { testApp } = useScene();

const langOf = (html: string) => /<html lang="([a-z]+)">/.exec(html)?.[1];

describe('language choice', () => {
  it('defaults to Latvian', async () => {
    const response = await request(testApp.app).get('/').expect(200);
    expect(langOf(response.text)).toBe('lv');
    expect(response.text).toContain('Idejas Daugavpils publiskajām vietām');
  });

  it('follows Accept-Language', async () => {
    const response = await request(testApp.app).get('/').set('Accept-Language', 'ru-RU,ru;q=0.9,en;q=0.5').expect(200);
    expect(langOf(response.text)).toBe('ru');
  });

  it('prefers ?lang= and remembers it in a cookie, over Accept-Language', async () => {
    const agent = request.agent(testApp.app);
    const chosen = await agent.get('/?lang=en').set('Accept-Language', 'ru').expect(200);
    expect(langOf(chosen.text)).toBe('en');
    expect(setCookiesOf(chosen).join(';')).toMatch(/lang=en/);
    const later = await agent.get('/').set('Accept-Language', 'ru').expect(200);
    expect(langOf(later.text)).toBe('en');
  });

  it('falls back without an error for an unknown ?lang=xx', async () => {
    const response = await request(testApp.app).get('/?lang=xx').expect(200);
    expect(langOf(response.text)).toBe('lv');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('offers a language switcher that keeps the current page and its query', async () => {
    const response = await request(testApp.app).get('/login?next=%2Fregister&lang=ru').expect(200);
    expect(response.text).toContain('href="/login?next=%2Fregister&amp;lang=lv"');
    expect(response.text).toContain('href="/login?next=%2Fregister&amp;lang=en"');
  });

  it('formats dates for the language', async () => {
    await testApp.db('consultations').insert({
      slug: 'dates',
      title: JSON.stringify({ lv: 'Datumi', ru: 'Даты', en: 'Dates' }),
      description: JSON.stringify({ lv: 'A', ru: 'Б', en: 'C' }),
      starts_on: '2027-03-01',
      ends_on: '2027-05-31',
    });
    const lv = await request(testApp.app).get('/?lang=lv').expect(200);
    const ru = await request(testApp.app).get('/?lang=ru').expect(200);
    const en = await request(testApp.app).get('/?lang=en').expect(200);
    expect(lv.text).toContain('No 2027. gada 1. marts līdz 2027. gada 31. maijs');
    expect(ru.text).toContain('1 марта 2027');
    expect(en.text).toContain('1 March 2027');
  });
});
