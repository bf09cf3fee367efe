/**
 * The filing form (备案): the chair of the current committee, or for a first filing an owner of
 * record, fills in the filing as the street office's receipt says, lists the members and
 * positions, attaches the scanned receipt and sends it to the platform's review queue.
 */
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { gapBelow, space } from '../../app/tokens';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { useRoster, useSubmitFiling } from './api';
import { positionKey } from './shared';
import { POSITIONS, type Filing, type FilingForm, type Member } from './types';

const MB = 1024 * 1024;
export const RECEIPT_MAX = 10 * MB;
const RECEIPT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];

type Values = Omit<FilingForm, 'estate' | 'receipt'>;

/** Why a chosen receipt cannot be sent, or null (the server sniffs it again). */
export function receiptProblem(file: File): 'committee.form.receiptTooBig' | 'committee.form.receiptType' | null {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  const typeOk = RECEIPT_TYPES.includes(file.type) || ['jpg', 'jpeg', 'png', 'pdf'].includes(extension);
  if (!typeOk) return 'committee.form.receiptType';
  if (file.size > RECEIPT_MAX) return 'committee.form.receiptTooBig';
  return null;
}

const EMPTY_MEMBER: Member = { full_name: '', email: '', position: 'member' };

export default function FilingFormPage() {
  const t = useT();
  useDocumentTitle(t('committee.form.title'));
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const initial = Number(params.get('estate'));
  const [estate, setEstate] = useState<number | undefined>(Number.isInteger(initial) && initial > 0 ? initial : undefined);
  const roster = useRoster(estate);
  const [receipt, setReceipt] = useState<File | null>(null);
  const [receiptError, setReceiptError] = useState<string | null>(null);
  const submitFiling = useSubmitFiling();
  const modal = useFormModal<Values, Filing>({
    submit: (values) => submitFiling.mutateAsync({ ...values, estate: estate as number, receipt: receipt as File }),
    onSuccess: () => {
      void message.success(t('committee.form.submitted'));
      navigate('/committee/filings');
    },
    reset: false,
  });
  const blocked = roster.data && !roster.data.can_file;
  const required = [{ required: true, whitespace: true, message: t('committee.form.required') }];

  return (
    <>
      <Typography.Title level={3}>{t('committee.form.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('committee.form.intro')}</Typography.Paragraph>
      <Space style={gapBelow} wrap>
        <EstatePicker value={estate} onChange={setEstate} testId="filing-estate" />
      </Space>
      {blocked && (
        <Alert type="warning" showIcon style={gapBelow} title={t('committee.form.cannotFile')} data-testid="filing-blocked" />
      )}
      {roster.data?.filing_pending && (
        <Alert type="warning" showIcon style={gapBelow} title={t('committee.roster.pending')} data-testid="filing-pending" />
      )}
      <Card>
        <FormFailure message={modal.failure} />
        <Form<Values>
          form={modal.form}
          layout="vertical"
          onFinish={(values) => {
            if (!receipt) {
              setReceiptError(t('committee.form.receiptMissing'));
              return;
            }
            void modal.finish(values);
          }}
          initialValues={{ members: [{ ...EMPTY_MEMBER, position: 'chair' }] }}
          disabled={Boolean(blocked) || Boolean(roster.data?.filing_pending)}
        >
          <Row gutter={space.md}>
            <Col xs={24} md={12}>
              <Form.Item name="number" label={t('committee.field.number')} rules={required}>
                <Input data-testid="field-number" maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="street_authority" label={t('committee.field.streetAuthority')} rules={required}>
                <Input data-testid="field-street_authority" maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="housing_authority" label={t('committee.field.housingAuthority')} rules={required}>
                <Input data-testid="field-housing_authority" maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="election_date" label={t('committee.field.electionDate')} rules={required}>
                <Input type="date" data-testid="field-election_date" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="filed_on" label={t('committee.field.filedOn')} rules={required}>
                <Input type="date" data-testid="field-filed_on" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="term_start" label={t('committee.field.termStart')} rules={required}>
                <Input type="date" data-testid="field-term_start" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="term_end" label={t('committee.field.termEnd')} rules={required}>
                <Input type="date" data-testid="field-term_end" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={5}>{t('committee.field.members')}</Typography.Title>
          <Form.List
            name="members"
            rules={[
              {
                validator: async (_, members?: Member[]) => {
                  if ((members ?? []).filter((m) => m?.position === 'chair').length !== 1) {
                    throw new Error(t('committee.form.oneChair'));
                  }
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Row gutter={space.sm} key={field.key} align="top" data-testid={`member-${index}`}>
                    <Col xs={24} sm={7}>
                      <Form.Item name={[field.name, 'full_name']} label={t('committee.field.fullName')} rules={required}>
                        <Input data-testid={`field-members-${index}-full_name`} maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={9}>
                      <Form.Item
                        name={[field.name, 'email']}
                        label={t('committee.field.email')}
                        rules={[...required, { type: 'email', message: t('committee.field.email') }]}
                      >
                        <Input type="email" data-testid={`field-members-${index}-email`} />
                      </Form.Item>
                    </Col>
                    <Col xs={18} sm={6}>
                      <Form.Item name={[field.name, 'position']} label={t('committee.field.position')} rules={required}>
                        <Select
                          data-testid={`field-members-${index}-position`}
                          options={POSITIONS.map((p) => ({ value: p, label: t(positionKey(p)) }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={6} sm={2}>
                      <Form.Item label=" ">
                        <Button
                          type="text"
                          icon={<MinusCircleOutlined />}
                          aria-label={t('committee.form.removeMember')}
                          data-testid={`member-remove-${index}`}
                          disabled={fields.length === 1}
                          onClick={() => remove(field.name)}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ ...EMPTY_MEMBER })}
                  data-testid="member-add"
                  style={gapBelow}
                >
                  {t('committee.form.addMember')}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item
            label={t('committee.field.receipt')}
            required
            validateStatus={receiptError ? 'error' : undefined}
            help={
              receiptError ??
              (receipt ? t('committee.form.receiptChosen', { name: receipt.name }) : t('committee.form.receiptHint'))
            }
          >
            <input
              type="file"
              accept="image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf"
              data-testid="field-receipt"
              aria-label={t('committee.field.receipt')}
              onChange={(event) => {
                const file = event.target.files?.[0] ?? null;
                const problem = file ? receiptProblem(file) : null;
                setReceiptError(problem ? t(problem) : null);
                setReceipt(problem ? null : file);
              }}
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={modal.submitting}
            disabled={estate === undefined || Boolean(blocked) || Boolean(roster.data?.filing_pending)}
            data-testid="filing-submit"
          >
            {t('committee.form.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
