import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class PolicyListItemView {
  @Field({ description: 'Letter of a list item, e.g. "a"' }) label: string;
  @Field() text: string;
}

/** One clause in document order; `level` 1 = section ("2"), 2 = "2.3", 3 = "2.3.4". */
@ObjectType()
export class PolicyClauseView {
  @Field() number: string;
  @Field() title: string;
  @Field(() => Int) level: number;
  @Field({ description: "The clause's own text (children excluded); paragraphs separated by blank lines" }) text: string;
  @Field(() => [PolicyListItemView]) items: PolicyListItemView[];
}

@ObjectType()
export class PublicPolicyVersion {
  @Field(() => ID) id: string;
  @Field(() => Int) versionNo: number;
  @Field() status: string;
  @Field({ nullable: true, description: 'PRC calendar date YYYY-MM-DD' }) effectiveDate?: string;
  @Field({ nullable: true, description: 'UTC instant' }) publishedAt?: Date;
  @Field({ nullable: true }) changeSummary?: string;
  @Field() isMaterial: boolean;
  @Field(() => [String], { description: 'Clause 8.2 categories a-f' }) materialCategories: string[];
  @Field() title: string;
  @Field({ description: 'Text before section 1' }) preamble: string;
  @Field(() => [PolicyClauseView], { description: 'Every clause in document order (the table of contents is number + title + level)' })
  clauses: PolicyClauseView[];
  @Field({ description: 'The body as stored (imported text or Markdown)' }) body: string;
}

@ObjectType()
export class PublicPolicyDocument {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() titleZh: string;
  @Field() titleEn: string;
  @Field(() => PublicPolicyVersion, { nullable: true, description: 'The version in force' }) current?: PublicPolicyVersion;
  @Field(() => [PublicPolicyVersion], { description: 'Published and superseded versions, newest first' }) history: PublicPolicyVersion[];
}
