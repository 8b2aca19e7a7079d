import express from 'express';
import { loadConfig } from '../../server/config';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { visitorWithForm } from '../helpers/forms';

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['linklocal,uniquelocal', ['linklocal', 'uniquelocal']],
    ['Loopback, 10.0.0.2', ['loopback', '10.0.0.2']],
    ['10.0.0.0/8,192.168.1.0/24', ['10.0.0.0/8', '192.168.1.0/24']],
    ['10.0.0.0/255.255.0.0', ['10.0.0.0/255.255.0.0']],
    ['::1', ['::1']],
    ['fd00::/8, 2001:db8::17', ['fd00::/8', '2001:db8::17']],
    ['::ffff:10.0.0.2', ['::ffff:10.0.0.2']],
  ])('accepts %j as Express reads it', (value, expected) => {
    const { trustProxy } = loadConfig(value === undefined ? {} : { TRUST_PROXY: value });
    expect(trustProxy).toEqual(expected);
    // Express compiles the setting at once and throws on what it cannot read.
    expect(() => express().set('trust proxy', trustProxy)).not.toThrow();
  });

  it.each([
    'true',
    'TRUE',
    '0',
    '-1',
    '1.5',
    'yes',
    'proxy.example.lv',
    '10.0.0.256',
    '10.0.0.0/33',
    '10.0.0.0/0',
    '0.0.0.0/0',
    '::/0',
    'fd00::/129',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    '10.0.0.0/255.0.255.0',
    'loopback,',
    'loopback,,10.0.0.1',
    'loopback true',
  ])('refuses %j in one line naming the accepted forms', (value) => {
    let message = '';
    try {
      loadConfig({ TRUST_PROXY: value });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `Invalid configuration: TRUST_PROXY must be unset or false (no proxy), a hop count of 1 or more, loopback, linklocal, uniquelocal, or a comma-separated list of them and of proxy addresses or CIDR ranges such as 10.0.0.2,192.168.0.0/16,fd00::/8 ("true" would believe any client's X-Forwarded-For) (got ${JSON.stringify(value)})`,
    );
  });
});

describe('a client behind no trusted proxy', () => {
  const failedLoginsFrom = async (testApp: TestApp, forwardedFor: string[]) => {
    const statuses: number[] = [];
    for (const address of forwardedFor) {
      const { agent, csrf } = await visitorWithForm(testApp.app, '/login?lang=en');
      const response = await agent
        .post('/login')
        .set('X-Forwarded-For', address)
        .type('form')
        .send({ _csrf: csrf, email: 'nobody@example.lv', password: 'wrong password' });
      statuses.push(response.status);
    }
    return statuses;
  };
  const spoofed = ['203.0.113.1', '203.0.113.2', '203.0.113.3'];
  const rateLimits = { loginPerIp: 2, registerPerIp: 10 };

  it('cannot walk past the per-address login limit with a made-up X-Forwarded-For', async () => {
    // The test client connects from 127.0.0.1, which is not the trusted proxy.
    const testApp = await createTestApp({ env: { TRUST_PROXY: '10.9.8.7' }, rateLimits });
    try {
      expect(await failedLoginsFrom(testApp, spoofed)).toEqual([401, 401, 429]);
    } finally {
      await testApp.close();
    }
  });

  it('while a trusted proxy on loopback still tells each client apart', async () => {
    const testApp = await createTestApp({ env: { TRUST_PROXY: 'loopback' }, rateLimits });
    try {
      expect(await failedLoginsFrom(testApp, spoofed)).toEqual([401, 401, 401]);
    } finally {
      await testApp.close();
    }
  });
});
