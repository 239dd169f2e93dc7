import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';
import { permissionsMarkdown } from './operations';
import { buildAppSchema, printAppSchema } from './schema';

/** `npm run schema:print`: regenerates the committed schema.graphql and docs/permissions.md. */
void buildAppSchema(null).then((schema) => {
  writeFileSync(path.join(PROJECT_ROOT, 'schema.graphql'), printAppSchema(schema));
  writeFileSync(path.join(PROJECT_ROOT, 'docs', 'permissions.md'), permissionsMarkdown());
  console.log('schema.graphql and docs/permissions.md written');
});
