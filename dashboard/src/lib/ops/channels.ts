import { api, path, type Answer, type Schema } from '../api';

/** Notification channels (docs/alerts.md, Channels) and their test send. */

export type Channel = Schema<'Channel'>;
export type ChannelType = Channel['type'];
export type ChannelTestResult = Schema<'ChannelTestResult'>;
/** POST /v1/channels: one config shape per channel type. */
export type ChannelInput = Schema<'ChannelInput'>;

/** Every channel type, in the order the form offers them. */
export const CHANNEL_TYPES = ['email', 'webhook', 'retrain', 'alertmanager', 'rollback'] as const satisfies readonly ChannelType[];

export const CHANNEL_TYPE_HINTS: Record<ChannelType, string> = {
  email: 'Emails every notification to the recipients (SMTP_URL on the server).',
  webhook: 'POSTs each notification as JSON, signed per Standard Webhooks.',
  retrain: 'POSTs the retrain payload (drifted features, fresh data range) to your ML pipeline, signed.',
  alertmanager: 'Forwards alerts to a Prometheus Alertmanager (POST <url>/api/v2/alerts).',
  rollback: 'Rolls the alias back to its previous version when alerts fire, within a cooldown and a daily limit.',
};

/** Retrain and rollback channels act on what they receive, so the server has no test send for them. */
export const TEST_SENDABLE: readonly ChannelType[] = ['email', 'webhook', 'alertmanager'];

/** What the channel form edits: every type's fields as text, turned into a config by `channelInput`. */
export interface ChannelDraft {
  name: string;
  type: ChannelType;
  isDefault: boolean;
  recipients: string;
  url: string;
  headers: string;
  secret: string;
  alias: string;
  cooldownMinutes: number;
  maxPerDay: number;
}

export function emptyChannelDraft(): ChannelDraft {
  return { name: '', type: 'email', isDefault: false, recipients: '', url: '', headers: '', secret: '', alias: 'production', cooldownMinutes: 60, maxPerDay: 3 };
}

/** A problem found before sending, in the shape of the server's error details. */
export interface DraftProblem {
  path: string;
  message: string;
}

/**
 * Header lines `Name: value`, one per line, as a record. Blank lines are skipped; a line
 * without a colon is a problem named by its line number.
 *
 * @example parseHeaders('Authorization: Bearer x\nX-Team: ml') // { headers: { Authorization: 'Bearer x', 'X-Team': 'ml' }, problems: [] }
 */
export function parseHeaders(text: string): { headers: Record<string, string>; problems: DraftProblem[] } {
  const headers: Record<string, string> = {};
  const problems: DraftProblem[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    if (colon <= 0) problems.push({ path: 'config.headers', message: `line ${i + 1}: expected "Name: value"` });
    else headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  });
  return { headers, problems };
}

/** Recipients separated by commas, spaces or lines. */
export function parseRecipients(text: string): string[] {
  return text.split(/[\s,;]+/).filter((r) => r !== '');
}

/** The request body for a draft, or the problems that keep it from being sent. */
export function channelInput(draft: ChannelDraft): { input: ChannelInput; problems: DraftProblem[] } {
  const base = { name: draft.name.trim(), default: draft.isDefault };
  switch (draft.type) {
    case 'email':
      return { input: { ...base, type: draft.type, config: { recipients: parseRecipients(draft.recipients) } }, problems: [] };
    case 'webhook':
    case 'retrain': {
      const { headers, problems } = parseHeaders(draft.headers);
      const secret = draft.secret.trim();
      return { input: { ...base, type: draft.type, config: { url: draft.url.trim(), headers }, ...(secret !== '' ? { secret } : {}) }, problems };
    }
    case 'alertmanager': {
      const { headers, problems } = parseHeaders(draft.headers);
      return { input: { ...base, type: draft.type, config: { url: draft.url.trim(), headers } }, problems };
    }
    case 'rollback':
      return { input: { ...base, type: draft.type, config: { alias: draft.alias.trim(), cooldownMs: Math.round(draft.cooldownMinutes * 60_000), maxPerDay: draft.maxPerDay } }, problems: [] };
  }
}

/** Fields of the channel form, for placing error details. */
export const CHANNEL_FIELDS = ['name', 'type', 'default', 'config.recipients', 'config.url', 'config.headers', 'secret', 'config.alias', 'config.cooldownMs', 'config.maxPerDay', 'config'] as const;

/** A channel's type and its config, still tied to each other (a plain `Pick` of the union is not). */
type ChannelConfig = Channel extends infer C ? (C extends Channel ? Pick<C, 'type' | 'config'> : never) : never;

/** What a channel does, in one line, from its (redacted) config. */
export function channelTarget(channel: ChannelConfig): string {
  switch (channel.type) {
    case 'email':
      return channel.config.recipients.join(', ');
    case 'rollback':
      return `alias ${channel.config.alias}, cooldown ${Math.round(channel.config.cooldownMs / 60_000)} min, at most ${channel.config.maxPerDay} a day`;
    default: {
      const headers = Object.keys(channel.config.headers);
      return `${channel.config.url}${headers.length > 0 ? ` (headers: ${headers.join(', ')})` : ''}`;
    }
  }
}

export const fetchChannels = () => api.get<Answer<'/v1/channels', 'get'>>('/v1/channels').then((r) => r.channels);
export const createChannel = (input: ChannelInput) => api.post<Answer<'/v1/channels', 'post'>>('/v1/channels', input);
export const deleteChannel = (id: string) => api.delete<undefined>(path('/v1/channels', id));
export const testChannel = (id: string) => api.post<Answer<'/v1/channels/{id}/test', 'post'>>(path('/v1/channels', id, 'test'));
