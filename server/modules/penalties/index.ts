import { defineModule } from '../module';
import { PenaltyErrors } from './penalties.errors';
import { SANCTION_SWEEP_QUEUE, SANCTION_SYNC_QUEUE } from './penalties.jobs';
import { APPEAL_MACHINE, PENALTY_MACHINE } from './penalties.machine';
import { penaltiesPermissions } from './penalties.permissions';
import { PenaltiesResolver } from './penalties.resolver';
import { PenaltiesService } from './penalties.service';
import { PenaltyAppealsService } from './penalty-appeals.service';
import { PenaltyAppeal } from './penalty-appeal.entity';
import { PenaltyCatalogueService } from './penalty-catalogue.service';
import { PenaltyHistory } from './penalty-history.entity';
import { PenaltyNotice } from './penalty-notice.entity';
import { PenaltyNoticesService } from './penalty-notices.service';
import { Penalty } from './penalty.entity';
import { SanctionType } from './sanction-type.entity';
import { ViolationCategory } from './violation-category.entity';

/** Penalties, appeals, the violation catalogue and public penalty notices (policy 2.3.4, 4.3, 6.5). Evidence and proofs are uploads of the files module. */
export const penaltiesModule = defineModule({
  name: 'penalties',
  entities: [SanctionType, ViolationCategory, PenaltyNotice, Penalty, PenaltyAppeal, PenaltyHistory],
  resolvers: [PenaltiesResolver],
  services: (app) => ({
    penalties: new PenaltiesService(app),
    penaltyCatalogue: new PenaltyCatalogueService(app),
    penaltyAppeals: new PenaltyAppealsService(app),
    penaltyNotices: new PenaltyNoticesService(app),
  }),
  permissions: [penaltiesPermissions],
  queues: [SANCTION_SYNC_QUEUE, SANCTION_SWEEP_QUEUE],
  errors: [PenaltyErrors],
  machines: [PENALTY_MACHINE, APPEAL_MACHINE],
});
