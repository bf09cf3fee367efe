/**
 * The firm's home. A resident (or a committee member, who is one) gets their own home
 * (ResidentHome: their homes, their open requests, "我要报事"); staff get StaffHome (the modules).
 * Each is its own chunk: a resident's phone never loads the staff catalogue.
 */
import { lazy } from 'react';
import { isResidentOnly, useMe } from '../../app/session';
import { FullPageSpinner } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';

const ResidentHome = lazy(() => import('./ResidentHome'));
const StaffHome = lazy(() => import('./StaffHome'));

export default function HomePage() {
  const t = useT();
  const { data: me } = useMe();
  useDocumentTitle(t('menu.home'));
  if (!me) return <FullPageSpinner />;
  if (isResidentOnly(me)) return <ResidentHome me={me} />;
  return <StaffHome me={me} />;
}
