/**
 * The estate's join QR code, as a notice to print and put up in the lobby: residents scan it to
 * claim their unit (the claim then waits for review). Rotating the code (`estates.manage`) makes
 * every printed copy stop working, e.g. after a notice was misused.
 */
import { App, Button, Card, Flex, Popconfirm, QRCode, Space, Typography } from 'antd';
import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../app/errors';
import { hasCapability, useMe } from '../../../app/session';
import { useT } from '../../../i18n';
import { rotateJoinCode, useEstatesMutation } from '../api';
import type { Estate } from '../types';
import { flush, gapBelow } from '../../../app/tokens';
import { PageTitle } from '../../../components/PageTitle';

// When printing, only the notice shows: the app's frame and buttons stay on screen.
const PRINT_CSS = `
@media print {
  body * { visibility: hidden !important; }
  .estates-join-notice, .estates-join-notice * { visibility: visible !important; }
  .estates-join-notice {
    position: absolute; left: 0; top: 0; width: 100%; max-width: none !important; margin: 0 !important;
    border: 0 !important; box-shadow: none !important;
  }
  .estates-join-notice .ant-typography-copy { display: none !important; }
}
`;

export function joinUrl(code: string, origin = window.location.origin): string {
  return `${origin}/join/${encodeURIComponent(code)}`;
}

export function JoinQrTab({ estate }: { estate: Estate }) {
  const t = useT();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const canRotate = hasCapability(me, 'estates.manage');
  const rotate = useEstatesMutation(() => rotateJoinCode(estate.id));
  const url = joinUrl(estate.join_code);

  return (
    <>
      <style>{PRINT_CSS}</style>
      <Flex gap={8} wrap style={gapBelow}>
        <Button type="primary" icon={<PrinterOutlined />} data-testid="print-join-qr" onClick={() => window.print()}>
          {t('estates.qr.print')}
        </Button>
        {canRotate && (
          <Popconfirm
            title={t('estates.qr.rotateConfirm')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              rotate
                .mutateAsync(undefined)
                .then(() => message.success(t('estates.qr.rotated')))
                .catch((error: unknown) => message.error(errorMessage(error, t)))
            }
          >
            <Button icon={<ReloadOutlined />} loading={rotate.isPending} data-testid="rotate-join-code">
              {t('estates.qr.rotate')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      <Card className="estates-join-notice" data-testid="join-notice" style={{ maxWidth: 520, marginInline: 'auto' }}>
        <Space orientation="vertical" align="center" size="middle" style={{ width: '100%', textAlign: 'center' }}>
          <Typography.Title level={3} style={flush}>
            {estate.name}
          </Typography.Title>
          <PageTitle testId="join-notice-title">{t('estates.qr.notice')}</PageTitle>
          <QRCode value={url} type="svg" size={240} errorLevel="M" data-testid="join-qr" bordered={false} />
          <Typography.Paragraph style={{ margin: 0, fontSize: '1.1em' }}>{t('estates.qr.steps')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={flush}>
            {t('estates.qr.privacy')}
          </Typography.Paragraph>
          <Typography.Text type="secondary" copyable={{ text: url }} style={{ wordBreak: 'break-all' }} data-testid="join-url">
            {url}
          </Typography.Text>
        </Space>
      </Card>
    </>
  );
}
