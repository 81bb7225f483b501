import { describe, expect, it } from 'vitest';
import { channelInput, channelTarget, emptyChannelDraft, parseHeaders, parseRecipients } from './channels';

describe('channel drafts', () => {
  it('reads header lines and names the line that is not a header', () => {
    expect(parseHeaders('Authorization: Bearer a:b\n\nX-Team: ml')).toEqual({ headers: { Authorization: 'Bearer a:b', 'X-Team': 'ml' }, problems: [] });
    expect(parseHeaders('X-Team ml').problems).toEqual([{ path: 'config.headers', message: 'line 1: expected "Name: value"' }]);
  });

  it('splits recipients on commas, spaces and lines', () => {
    expect(parseRecipients('a@x.io, b@x.io\nc@x.io;')).toEqual(['a@x.io', 'b@x.io', 'c@x.io']);
  });

  it.each([
    ['email', { recipients: 'a@x.io' }, { recipients: ['a@x.io'] }, undefined],
    ['webhook', { url: ' https://h.io/x ', secret: '' }, { url: 'https://h.io/x', headers: {} }, undefined],
    ['retrain', { url: 'https://h.io/r', secret: 'whsec_abc' }, { url: 'https://h.io/r', headers: {} }, 'whsec_abc'],
    ['alertmanager', { url: 'http://am:9093', secret: 'ignored' }, { url: 'http://am:9093', headers: {} }, undefined],
    ['rollback', { alias: 'production', cooldownMinutes: 90, maxPerDay: 2 }, { alias: 'production', cooldownMs: 5_400_000, maxPerDay: 2 }, undefined],
  ] as const)('a %s draft becomes its config', (type, fields, config, secret) => {
    const { input, problems } = channelInput({ ...emptyChannelDraft(), name: ' n ', type, ...fields });
    expect(problems).toEqual([]);
    expect(input).toEqual({ name: 'n', type, default: false, config, ...(secret === undefined ? {} : { secret }) });
  });

  it('says where a channel sends', () => {
    expect(channelTarget({ type: 'email', config: { recipients: ['a@x.io', 'b@x.io'] } })).toBe('a@x.io, b@x.io');
    expect(channelTarget({ type: 'webhook', config: { url: 'https://h.io', headers: { Authorization: 'Bear…' } } })).toBe('https://h.io (headers: Authorization)');
    expect(channelTarget({ type: 'rollback', config: { alias: 'production', cooldownMs: 3_600_000, maxPerDay: 3 } })).toBe('alias production, cooldown 60 min, at most 3 a day');
  });
});
