/** Anyone who reads a vote may check a receipt code: counted or not, never what it said. */
import { useState } from 'react';
import { Alert, Button, Card, Input, Space } from 'antd';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { useCheckReceipt } from './api';

export function ReceiptCheck({ vote }: { vote: number }) {
  const t = useT();
  const [code, setCode] = useState('');
  const check = useCheckReceipt(vote);
  return (
    <Card title={t('votes.receipt.title')} size="small" data-testid="receipt-check">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              check.reset();
            }}
            placeholder={t('votes.receipt.placeholder')}
            aria-label={t('votes.receipt.placeholder')}
            data-testid="receipt-input"
            maxLength={40}
            size="large"
          />
          <Button
            size="large"
            type="primary"
            disabled={!code.trim()}
            loading={check.isPending}
            onClick={() => check.mutate(code.trim())}
            data-testid="receipt-submit"
          >
            {t('votes.receipt.check')}
          </Button>
        </Space.Compact>
        {check.data && (
          <Alert
            type={check.data.included ? 'success' : 'warning'}
            showIcon
            data-testid={check.data.included ? 'receipt-included' : 'receipt-missing'}
            title={t(check.data.included ? 'votes.receipt.included' : 'votes.receipt.notIncluded')}
          />
        )}
        {check.isError && <Alert type="error" showIcon title={errorMessage(check.error, t)} />}
      </Space>
    </Card>
  );
}
