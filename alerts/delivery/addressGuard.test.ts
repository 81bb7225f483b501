import { describe, expect, it } from 'vitest';
import { OutboundPolicy, isNonPublicAddress } from './addressGuard';

describe('isNonPublicAddress', () => {
  it.each([
    ['loopback', '127.0.0.1', true],
    ['loopback, elsewhere in 127/8', '127.1.2.3', true],
    ['private 10/8', '10.1.2.3', true],
    ['private 172.16/12', '172.31.0.1', true],
    ['private 192.168/16', '192.168.1.1', true],
    ['link-local: cloud metadata', '169.254.169.254', true],
    ['shared address space', '100.64.0.1', true],
    ['unspecified', '0.0.0.0', true],
    ['IPv6 loopback', '::1', true],
    ['IPv6 unique local', 'fd00::1', true],
    ['IPv6 link-local', 'fe80::1', true],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1', true],
    ['public IPv4', '93.184.216.34', false],
    ['172.32 is public', '172.32.0.1', false],
    ['public IPv6', '2606:4700::1111', false],
    ['not an address', 'example.com', true],
  ])('%s: %s', (_name, address, expected) => {
    expect(isNonPublicAddress(address)).toBe(expected);
  });
});

describe('OutboundPolicy', () => {
  it('refuses private addresses, naming the host, the address and the way out', () => {
    expect(new OutboundPolicy().refusal('hooks.internal', '10.0.0.5')).toBe(
      'hooks.internal resolves to 10.0.0.5, a private, loopback or reserved address; add it to VIGIL_WEBHOOK_ALLOWLIST to allow it',
    );
    expect(new OutboundPolicy().refusal('example.com', '93.184.216.34')).toBeNull();
  });

  it.each([
    ['an allow-listed address', ['127.0.0.1'], '127.0.0.1', '127.0.0.1', true],
    ['another loopback address is still refused', ['127.0.0.1'], '127.0.0.2', '127.0.0.2', false],
    ['an allow-listed range', ['10.0.0.0/8'], 'hooks', '10.9.9.9', true],
    ['an allow-listed host name, whatever it resolves to', ['Alertmanager.internal'], 'alertmanager.internal', '10.0.0.7', true],
    ['IPv6 loopback allow-listed', ['::1'], '[::1]', '::1', true],
  ] as const)('%s', (_name, allowlist, host, address, allowed) => {
    expect(new OutboundPolicy(allowlist).refusal(host, address) === null).toBe(allowed);
  });
});
