import { Box } from '@mui/material';
import type { ReactNode } from 'react';
import { AppBar, Layout as RaLayout, LoadingIndicator, LocalesMenuButton } from 'react-admin';
import { NotificationBell } from '../notifications';
import { PolicyBanner } from '../policies/PolicyBanner';
import { Menu } from './Menu';

const ConsoleAppBar = () => (
  <AppBar
    toolbar={
      <>
        <NotificationBell />
        {/* Language names as written ("English", "简体中文"), not upper-cased by the button style. */}
        <Box sx={{ '& .MuiButton-root': { textTransform: 'none' } }}>
          <LocalesMenuButton />
        </Box>
        <LoadingIndicator />
      </>
    }
  />
);

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout appBar={ConsoleAppBar} menu={Menu}>
    <PolicyBanner />
    {children}
  </RaLayout>
);
