import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * Money in integer fen (分), e.g. 123456 = ¥1,234.56. Serialised as a JSON integer; input must be
 * a whole number within JavaScript's safe integer range (never a float, never a string), so no
 * amount is rounded between the client, the API and PostgreSQL (`bigint`). Values read from
 * `bigint` columns arrive as decimal strings and are serialised as numbers after the same check.
 */
export const MoneyScalar = new GraphQLScalarType<number, number>({
  name: 'Money',
  description: 'An amount of money in integer fen (1 yuan = 100 fen), a whole number within ±9007199254740991.',
  serialize(value) {
    const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new GraphQLError('Money is a whole number of fen');
    return n;
  },
  parseValue(value) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new GraphQLError('Money must be a whole number of fen (integer), within the safe integer range');
    return value;
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw new GraphQLError('Money must be a whole number of fen (integer literal)');
    const n = Number(ast.value);
    if (!Number.isSafeInteger(n)) throw new GraphQLError('Money must be within the safe integer range');
    return n;
  },
});
