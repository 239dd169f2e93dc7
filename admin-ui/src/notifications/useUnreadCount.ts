import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import { tokenStore } from '../graphql';
import type { ConsoleDataProvider } from '../providers/dataProvider';

/** Shares react-admin's cache prefix for the resource, so refreshing the inbox refreshes the badge too. */
const UNREAD_COUNT_KEY = ['notifications', 'unreadCount'];

/** The actor's unread notification count, polled every 30 s while signed in (not asked for on the sign-in page). */
export function useUnreadCount(): number | undefined {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { data } = useQuery({
    queryKey: UNREAD_COUNT_KEY,
    queryFn: () => dataProvider.unreadNotificationCount(),
    refetchInterval: 30_000,
    enabled: tokenStore.get() !== null,
  });
  return data;
}
