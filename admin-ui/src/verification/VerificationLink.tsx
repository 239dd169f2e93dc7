import { Navigate, useParams } from 'react-router-dom';
import { canOnAny, useAbility } from '../abilities';

/** Path of the server's notification links (`/verification/<case id>`). */
export const VERIFICATION_LINK_PATH = '/verification/:id';

/** Opens a notification's link: the case page for staff, the own verification page for a store owner. */
export function VerificationLink() {
  const { id } = useParams();
  const ability = useAbility();
  return <Navigate replace to={canOnAny(ability, 'read', 'Verification') ? `/verificationCases/${id}/show` : '/myVerification'} />;
}
