import type { ReactNode } from 'react';
import '../../../app/plain/plain.css';

/** One step's card (antd's Card in plain markup): every step stays mounted (the form keeps its
 * fields); only one shows. */
export function StepCard({ shown, testId, children }: { shown: boolean; testId: string; children: ReactNode }) {
  return (
    <section className="p-card" style={shown ? undefined : HIDDEN} data-testid={testId}>
      {children}
    </section>
  );
}

const HIDDEN = { display: 'none' } as const;
