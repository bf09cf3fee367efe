import { Result } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT, type MessageKey } from '../../i18n';

/** A menu entry whose screen is not built yet. */
export default function ComingSoonPage({ title }: { title: MessageKey }) {
  const t = useT();
  useDocumentTitle(t(title));
  return <Result icon={<ClockCircleOutlined />} title={t(title)} subTitle={t('app.comingSoon')} />;
}
