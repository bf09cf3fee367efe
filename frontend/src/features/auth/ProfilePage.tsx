import { App, Button, Card, Descriptions, Form, Input, Radio, Space, Switch, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../api/types';
import { FormFailure, useFormModal } from '../../app/useFormModal';
import { usePreferences } from '../../app/preferences';
import { meQueryKey, patchMe, useMe } from '../../app/session';
import { FullPageSpinner } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT, type Locale } from '../../i18n';
import { RoleTags } from '../users/RoleTags';
import { requiredRule } from './rules';
import { gapBelow } from '../../app/tokens';
import { PageTitle } from '../../components/PageTitle';

export default function ProfilePage() {
  const t = useT();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const { locale, setLocale, elderMode, setElderMode } = usePreferences();
  const profile = useFormModal<{ full_name: string }, Me>({
    submit: (values) => patchMe({ full_name: values.full_name.trim() }),
    reset: false,
    onSuccess: (updated) => {
      queryClient.setQueryData(meQueryKey, updated);
      message.success(t('common.saved'));
    },
  });
  const saving = profile.submitting;
  useDocumentTitle(t('profile.title'));

  if (!me) return <FullPageSpinner />;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 640 }}>
      <PageTitle>{t('profile.title')}</PageTitle>
      <Card title={t('profile.account')}>
        <Descriptions
          column={1}
          style={gapBelow}
          items={[
            { key: 'email', label: t('field.email'), children: <span data-testid="profile-email">{me.email}</span> },
            { key: 'roles', label: t('field.role'), children: <RoleTags roles={me.roles} /> },
          ]}
        />
        <FormFailure message={profile.failure} />
        <Form
          form={profile.form}
          layout="vertical"
          initialValues={{ full_name: me.full_name }}
          onFinish={profile.finish}
          disabled={saving}
          requiredMark={false}
        >
          <Form.Item name="full_name" label={t('field.full_name')} rules={[requiredRule(t, 'field.full_name')]}>
            <Input data-testid="field-full_name" autoComplete="name" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="profile-save">
            {t('common.save')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('profile.passwordHint')}
        </Typography.Paragraph>
      </Card>
      <Card title={t('profile.preferences')}>
        <Space orientation="vertical" size="middle">
          <div>
            <Typography.Text id="profile-language-label" strong style={{ display: 'block', marginBottom: 8 }}>
              {t('profile.languageLabel')}
            </Typography.Text>
            <Radio.Group
              aria-labelledby="profile-language-label"
              value={locale}
              onChange={(e) => setLocale(e.target.value as Locale)}
              optionType="button"
              options={[
                { label: '简体中文', value: 'zh-CN' },
                { label: 'English', value: 'en' },
              ]}
            />
          </div>
          <div>
            <Space>
              <Switch id="profile-elder" checked={elderMode} onChange={setElderMode} aria-describedby="profile-elder-hint" />
              <label htmlFor="profile-elder">{t('profile.elderLabel')}</label>
            </Space>
            <Typography.Paragraph id="profile-elder-hint" type="secondary" style={{ margin: '4px 0 0' }}>
              {t('profile.elderHint')}
            </Typography.Paragraph>
          </div>
        </Space>
      </Card>
    </Space>
  );
}
