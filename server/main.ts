import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { startConsole } from './bootstrap';
import { DEMO_PASSWORDS, seedDemo } from './seed/demo';
import { bootstrapContext } from './seed/system-context';
import { servicesOf } from './modules/services';

/** `npm start`: the console with the job workers in-process; demo data unless production. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const t0 = Date.now();
  const running = await startConsole(config);
  const ctx = bootstrapContext(running.app);
  await servicesOf(running.app).policies.importMerchantPrivacyPolicy(ctx);
  if (config.seedDemo) await seedDemo(running.app, { merchants: config.demoMerchants });
  const lines = [
    '',
    `Merchant Console is up in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${running.url}/`,
    `  GraphQL: ${running.url}/graphql    public policy: ${running.url}/#/public/policy`,
    `  database: ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL (${running.db.embedded?.dataDir})`}`,
  ];
  if (config.seedDemo) {
    lines.push('  demo sign-ins (login / password):');
    for (const [login, pw] of Object.entries(DEMO_PASSWORDS)) lines.push(`    ${login.padEnd(14)} ${pw}`);
  }
  console.log(lines.join('\n') + '\n');
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error('Start-up failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
