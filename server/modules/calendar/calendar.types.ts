import { IsOptional, Length } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { IsCalendarDate } from '../../graphql/validators';

/** A day of the PRC working-day calendar set by hand (wins over the chinese-days package). */
@ObjectType()
export class WorkingDayOverrideView {
  @Field({ description: 'PRC calendar date YYYY-MM-DD' }) date: string;
  @Field() isWorkday: boolean;
  @Field({ nullable: true }) name?: string;
}

/** The working-day facts of one year: whether data covers it, and its overrides. */
@ObjectType()
export class WorkingDayYear {
  @Field(() => Int) year: number;
  @Field({ description: 'False when neither the package nor the table describes the year (weekends-only assumed): add its holidays' }) covered: boolean;
  @Field(() => [WorkingDayOverrideView]) overrides: WorkingDayOverrideView[];
}

@InputType()
export class SetWorkingDayOverrideInput {
  @Field({ description: 'PRC calendar date YYYY-MM-DD' }) @IsCalendarDate('calendar') date: string;
  @Field() isWorkday: boolean;
  @Field({ nullable: true, description: 'e.g. 国庆节 or 调休上班' }) @IsOptional() @Length(1, 100) name?: string;
}
