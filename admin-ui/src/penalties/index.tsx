import CategoryIcon from '@mui/icons-material/Category';
import GavelIcon from '@mui/icons-material/Gavel';
import { Resource } from 'react-admin';
import type { AppAbility } from '../abilities';
import { penaltyAppeals } from '../appeals';
import { CategoryList } from './CategoryList';
import { MyPenaltyList, MyPenaltyShow } from './MyPenalties';
import { PenaltyCreate, PenaltyEdit } from './PenaltyForm';
import { PenaltyList } from './PenaltyList';
import { PenaltyShow } from './PenaltyShow';

export { penaltiesMessages } from './messages';

/**
 * The penalty resources the actor's ability allows: staff who work on penalties (they read the
 * catalogue) get the penalties list, appeal review and the catalogue; a merchant (or a sub-account
 * allowed to) gets "My penalties".
 */
export function penaltyResources(can: AppAbility['can']) {
  const staff = can('read', 'ViolationCategory');
  return [
    staff && can('read', 'Penalty') && (
      <Resource
        key="penalties"
        name="penalties"
        list={PenaltyList}
        show={PenaltyShow}
        create={can('create', 'Penalty') ? PenaltyCreate : undefined}
        edit={can('update', 'Penalty') ? PenaltyEdit : undefined}
        icon={GavelIcon}
      />
    ),
    staff && can('read', 'PenaltyAppeal') && <Resource key="penaltyAppeals" {...penaltyAppeals} />,
    staff && <Resource key="violationCategories" name="violationCategories" list={CategoryList} icon={CategoryIcon} />,
    !staff && can('read', 'Penalty') && <Resource key="myPenalties" name="myPenalties" list={MyPenaltyList} show={MyPenaltyShow} icon={GavelIcon} options={{ label: 'mc.my_penalties.title' }} />,
  ];
}
