export { PolicyPage } from './PolicyPage';
/** The route of the public policy page (outside the layout, no sign-in). */
export const POLICY_PATH = '/public/policy';
