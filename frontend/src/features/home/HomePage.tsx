/**
 * The firm's home. A resident (or a committee member, who is one) gets their own home
 * (ResidentHome: their homes, their open requests, "我要报事"); staff get StaffHome (the modules).
 * Each is its own chunk: a resident's phone never loads the staff catalogue. The route is plain
 * (no antd around it): the resident's home is plain markup, the staff's home loads antd itself.
 */
import { lazy } from 'react';
import { lazyPage } from '../../app/lazyPage';
import { isResidentOnly, useMe } from '../../app/session';
import { FullPageSpinner } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { WithAntd } from '../../app/withAntd';
import { useT } from '../../i18n';

export const ResidentHome = lazyPage(() => import('./ResidentHome'));
const StaffHome = lazy(() => import('./StaffHome'));

export default function HomePage() {
  const t = useT();
  const { data: me } = useMe();
  useDocumentTitle(t('menu.home'));
  if (!me) return <FullPageSpinner />;
  if (isResidentOnly(me)) return <ResidentHome me={me} />;
  return (
    <WithAntd>
      <StaffHome me={me} />
    </WithAntd>
  );
}
