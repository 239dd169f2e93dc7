import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { PolicyDocument } from './policy-document.entity';
import { PolicyVersion } from './policy-version.entity';

/** Queries on policy documents and versions. */
export class PoliciesRepository {
  constructor(private readonly em: EntityManager) {}

  documentByCode(code: string): Promise<PolicyDocument | null> {
    return this.em.getRepository(PolicyDocument).findOne({ where: { code } });
  }

  allDocuments(): Promise<PolicyDocument[]> {
    return this.em.getRepository(PolicyDocument).find({ order: { id: 'ASC' } });
  }

  /** Published and superseded versions of a document, newest first. */
  publicVersions(documentId: string): Promise<PolicyVersion[]> {
    return this.em.getRepository(PolicyVersion).find({
      where: { documentId, status: In(['published', 'superseded']) },
      order: { versionNo: 'DESC' },
    });
  }

  saveDocument(doc: Partial<PolicyDocument>): Promise<PolicyDocument> {
    const repo = this.em.getRepository(PolicyDocument);
    return repo.save(repo.create(doc));
  }

  saveVersion(v: Partial<PolicyVersion>): Promise<PolicyVersion> {
    const repo = this.em.getRepository(PolicyVersion);
    return repo.save(repo.create(v));
  }
}
