import knexFactory from 'knex';
import { realDatabaseUrl, removeTemplateFile, templateDatabaseName } from './template';

export default async function globalTeardown(): Promise<void> {
  const url = realDatabaseUrl();
  if (url) {
    const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
    await admin.raw(`drop database if exists ${templateDatabaseName()}`);
    await admin.destroy();
  }
  removeTemplateFile();
}
