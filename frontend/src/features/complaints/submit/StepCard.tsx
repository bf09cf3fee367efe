import type { ReactNode } from 'react';
import { Card } from 'antd';

/** One step's card: every step stays mounted (the form keeps its fields); only one shows. */
export function StepCard({ shown, testId, children }: { shown: boolean; testId: string; children: ReactNode }) {
  return (
    <Card style={shown ? undefined : HIDDEN} data-testid={testId}>
      {children}
    </Card>
  );
}

const HIDDEN = { display: 'none' } as const;
