import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../rules/dates';
import { addCalendarDays } from '../../rules/dates';
import { WorkingDayCalendar } from './working-days';

const cal = new WorkingDayCalendar();

describe('PRC working-day calendar', () => {
  it('weekends are off, weekdays on', () => {
    expect(cal.isWorkday('2026-03-06')).toBe(true); // Friday
    expect(cal.isWorkday('2026-03-07')).toBe(false); // Saturday
    expect(cal.isWorkday('2026-03-08')).toBe(false); // Sunday
    expect(cal.isWorkday('2026-03-09')).toBe(true); // Monday
  });

  it('statutory holidays are off, make-up workdays on (National Day 2026)', () => {
    for (let d = 1; d <= 7; d++) expect(cal.isWorkday(`2026-10-0${d}`), `10-0${d}`).toBe(false);
    expect(cal.isWorkday('2026-09-20')).toBe(true); // Sunday, make-up workday
    expect(cal.isWorkday('2026-10-10')).toBe(true); // Saturday, make-up workday
    expect(cal.isWorkday('2026-10-11')).toBe(false); // ordinary Sunday
  });

  it('counting starts the working day after receipt', () => {
    // Received Friday: the next three working days are Mon, Tue, Wed.
    expect(cal.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(cal.addWorkingDays('2026-03-06', 3)).toBe('2026-03-11');
    // Received on a Saturday: still counts from Monday.
    expect(cal.addWorkingDays('2026-03-07', 1)).toBe('2026-03-09');
    // Received Wednesday: the day itself does not count.
    expect(cal.addWorkingDays('2026-03-11', 1)).toBe('2026-03-12');
  });

  it('a deadline across National Day skips the holiday and counts the make-up Saturday', () => {
    // 30 Sep (Wed): 1-7 Oct off; 8 Oct (Thu) = 1, 9 Oct (Fri) = 2, 10 Oct (Sat, make-up) = 3, 12 Oct (Mon) = 4.
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(cal.addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
    // 15 working days from 18 Sep (Fri) counts Sunday 20 Sep (make-up) and skips Mid-autumn 25-27 Sep.
    expect(cal.workingDaysBetween('2026-09-18', '2026-09-20')).toBe(1);
    expect(cal.addWorkingDays('2026-09-18', 15)).toBe('2026-10-15');
  });

  it('Spring Festival 2026 with its make-up Saturdays', () => {
    expect(cal.isWorkday('2026-02-14')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
  });

  it('the override table wins over the package and covers years the package lacks', () => {
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2030)).toBe(false);
    // 2030-01-01 is a Tuesday: weekday rule without data.
    expect(cal.isWorkday('2030-01-01')).toBe(true);
    const withTable = new WorkingDayCalendar([
      { date: '2030-01-01', isWorkday: false, name: '元旦' },
      { date: '2026-10-10', isWorkday: false, name: 'correction' },
      { date: '2030-01-05', isWorkday: true, name: '调休' },
    ]);
    expect(withTable.covers(2030)).toBe(true);
    expect(withTable.isWorkday('2030-01-01')).toBe(false);
    expect(withTable.isWorkday('2030-01-05')).toBe(true); // Saturday made a workday
    expect(withTable.addWorkingDays('2029-12-31', 1)).toBe('2030-01-02');
    expect(withTable.addWorkingDays('2026-09-30', 3)).toBe('2026-10-12');
  });

  it('calendar helpers validate dates', () => {
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-1-1')).toBe(false);
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(() => cal.addWorkingDays('2026-10-01', 0)).toThrow(RangeError);
  });
});
