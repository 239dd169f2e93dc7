import { defineModule } from '../module';
import { DataSharingEntry } from './data-sharing-entry.entity';
import { DataSharingRecipient } from './data-sharing-recipient.entity';
import { dataSharingPermissions } from './data-sharing.permissions';
import { DataSharingResolver } from './data-sharing.resolver';
import { DataSharingService } from './data-sharing.service';

/** The register of merchants' personal data shared with third parties (policy 4.1, 4.4). */
export const dataSharingModule = defineModule({
  name: 'dataSharing',
  entities: [DataSharingRecipient, DataSharingEntry],
  resolvers: [DataSharingResolver],
  services: (app) => ({ dataSharing: new DataSharingService(app) }),
  permissions: [dataSharingPermissions],
});
