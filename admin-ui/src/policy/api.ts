import { gql } from '../graphql';
import { PUBLIC_VERSION_FIELDS, type Clause, type PublicVersion } from '../policies/api';

export interface PolicyDocument {
  code: string;
  titleZh: string;
  titleEn: string;
  current: { versionNo: number; effectiveDate: string | null; publishedAt: string | null; title: string; preamble: string; clauses: Clause[] } | null;
  history: PublicVersion[];
}

/** The public merchant privacy policy's document code. */
export const POLICY_CODE = 'merchant-privacy-policy';
const POLICY_QUERY = `query Policy($code: String!) {
  publicPolicy(code: $code) {
    code titleZh titleEn
    current { versionNo effectiveDate publishedAt title preamble clauses { number title level text items { label text } } }
    history { ${PUBLIC_VERSION_FIELDS} }
  }
}`;

/** A public policy document: its version in force (with clauses) and its published history. */
export const publicPolicy = (code: string) => gql<{ publicPolicy: PolicyDocument }>(POLICY_QUERY, { code }).then((d) => d.publicPolicy);
