import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';
import { buildAppSchema, printAppSchema } from './schema';

/** `npm run schema:print`: regenerates the committed schema.graphql. */
buildAppSchema(null).then((schema) => {
  writeFileSync(path.join(PROJECT_ROOT, 'schema.graphql'), printAppSchema(schema));
  console.log('schema.graphql written');
});
