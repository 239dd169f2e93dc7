import type { ReactNode } from 'react';
import { AppBar, Layout as RaLayout, LoadingIndicator, LocalesMenuButton } from 'react-admin';
import { NotificationBell } from '../notifications';
import { PolicyBanner } from '../policies/PolicyBanner';

const ConsoleAppBar = () => (
  <AppBar
    toolbar={
      <>
        <NotificationBell />
        <LocalesMenuButton />
        <LoadingIndicator />
      </>
    }
  />
);

export const Layout = ({ children }: { children: ReactNode }) => <RaLayout appBar={ConsoleAppBar}>
    <PolicyBanner />
    {children}
  </RaLayout>;
