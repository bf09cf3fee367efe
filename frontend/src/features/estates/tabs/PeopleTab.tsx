/**
 * Owners and occupants of the estate. Phones come masked unless the user may see them (the API
 * decides). With `people.manage`: record a person and link them to a unit in one go, link an
 * existing person, end a link (sale, move-out: history is kept), and create an account, in
 * "assisted" mode for elderly residents: the invitation link is then shown as text and a QR code
 * for staff to hand over in person.
 */
import { useState } from 'react';
import {
  App,
  Button,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  QRCode,
  Radio,
  Result,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { LinkOutlined, UserAddOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../app/errors';
import { FormFailure, useFormModal } from '../../../app/useFormModal';
import { hasCapability, useMe } from '../../../app/session';
import { LoadError } from '../../../app/StatusPages';
import { useT } from '../../../i18n';
import { emailRules, requiredRule, trimEmail } from '../../auth/rules';
import {
  createAccount,
  createPerson,
  endLink,
  linkOccupant,
  linkOwner,
  PAGE_SIZE,
  useEstatesMutation,
  usePeople,
  type PeopleFilters,
} from '../api';
import { UnitPicker } from '../components/UnitPicker';
import { formatShare, relationLabel, todayIso } from '../labels';
import { RELATIONS, type AccountCreated, type Estate, type JoinRelation, type Person } from '../types';
import { fill } from '../../../app/tokens';

const PHONE = /^\+?[0-9 -]{5,20}$/;

/** A link is current until its end date has passed. */
const isCurrent = (link: { until: string | null }, today = todayIso()) => !link.until || link.until >= today;

export function PeopleTab({ estate }: { estate: Estate }) {
  const t = useT();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const canManage = hasCapability(me, 'people.manage');
  const [filters, setFilters] = useState<PeopleFilters>({ search: '', page: 1 });
  // On a phone the actions sit under the name instead of in a last column off screen.
  const narrow = Grid.useBreakpoint().sm === false;
  const [recording, setRecording] = useState(false);
  const [linking, setLinking] = useState<Person | null>(null);
  const [account, setAccount] = useState<Person | null>(null);
  const people = usePeople(estate.id, filters);
  // Within one estate "YG01-1-101" says no more than "1-101".
  const unitLabel = (label: string) => (label.startsWith(`${estate.code}-`) ? label.slice(estate.code.length + 1) : label);
  const end = useEstatesMutation(({ person, unit }: { person: number; unit: number }) => endLink(person, { unit }));

  const columns: TableColumnsType<Person> = [
    {
      title: t('estates.person.full_name'),
      dataIndex: 'full_name',
      render: (_, person) => (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong>{person.full_name}</Typography.Text>
          {(person.has_account || person.assisted) && (
            <Space size={4} wrap>
              {person.has_account && <Tag color="green">{t('estates.person.hasAccount')}</Tag>}
              {person.assisted && <Tag color="gold">{t('estates.person.assisted')}</Tag>}
            </Space>
          )}
          {canManage && narrow && actions(person)}
        </Space>
      ),
    },
    { title: t('estates.person.phone'), dataIndex: 'phone', render: (p: string) => p || t('common.none') },
    {
      title: t('estates.person.units'),
      key: 'units',
      render: (_, person) => {
        const links = [
          ...person.owned_units
            .filter((l) => isCurrent(l))
            .map((l) => ({
              unit: l.unit_id,
              label: unitLabel(l.unit_label),
              text: `${t('estates.relation.owner')}${l.share ? ` ${formatShare(l.share)}` : ''}`,
              color: 'blue',
            })),
          ...person.occupied_units
            .filter((l) => isCurrent(l))
            .map((l) => ({
              unit: l.unit_id,
              label: unitLabel(l.unit_label),
              text: relationLabel(t, l.kind),
              color: l.kind === 'tenant' ? 'purple' : 'cyan',
            })),
        ];
        if (!links.length) return <Typography.Text type="secondary">{t('estates.person.noLinks')}</Typography.Text>;
        return (
          <Space orientation="vertical" size={4}>
            {links.map((link) => (
              <Space key={`${link.unit}-${link.text}`} size={4} wrap>
                <Tag color={link.color}>
                  {link.label} · {link.text}
                </Tag>
                {canManage && (
                  <Popconfirm
                    title={t('estates.person.endLinkConfirm', { name: person.full_name, unit: link.label })}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() =>
                      end
                        .mutateAsync({ person: person.id, unit: link.unit })
                        .then(() => message.success(t('estates.person.linkEnded')))
                        .catch((error: unknown) => message.error(errorMessage(error, t)))
                    }
                  >
                    <Button size="small" type="link" danger data-testid={`end-link-${person.id}-${link.unit}`}>
                      {t('estates.person.endLink')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ))}
          </Space>
        );
      },
    },
  ];
  if (canManage && !narrow) {
    columns.push({ title: t('common.actions'), key: 'actions', render: (_, person) => actions(person) });
  }

  function actions(person: Person) {
    return (
      <Space wrap size={4}>
        <Button size="small" icon={<LinkOutlined />} data-testid={`link-person-${person.id}`} onClick={() => setLinking(person)}>
          {t('estates.person.link')}
        </Button>
        {!person.has_account && (
          <Button
            size="small"
            icon={<UserAddOutlined />}
            data-testid={`account-person-${person.id}`}
            onClick={() => setAccount(person)}
          >
            {t('estates.person.createAccount')}
          </Button>
        )}
      </Space>
    );
  }

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <Flex gap={8} wrap justify="space-between">
        <Input.Search
          allowClear
          data-testid="people-search"
          aria-label={t('estates.person.search')}
          placeholder={t('estates.person.search')}
          style={{ flex: '1 1 220px', maxWidth: 360 }}
          onSearch={(search) => setFilters({ search: search.trim(), page: 1 })}
        />
        {canManage && (
          <Button type="primary" icon={<UserAddOutlined />} data-testid="record-person" onClick={() => setRecording(true)}>
            {t('estates.person.record')}
          </Button>
        )}
      </Flex>
      {people.isError ? (
        <LoadError error={people.error} onRetry={() => people.refetch()} />
      ) : (
        <Table<Person>
          rowKey="id"
          size="middle"
          data-testid="people-table"
          columns={columns}
          dataSource={people.data?.results ?? []}
          loading={people.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('estates.person.empty') }}
          onRow={(person) => ({ 'data-testid': `person-row-${person.id}` }) as Record<string, string>}
          pagination={{
            current: filters.page,
            pageSize: PAGE_SIZE,
            total: people.data?.count ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page) => setFilters((f) => ({ ...f, page })),
          }}
        />
      )}
      {recording && <PersonModal estate={estate} onClose={() => setRecording(false)} />}
      {linking && <PersonModal estate={estate} person={linking} onClose={() => setLinking(null)} />}
      {account && <AccountModal person={account} onClose={() => setAccount(null)} />}
    </Space>
  );
}

interface PersonValues {
  full_name: string;
  phone?: string;
  email?: string;
  id_number?: string;
  unit: number;
  relation: JoinRelation;
  share?: number | null;
}

/** Record a new person and link them to a unit, or (with `person`) link an existing one. */
function PersonModal({ estate, person, onClose }: { estate: Estate; person?: Person; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  // A person recorded before a failed link: a retry only links them, never records them twice.
  const [recorded, setRecorded] = useState<Person | null>(person ?? null);
  const save = useEstatesMutation(async (values: PersonValues) => {
    let target = recorded;
    if (!target) {
      target = await createPerson({
        full_name: values.full_name.trim(),
        phone: (values.phone ?? '').trim(),
        email: (values.email ?? '').trim(),
        id_number: (values.id_number ?? '').trim(),
      });
      setRecorded(target);
    }
    if (values.relation === 'owner') {
      return linkOwner(target.id, {
        unit: values.unit,
        share: values.share === null || values.share === undefined ? null : Number(values.share).toFixed(2),
      });
    }
    return linkOccupant(target.id, { unit: values.unit, kind: values.relation });
  });
  const modal = useFormModal<PersonValues, Person>({
    submit: (values) => save.mutateAsync(values),
    reset: false,
    aliases: { kind: 'relation' },
    onSuccess: (saved) => {
      message.success(
        person ? t('estates.person.linked', { name: saved.full_name }) : t('estates.person.recorded', { name: saved.full_name }),
      );
      onClose();
    },
  });
  const form = modal.form;
  const relation = Form.useWatch('relation', form);

  const isNew = !person;
  return (
    <Modal
      open
      title={person ? t('estates.person.linkTitle', { name: person.full_name }) : t('estates.person.record')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={modal.submit}
      onCancel={onClose}
      confirmLoading={modal.submitting}
      okButtonProps={{ 'data-testid': 'person-submit' } as Record<string, string>}
    >
      <FormFailure message={modal.failure} />
      <Form form={form} layout="vertical" initialValues={{ relation: 'owner' }} requiredMark="optional" onFinish={modal.submit}>
        {isNew && (
          <>
            <Form.Item
              name="full_name"
              label={t('estates.person.full_name')}
              rules={[requiredRule(t, 'estates.person.full_name'), { max: 100 }]}
            >
              <Input data-testid="field-full_name" autoComplete="off" disabled={!!recorded} />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t('estates.person.phone')}
              rules={[{ pattern: PHONE, message: t('validation.phone') }]}
            >
              <Input data-testid="field-phone" inputMode="tel" autoComplete="off" disabled={!!recorded} />
            </Form.Item>
            <Form.Item
              name="email"
              label={t('estates.person.email')}
              normalize={trimEmail}
              rules={[{ type: 'email', message: t('validation.email') }]}
            >
              <Input data-testid="field-email" inputMode="email" autoComplete="off" disabled={!!recorded} />
            </Form.Item>
            <Form.Item
              name="id_number"
              label={t('estates.person.id_number')}
              rules={[{ pattern: /^[0-9Xx]{15,18}$/, message: t('estates.validation.idNumber') }]}
            >
              <Input data-testid="field-id_number" autoComplete="off" disabled={!!recorded} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="unit"
          label={t('estates.person.unit')}
          rules={[{ required: true, message: t('validation.required', { field: t('estates.person.unit') }) }]}
        >
          <UnitPicker estate={estate.id} />
        </Form.Item>
        <Form.Item name="relation" label={t('estates.person.relation')} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="field-relation"
            optionType="button"
            buttonStyle="solid"
            options={RELATIONS.map((r) => ({ value: r, label: relationLabel(t, r) }))}
          />
        </Form.Item>
        {relation === 'owner' && (
          <Form.Item name="share" label={t('estates.person.share')} extra={t('estates.person.shareHint')}>
            <InputNumber data-testid="field-share" min={0.01} max={100} precision={2} suffix="%" style={fill} />
          </Form.Item>
        )}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

interface AccountValues {
  email: string;
  assisted: boolean;
}

function AccountModal({ person, onClose }: { person: Person; onClose: () => void }) {
  const t = useT();
  const [created, setCreated] = useState<AccountCreated | null>(null);
  const create = useEstatesMutation((values: AccountValues) => createAccount(person.id, values));
  const modal = useFormModal<AccountValues, AccountCreated>({
    submit: (values) => create.mutateAsync({ email: values.email.trim(), assisted: !!values.assisted }),
    // the handover below still names the e-mail
    reset: false,
    onSuccess: setCreated,
  });
  const form = modal.form;

  if (created) {
    const link = created.invitation_link;
    return (
      <Modal
        open
        title={t('estates.account.createdTitle', { name: person.full_name })}
        onCancel={onClose}
        footer={
          <Button type="primary" onClick={onClose} data-testid="account-done">
            {t('estates.account.done')}
          </Button>
        }
      >
        {link ? (
          <Space orientation="vertical" align="center" style={fill} data-testid="invitation-handover">
            <Typography.Paragraph>{t('estates.account.handover')}</Typography.Paragraph>
            <QRCode value={link} type="svg" size={220} data-testid="invitation-qr" />
            <Typography.Paragraph
              copyable={{ text: link }}
              data-testid="invitation-link"
              style={{ wordBreak: 'break-all', textAlign: 'center' }}
            >
              {link}
            </Typography.Paragraph>
          </Space>
        ) : (
          <Result status="success" title={t('estates.account.emailed', { email: form.getFieldValue('email') as string })} />
        )}
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('estates.account.title', { name: person.full_name })}
      okText={t('estates.account.submit')}
      cancelText={t('common.cancel')}
      onOk={modal.submit}
      onCancel={onClose}
      confirmLoading={modal.submitting}
      okButtonProps={{ 'data-testid': 'account-submit' } as Record<string, string>}
    >
      <FormFailure message={modal.failure} />
      <Form form={form} layout="vertical" initialValues={{ email: person.email, assisted: false }} onFinish={modal.submit}>
        <Form.Item
          name="email"
          label={t('estates.person.email')}
          normalize={trimEmail}
          rules={emailRules(t, 'estates.person.email')}
        >
          <Input data-testid="field-email" inputMode="email" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="assisted"
          label={t('estates.account.assisted')}
          valuePropName="checked"
          extra={t('estates.account.assistedHint')}
        >
          <Switch data-testid="field-assisted" />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
