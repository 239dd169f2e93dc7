import type { AuthProvider } from 'react-admin';
import { ability, setPackedRules } from '../abilities';
import { GraphQLRequestError, gql, tokenStore } from '../graphql';

interface Me {
  id: string;
  kind: 'staff' | 'merchant' | 'sub_account';
  loginName: string;
  displayName: string;
  roles: string[];
  merchantId: string | null;
  storeId: string | null;
  locale: string;
  mustChangePassword: boolean;
  abilityRules: unknown;
}

const ME_FIELDS = 'id kind loginName displayName roles merchantId storeId locale mustChangePassword abilityRules';
/** Where an actor on a temporary password is sent (password/ChangePasswordPage.tsx). */
const CHANGE_PASSWORD = '/change-password';
let me: Me | null = null;

/** The signed-in account's id (after the first `me`), e.g. for "assigned to me" filters. */
export const currentActorId = (): string | undefined => me?.id;

function remember(m: Me): Me {
  me = m;
  setPackedRules(m.abilityRules);
  return m;
}

/** True while the signed-in actor is on an admin-set temporary password. */
export const mustChangePassword = (): boolean => me?.mustChangePassword === true;

/** Drops the remembered actor (not the token), so the next `me` is read again (e.g. after a password change). */
export function forgetMe(): void {
  me = null;
}

function forget(): void {
  me = null;
  tokenStore.clear();
  ability.update([]);
}

/** The signed-in actor, fetched once per page load (the token lives in sessionStorage). */
async function currentMe(): Promise<Me | null> {
  if (me) return me;
  if (!tokenStore.get()) return null;
  const data = await gql<{ me: Me }>(`query { me { ${ME_FIELDS} } }`);
  return remember(data.me);
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    try {
      const data = await gql<{ signIn: { token: string; me: Me } }>(`mutation SignIn($input: SignInInput!) { signIn(input: $input) { token me { ${ME_FIELDS} } } }`, {
        input: { loginName: username, password },
      });
      tokenStore.set(data.signIn.token);
      remember(data.signIn.me);
      if (data.signIn.me.mustChangePassword) return { redirectTo: CHANGE_PASSWORD };
    } catch (e) {
      // A wrong password is UNAUTHENTICATED: say so plainly rather than "session expired".
      if (e instanceof GraphQLRequestError && e.code === 'UNAUTHENTICATED') throw new Error('ra.auth.sign_in_error', { cause: e });
      throw e;
    }
  },
  async logout() {
    if (tokenStore.get()) await gql('mutation { signOut }').catch(() => undefined);
    forget();
  },
  async checkAuth() {
    // `message: false`: go to the sign-in page without an error toast (nobody signed in yet is normal).
    if (!tokenStore.get()) throw { message: false };
  },
  async checkError(error: unknown) {
    if (error instanceof GraphQLRequestError && error.errorCode === 'PASSWORD_CHANGE_REQUIRED') throw { redirectTo: CHANGE_PASSWORD, logoutUser: false, message: false };
    if (error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED') {
      forget();
      throw new Error('mc.error.UNAUTHENTICATED');
    }
  },
  async getIdentity() {
    const m = await currentMe();
    if (!m) throw new Error('ra.auth.auth_check_error');
    return { id: m.id, fullName: m.displayName, loginName: m.loginName, kind: m.kind, roles: m.roles };
  },
  /** The CASL ability (empty when nobody is signed in, so public pages never redirect). */
  async getPermissions() {
    try {
      await currentMe();
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.code === 'UNAUTHENTICATED') forget();
      else throw e;
    }
    return ability;
  },
};
