import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import type { App } from '../core/app';
import { RESOLVERS, installAllModules } from '../modules';
import { authChecker } from './auth-checker';
import { nullArgumentsAsOmitted } from './client-input';
import { validateInput } from './validate-input';

/**
 * Builds the executable schema. Resolvers are constructed with the App (thin: one service call each).
 * `validateInput` trims and checks every input, nested ones included (BAD_USER_INPUT naming the field);
 * an explicit null for an optional argument means the argument was left out (`nullArgumentsAsOmitted`).
 */
export async function buildAppSchema(app: App | null): Promise<GraphQLSchema> {
  installAllModules();
  const instances = new Map<unknown, unknown>();
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    validateFn: validateInput,
    container: {
      get: (cls: new (app: App | null) => unknown) => {
        if (!instances.has(cls)) instances.set(cls, new cls(app));
        return instances.get(cls);
      },
    },
  });
  return nullArgumentsAsOmitted(schema);
}

/** The schema as committed in schema.graphql (sorted, so diffs are stable). */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
