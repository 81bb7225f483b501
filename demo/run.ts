import { findVigil } from './connection';
import { inferenceRequest } from './gateway';
import { runDemo } from './story';
import { DemoError } from './vigilApi';

/**
 * `npm run demo [-- --keep]`: finds the local Vigil and a key, tells the story (demo/story.ts)
 * and prints it. Vigil keeps running afterwards; the demo's model server and receivers stop
 * and its channels are removed, unless `--keep` keeps them until Ctrl-C.
 */
const USAGE = `npm run demo [-- --keep]

Tells Vigil's story against a running Vigil: a model served through the gateway, three days of
traffic, a drift, alerts, a signed retrain call, a rollback and an email.

  --keep   keep the demo's model server, receivers and channels running until Ctrl-C

Environment: VIGIL_URL (default http://127.0.0.1:$PORT, PORT 8080), VIGIL_API_KEY (default
VIGIL_ADMIN_KEY, else the key a first \`npm start\` kept in \${VIGIL_DATA_DIR:-./data}/admin-key).`;

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    print(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a !== '--keep');
  if (unknown.length > 0) {
    console.error(`npm run demo: unknown argument ${unknown.map((a) => JSON.stringify(a)).join(', ')}\n\n${USAGE}`);
    return 2;
  }
  const keep = args.includes('--keep');
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());

  const target = await findVigil(process.env);
  print(`Vigil demo against ${target.url} (key from ${target.keySource})`);
  print('A loan-default model served through Vigil: three days of its traffic, a drift, a failing new version,');
  print('and what Vigil does about it. About a minute.');
  print('');
  const result = await runDemo({ url: target.url, key: target.key, log: print, keep, signal: stop.signal });
  print('');
  const t = (name: string) => `${Math.round((result.timings[name] ?? 0) / 1000)} s`;
  print(`The demo took ${Math.round(result.durationMs / 1000)} s: setup ${t('setup')}, traffic ${t('traffic')}, drift detection ${t('detection')}, waiting for Vigil's alerts and actions ${t('alerts')}.`);
  print('Vigil keeps running; run the demo again for a second, clean model.');
  if (keep) {
    print(`The model server, the receivers and the channels of ${result.model} stay up until Ctrl-C. Try the gateway:`);
    const keyExpression = target.keySource.startsWith('VIGIL_') ? `$${target.keySource}` : `$(cat ${target.keySource})`;
    print(`  curl -s ${target.url}/v2/models/${result.model}/infer -H "Authorization: Bearer ${keyExpression}" -H 'content-type: application/json' \\`);
    print(`    -d '${JSON.stringify(inferenceRequest({ age: 35, income: 30, loan_amount: 20, term_months: 48, employment: 'self_employed', channel: 'mobile_app' }))}'`);
    await new Promise<void>((resolve) => (stop.signal.aborted ? resolve() : stop.signal.addEventListener('abort', () => resolve())));
    await result.release();
    print('Stopped the demo\'s model server and receivers and removed its channels.');
  } else {
    print('The demo stopped its model server and receivers and removed its channels (`npm run demo -- --keep` keeps them).');
  }
  return result.complete ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof DemoError) console.error(`\n${error.message}`);
    else console.error(error);
    process.exit(1);
  },
);
