import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { flush } from '../app/tokens';

/** A screen's title (h2, no margin: the page's own gap spaces it). */
export function PageTitle({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Typography.Title level={2} style={flush} data-testid={testId}>
      {children}
    </Typography.Title>
  );
}
