import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import type { App } from '../core/app';
import { RESOLVERS } from '../modules';
import { authChecker } from './auth-checker';
import { validateInput } from './validate-input';

/**
 * Builds the executable schema. Resolvers are constructed with the App (thin: one service call each).
 * `validateInput` trims and checks every input, nested ones included (BAD_USER_INPUT naming the field).
 */
export async function buildAppSchema(app: App | null): Promise<GraphQLSchema> {
  const instances = new Map<unknown, unknown>();
  return buildSchema({
    resolvers: RESOLVERS as unknown as [Function, ...Function[]],
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
}

/** The schema as committed in schema.graphql (sorted, so diffs are stable). */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
