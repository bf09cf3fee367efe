/**
 * One committee filing in the platform's review queue: what was filed, the members, the
 * scanned receipt (served to platform admins only), and the decision: confirm (the members take
 * their seats, replacing the roster) or reject with a reason the submitter reads.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { errorMessage } from '../../app/errors';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { gapBelow, space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import { useConfirmFiling, useFilingReview, useRejectFiling } from '../committee/api';
import { FilingStatusTag, positionKey, useDates } from '../committee/shared';
import type { Member, PlatformFiling } from '../committee/types';

function Receipt({ filing }: { filing: PlatformFiling }) {
  const t = useT();
  if (filing.receipt_type === 'application/pdf') {
    return (
      <a href={filing.receipt_url} target="_blank" rel="noreferrer" data-testid="receipt-link">
        {t('committee.review.openPdf')}
      </a>
    );
  }
  return (
    <Space orientation="vertical">
      <img
        src={filing.receipt_url}
        alt={t('committee.review.receipt')}
        data-testid="receipt-image"
        style={{ maxWidth: '100%', maxHeight: 640, minWidth: 48, minHeight: 48, border: '1px solid #f0f0f0' }}
      />
      <a href={filing.receipt_url} target="_blank" rel="noreferrer" data-testid="receipt-link">
        {t('committee.review.openImage')}
      </a>
    </Space>
  );
}

function RejectModal({ filing, open, onClose }: { filing: PlatformFiling; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const reject = useRejectFiling(filing.id);
  const modal = useFormModal<{ reason: string }, PlatformFiling>({
    submit: (values) => reject.mutateAsync(values.reason),
    onSuccess: () => {
      void message.success(t('committee.review.rejected'));
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('committee.review.rejectTitle')}
      onOk={modal.submit}
      okButtonProps={{ danger: true, 'data-testid': 'reject-save' }}
      okText={t('committee.review.reject')}
      confirmLoading={modal.submitting}
      onCancel={() => {
        modal.cancel();
        onClose();
      }}
      destroyOnHidden
    >
      <FormFailure message={modal.failure} />
      <Form form={modal.form} layout="vertical" onFinish={modal.submit}>
        <Form.Item
          name="reason"
          label={t('committee.review.rejectReason')}
          rules={[{ required: true, whitespace: true, message: t('committee.form.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="field-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function FilingReviewPage() {
  const t = useT();
  useDocumentTitle(t('committee.review.title'));
  const { message } = App.useApp();
  const dates = useDates();
  const id = Number(useParams().id);
  const review = useFilingReview(id);
  const confirm = useConfirmFiling(id);
  const [rejecting, setRejecting] = useState(false);
  const filing = review.data;

  const back = (
    <Link to="/platform/filings" data-testid="review-back">
      {t('committee.review.back')}
    </Link>
  );
  if (!filing) {
    return (
      <>
        {back}
        <Card loading={review.isPending} style={{ marginTop: space.md }}>
          {review.isError && <Alert type="error" showIcon title={errorMessage(review.error, t)} />}
        </Card>
      </>
    );
  }
  const term = t('committee.term', { start: dates.date(filing.term_start), end: dates.date(filing.term_end) });
  return (
    <>
      {back}
      <Typography.Title level={3}>
        {filing.estate_name} · {filing.number}
      </Typography.Title>
      <Space style={gapBelow} wrap>
        <FilingStatusTag status={filing.status} />
        {filing.filed_late && <Tag color="warning">{t('committee.filings.late')}</Tag>}
        {filing.reviewed_at && (
          <Typography.Text type="secondary">
            {t('committee.review.reviewedBy', { name: filing.reviewed_by_name || '—', at: dates.moment(filing.reviewed_at) })}
          </Typography.Text>
        )}
      </Space>
      {filing.status === 'rejected' && (
        <Alert
          type="error"
          showIcon
          style={gapBelow}
          title={t('committee.filings.reason', { reason: filing.reason })}
          data-testid="review-reason"
        />
      )}
      {filing.status === 'pending' && (
        <Space style={gapBelow} wrap>
          <Popconfirm
            title={t('committee.review.confirmAsk', { estate: filing.estate_name })}
            okButtonProps={{ 'data-testid': 'confirm-ok' }}
            onConfirm={() =>
              confirm.mutateAsync().then(
                () => void message.success(t('committee.review.confirmed')),
                (error: unknown) => void message.error(errorMessage(error, t)),
              )
            }
          >
            <Button type="primary" loading={confirm.isPending} data-testid="filing-confirm">
              {t('committee.review.confirm')}
            </Button>
          </Popconfirm>
          <Button danger onClick={() => setRejecting(true)} data-testid="filing-reject">
            {t('committee.review.reject')}
          </Button>
        </Space>
      )}
      <Row gutter={[space.md, space.md]}>
        <Col xs={24} xl={12}>
          <Card>
            <Descriptions size="small" column={1} data-testid="review-details">
              <Descriptions.Item label={t('committee.field.firm')}>{filing.firm_name}</Descriptions.Item>
              <Descriptions.Item label={t('committee.field.estate')}>{filing.estate_name}</Descriptions.Item>
              <Descriptions.Item label={t('committee.field.number')}>{filing.number}</Descriptions.Item>
              <Descriptions.Item label={t('committee.field.streetAuthority')}>{filing.street_authority}</Descriptions.Item>
              <Descriptions.Item label={t('committee.field.housingAuthority')}>{filing.housing_authority}</Descriptions.Item>
              <Descriptions.Item label={t('committee.field.electionDate')}>{dates.date(filing.election_date)}</Descriptions.Item>
              <Descriptions.Item label={t('committee.field.filedOn')}>{dates.date(filing.filed_on)}</Descriptions.Item>
              <Descriptions.Item label={t('committee.field.term')}>{term}</Descriptions.Item>
              <Descriptions.Item label={t('committee.field.submittedBy')}>
                {filing.submitted_by_name} · {t(`committee.filedAs.${filing.submitted_as}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('committee.field.submittedAt')}>{dates.moment(filing.created_at)}</Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{t('committee.field.members')}</Typography.Title>
            <Table<Member>
              rowKey="email"
              size="small"
              pagination={false}
              dataSource={filing.members}
              data-testid="review-members"
              columns={[
                { title: t('committee.field.fullName'), dataIndex: 'full_name' },
                { title: t('committee.field.position'), dataIndex: 'position', render: (p: string) => t(positionKey(p)) },
                { title: t('committee.field.email'), dataIndex: 'email' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('committee.review.receipt')}>
            <Receipt filing={filing} />
          </Card>
        </Col>
      </Row>
      <RejectModal filing={filing} open={rejecting} onClose={() => setRejecting(false)} />
    </>
  );
}
