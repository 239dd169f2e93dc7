import { defineModule } from '../module';
import { PersonalDataErrors } from './personal-data.errors';
import { personalDataPermissions } from './personal-data.permissions';
import { PersonalDataResolver } from './personal-data.resolver';
import { PersonalDataService } from './personal-data.service';

/** Reveals of masked personal data, each audited with its purpose. */
export const personalDataModule = defineModule({
  name: 'personal-data',
  resolvers: [PersonalDataResolver],
  services: (app) => ({ personalData: new PersonalDataService(app) }),
  permissions: [personalDataPermissions],
  errors: [PersonalDataErrors],
});
