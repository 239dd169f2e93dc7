import { defineModule } from '../module';
import { penaltiesPermissions } from './penalties.permissions';
import { PenaltiesResolver } from './penalties.resolver';
import { PenaltiesService, SANCTION_SWEEP_QUEUE, SANCTION_SYNC_QUEUE } from './penalties.service';
import { PenaltyAppeal } from './penalty-appeal.entity';
import { PenaltyFile } from './penalty-file.entity';
import { PenaltyHistory } from './penalty-history.entity';
import { PenaltyNotice } from './penalty-notice.entity';
import { Penalty } from './penalty.entity';
import { SanctionType } from './sanction-type.entity';
import { ViolationCategory } from './violation-category.entity';

/** Penalties, appeals and public penalty notices (policy 2.3.4). */
export const penaltiesModule = defineModule({
  name: 'penalties',
  entities: [SanctionType, ViolationCategory, PenaltyNotice, Penalty, PenaltyAppeal, PenaltyFile, PenaltyHistory],
  resolvers: [PenaltiesResolver],
  services: (app) => ({ penalties: new PenaltiesService(app) }),
  permissions: [penaltiesPermissions],
  queues: [SANCTION_SYNC_QUEUE, SANCTION_SWEEP_QUEUE],
});
