import { useQuery } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { GraphQLRequestError } from '../graphql';
import { allRoles, myStorePermissions, permissionCatalogue, roleTemplates } from './api';

export const TEAM_KEYS = {
  catalogue: ['team', 'catalogue'],
  templates: ['team', 'templates'],
  held: ['team', 'myStorePermissions'],
  roles: ['team', 'roles'],
  invitations: ['team', 'invitations'],
} as const;

export const useCatalogue = () => useQuery({ queryKey: TEAM_KEYS.catalogue, queryFn: permissionCatalogue, staleTime: Infinity });
export const useTemplates = () => useQuery({ queryKey: TEAM_KEYS.templates, queryFn: roleTemplates, staleTime: Infinity });
/** The actor's own store permissions, fresh on each mount (roles may change under it). */
export const useHeld = () => useQuery({ queryKey: TEAM_KEYS.held, queryFn: myStorePermissions, staleTime: 0 });
export const useAllRoles = () => useQuery({ queryKey: TEAM_KEYS.roles, queryFn: allRoles });

/** Shows a failed call as a translated notification; the server's text (English) goes alongside for CONFLICT/FORBIDDEN details. */
export function useNotifyError() {
  const notify = useNotify();
  return (e: unknown) => {
    if (e instanceof GraphQLRequestError) notify(e.message, { type: 'error', messageArgs: { _: e.message } });
    else notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
  };
}
