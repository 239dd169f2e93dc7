import { defineModule } from '../module';
import { Notification } from './notification.entity';
import { NotificationsResolver } from './notifications.resolver';
import { DELIVER_QUEUE } from './notifications.jobs';
import { NotificationsService } from './notifications.service';
import { OutboundDelivery } from './outbound-delivery.entity';

/** Inbox notifications and outbound deliveries (SMS, e-mail) through the outbox. */
export const notificationsModule = defineModule({
  name: 'notifications',
  entities: [Notification, OutboundDelivery],
  resolvers: [NotificationsResolver],
  services: (app) => ({ notifications: new NotificationsService(app) }),
  queues: [DELIVER_QUEUE],
});
