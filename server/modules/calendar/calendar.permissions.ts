import { hasRole, registerPermissions } from '../../core/abilities';

/** The working-day calendar's override table: staff read it; `admin` and `ops_lead` maintain it. */
registerPermissions(({ can }, actor) => {
  if (actor.kind === 'staff') can('read', 'WorkingDayCalendar');
  if (hasRole(actor, 'admin', 'ops_lead')) can('update', 'WorkingDayCalendar');
});
