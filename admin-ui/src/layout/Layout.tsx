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

/**
 * The frame and the content column may shrink below their widest table (react-admin's root is
 * `fit-content` by default) and every list's table
 * scrolls inside its card: on a 390 px phone the page itself never scrolls sideways.
 */
const CONTENT = {
  minWidth: 0,
  '& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content': { minWidth: 0 },
  '& .RaList-main, & .RaList-actions': { minWidth: 0, maxWidth: '100%' },
  '& .RaList-actions form': { flexWrap: 'wrap', minWidth: 0 },
  '& .RaList-content': { overflowX: 'auto' },
  '& .RaFilterForm-filterFormInput': { maxWidth: '100%', minWidth: 0 },
};

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout appBar={ConsoleAppBar} menu={Menu} sx={CONTENT}>
    <PolicyBanner />
    {children}
  </RaLayout>
);
