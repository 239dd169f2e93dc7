import { Length, Matches } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';

@InputType()
export class RevealInput {
  @Field({ description: 'Record type, e.g. Merchant' }) @Matches(/^[A-Za-z]{1,40}$/) subject: string;
  @Field(() => ID) @Length(1, 40) id: string;
  @Field({ description: 'Field, e.g. mobile' }) @Matches(/^[A-Za-z]{1,40}$/) field: string;
  @Field({ description: 'Why it must be seen (kept in the audit log), 5-500 characters' }) @Length(5, 500) purpose: string;
}

@ObjectType()
export class RevealedValue {
  @Field() subject: string;
  @Field(() => ID) id: string;
  @Field() field: string;
  @Field({ nullable: true, description: 'The clear value; null when the record has none' }) value?: string;
}
