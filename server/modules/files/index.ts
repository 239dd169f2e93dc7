import { defineModule } from '../module';
import { filesRouter } from './files.routes';
import { FilesService } from './files.service';
import { UploadedFile } from './uploaded-file.entity';

/** The one upload pipeline: decoded, re-encoded, encrypted, owned files (HTTP routes in files.routes.ts). */
export const filesModule = defineModule({
  name: 'files',
  entities: [UploadedFile],
  services: (app) => ({ files: new FilesService(app) }),
  routes: filesRouter,
});
