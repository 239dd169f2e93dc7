import { Max, Min } from 'class-validator';
import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum SortOrder {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortOrder, { name: 'SortOrder' });

/** Sort of a list: `field` is one of the list's documented sort fields. */
@InputType()
export class SortInput {
  @Field()
  field: string;

  @Field(() => SortOrder, { defaultValue: SortOrder.ASC })
  order: SortOrder;
}

/** Page arguments as react-admin sends them: 1-based `page`, `perPage` up to 100. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 1 })
  @Min(1)
  @Max(100000)
  page: number;

  @Field(() => Int, { defaultValue: 25 })
  @Min(1)
  @Max(100)
  perPage: number;

  @Field(() => SortInput, { nullable: true })
  sort?: SortInput;
}

/** `{ items, totalCount }` object type for a list of `itemType` (the shape react-admin's data provider reads). */
export function ListOf<T>(itemType: new (...args: never[]) => T, name: string) {
  @ObjectType(name)
  class List {
    @Field(() => [itemType])
    items: T[];

    @Field(() => Int, { description: 'Exact up to 10,000; beyond, 10,001 with totalCountExact false' })
    totalCount: number;

    @Field({ description: 'False when the count stopped at the cap (show "10,000+")' })
    totalCountExact: boolean;
  }
  return List;
}
