import { defineModule } from '../module';
import { calendarPermissions } from './calendar.permissions';
import { CalendarResolver } from './calendar.resolver';
import { CalendarService } from './calendar.service';
import { WorkingDayOverride } from './working-day-override.entity';

/** The PRC working-day calendar (chinese-days plus overrides). */
export const calendarModule = defineModule({
  name: 'calendar',
  entities: [WorkingDayOverride],
  resolvers: [CalendarResolver],
  services: (app) => ({ calendar: new CalendarService(app) }),
  permissions: [calendarPermissions],
});
