import { hasRole, type PermissionContributor } from '../../core/abilities';

/** The working-day calendar's override table: staff read it; `admin` and `ops_lead` maintain it. */
export const calendarPermissions: PermissionContributor = ({ can }, actor) => {
  if (actor.kind === 'staff') can('read', 'WorkingDayCalendar');
  if (hasRole(actor, 'admin', 'ops_lead')) can('update', 'WorkingDayCalendar');
};
