import { summaryLine, type Notification, type NotifiedAlert } from '../../dispatch/notification';

/** An email as the channel sends it: subject, plain text and HTML. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Four significant digits, trailing zeros dropped: 0.83, 0.4123, 1e-12, 1234.5. */
const formatNumber = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : String(Number(x.toPrecision(4))));

const windowText = (a: NotifiedAlert) =>
  a.details === null ? '' : `${new Date(a.details.windowStart).toISOString().replace('.000Z', 'Z')} to ${new Date(a.details.windowEnd).toISOString().replace('.000Z', 'Z')}`;

function title(a: NotifiedAlert): string {
  return `${a.labels.alertname ?? 'alert'}${a.labels.feature ? ` on ${a.labels.feature}` : ''} (model ${a.labels.model ?? '?'}, version ${a.labels.version ?? '?'}, ${a.labels.severity ?? 'warning'})`;
}

function statisticsOf(a: NotifiedAlert): [string, number | null][] {
  return Object.entries(a.details?.statistics ?? {}).filter(([, v]) => v !== null && v !== undefined);
}

function alertText(a: NotifiedAlert): string {
  const lines = [`- ${title(a)}`, `  ${a.labels.metric ?? 'value'} = ${formatNumber(a.value)}${a.details?.verdict ? `, verdict ${a.details.verdict}` : ''}`];
  if (a.details !== null) lines.push(`  window ${windowText(a)}`);
  const stats = statisticsOf(a);
  if (stats.length > 0) lines.push(`  ${stats.map(([k, v]) => `${k} ${formatNumber(v)}`).join(', ')}`);
  if (a.state === 'resolved' && a.endsAt !== null) lines.push(`  resolved at ${a.endsAt}`);
  if (a.covers.length > 0) lines.push(`  holds back (data quality explains them): ${a.covers.map((c) => `${c.alertname}${c.feature ? ` on ${c.feature}` : ''}`).join(', ')}`);
  return lines.join('\n');
}

function alertHtml(a: NotifiedAlert): string {
  const stats = statisticsOf(a);
  const rows = stats.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td style="text-align:right">${escapeHtml(formatNumber(v))}</td></tr>`).join('');
  return [
    `<h3 style="margin:16px 0 4px">${escapeHtml(title(a))}</h3>`,
    `<p style="margin:0">${escapeHtml(a.labels.metric ?? 'value')} = <b>${escapeHtml(formatNumber(a.value))}</b>${a.details?.verdict ? `, verdict <b>${escapeHtml(a.details.verdict)}</b>` : ''}${a.details !== null ? `<br>window ${escapeHtml(windowText(a))}` : ''}${a.state === 'resolved' && a.endsAt !== null ? `<br>resolved at ${escapeHtml(a.endsAt)}` : ''}</p>`,
    rows ? `<table style="border-collapse:collapse;margin-top:4px" cellpadding="3"><tr><th style="text-align:left">statistic</th><th style="text-align:right">value</th></tr>${rows}</table>` : '',
    a.covers.length > 0 ? `<p>Holds back (data quality explains them): ${escapeHtml(a.covers.map((c) => `${c.alertname}${c.feature ? ` on ${c.feature}` : ''}`).join(', '))}</p>` : '',
  ].join('');
}

/**
 * The email of a notification: a subject that says what fires and where, a plain-text body and
 * an HTML body with each alert, its features' statistics, and a link to the dashboard page.
 */
export function renderEmail(n: Notification): RenderedEmail {
  const subject = `[Vigil] ${summaryLine(n)}${n.project === 'default' ? '' : ` (project ${n.project})`}`;
  const intro =
    n.kind === 'silence_expired'
      ? `Silence ${n.silence?.id ?? ''} (${n.silence?.comment ?? ''}, by ${n.silence?.createdBy ?? '?'}) expired at ${n.silence?.endsAt ?? '?'}; these alerts are still firing and are audible again:`
      : n.firing.length > 0
        ? `${n.firing.length} alert${n.firing.length === 1 ? '' : 's'} firing for model ${n.model}:`
        : `Resolved for model ${n.model}:`;
  const resolvedText = n.kind === 'alerts' && n.firing.length > 0 && n.resolved.length > 0 ? `\n\nResolved since the last notification:\n${n.resolved.map(alertText).join('\n')}` : '';
  const mainList = n.firing.length > 0 ? n.firing : n.resolved;
  const text = `${intro}\n\n${mainList.map(alertText).join('\n')}${resolvedText}\n\nDashboard: ${n.dashboardUrl}\n\n-- \nVigil, project ${n.project}`;
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;font-size:14px">',
    `<p>${escapeHtml(intro)}</p>`,
    mainList.map(alertHtml).join(''),
    resolvedText ? `<h2 style="font-size:16px">Resolved since the last notification</h2>${n.resolved.map(alertHtml).join('')}` : '',
    `<p style="margin-top:16px"><a href="${escapeHtml(n.dashboardUrl)}">Open the dashboard</a></p>`,
    `<p style="color:#666">Vigil, project ${escapeHtml(n.project)}</p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}
