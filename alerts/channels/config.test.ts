import { describe, expect, it } from 'vitest';
import { redactConfig, redactSecret } from './config';

describe('redactConfig', () => {
  it.each([
    { name: 'header values by prefix', config: { url: 'https://hooks.example.com/a', headers: { authorization: 'Bearer abcdefghijkl' } }, shown: { url: 'https://hooks.example.com/a', headers: { authorization: 'Bear…' } } },
    { name: "an email channel's SMTP password", config: { recipients: ['a@example.com'], smtpUrl: 'smtp://mailer:s3cret@mail.example.com:587' }, shown: { recipients: ['a@example.com'], smtpUrl: 'smtp://mailer:%E2%80%A6@mail.example.com:587' } },
    { name: "the password in a receiver's URL", config: { url: 'https://vigil:s3cret@am.example.com:9093/', headers: {} }, shown: { url: 'https://vigil:%E2%80%A6@am.example.com:9093/', headers: {} } },
    { name: 'nothing else', config: { url: 'https://am.example.com/', alias: 'production', cooldownMs: 5 }, shown: { url: 'https://am.example.com/', alias: 'production', cooldownMs: 5 } },
  ])('redacts $name', ({ config, shown }) => {
    expect(redactConfig(config)).toEqual(shown);
    expect(JSON.stringify(redactConfig(config))).not.toContain('s3cret');
  });

  it('keeps secrets recognisable by their first characters only', () => {
    expect(redactSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe('whsec_MfKQ…');
    expect(redactSecret('')).toBe('');
  });
});
