import { defineModule } from '../module';
import { STORE_MACHINE } from './stores.machine';
import { StoreStatusTransition } from './store-status-transition.entity';
import { Store } from './store.entity';
import { StoresService } from './stores.service';

/** Stores: a merchant's shop and its status (one machine writes it). */
export const storesModule = defineModule({
  name: 'stores',
  entities: [Store, StoreStatusTransition],
  services: (app) => ({ stores: new StoresService(app) }),
  machines: [STORE_MACHINE],
});
