import { Button, Card, Descriptions, Flex, Space } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { FullPageSpinner, LoadError, NotFound } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import { isApiError } from '../../api/client';
import { useFirm } from './api';
import { FirmActions } from './FirmActions';
import { FirmOffboardingCard } from './FirmOffboardingCard';
import { FirmStatusTag, ProvisioningTag } from './FirmTags';
import { ProvisioningStatus } from './ProvisioningStatus';
import { PageTitle } from '../../components/PageTitle';
import { FirmOnboardingCard } from '../support/FirmOnboardingCard';
import { FirmSupportCard } from '../support/FirmSupportCard';

export default function FirmDetailPage() {
  const t = useT();
  const locale = useLocale();
  const { id } = useParams();
  const firmId = Number(id);
  const firm = useFirm(firmId);
  useDocumentTitle(firm.data?.name ?? t('firms.detailTitle'));

  if (!Number.isInteger(firmId)) return <NotFound />;
  if (firm.isPending) return <FullPageSpinner />;
  if (firm.isError) {
    return isApiError(firm.error) && firm.error.status === 404 ? (
      <NotFound />
    ) : (
      <LoadError error={firm.error} onRetry={() => firm.refetch()} />
    );
  }
  const f = firm.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 900 }}>
      <Link to="/platform/firms">
        <ArrowLeftOutlined /> {t('wizard.toList')}
      </Link>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <PageTitle testId="firm-name">{f.name}</PageTitle>
        <Space wrap>
          {f.url && f.provisioning_status === 'ready' && (
            <Button href={f.url} target="_blank" rel="noopener noreferrer">
              {t('firms.open')}
            </Button>
          )}
          <FirmActions firm={f} size="middle" />
        </Space>
      </Flex>
      {f.provisioning_status !== 'ready' && (
        <Card>
          <ProvisioningStatus firm={f} />
        </Card>
      )}
      <Card title={t('firms.detailTitle')}>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'slug', label: t('field.slug'), children: f.slug },
            {
              key: 'url',
              label: t('firms.domain'),
              children:
                f.provisioning_status === 'ready' && f.url ? (
                  <a href={f.url} target="_blank" rel="noopener noreferrer" data-testid="firm-url">
                    {f.url}
                  </a>
                ) : (
                  f.domain || t('common.none')
                ),
            },
            { key: 'status', label: t('firms.status'), children: <FirmStatusTag status={f.status} /> },
            {
              key: 'provisioning',
              label: t('firms.provisioning'),
              children: <ProvisioningTag status={f.provisioning_status} />,
            },
            { key: 'schema', label: t('firms.schemaName'), children: <code>{f.schema_name}</code> },
            { key: 'created', label: t('firms.createdAt'), children: formatDateTime(f.created_at, locale) },
            { key: 'contact_name', label: t('field.contact_name'), children: f.contact_name || t('common.none') },
            { key: 'contact_email', label: t('field.contact_email'), children: f.contact_email || t('common.none') },
            { key: 'contact_phone', label: t('field.contact_phone'), children: f.contact_phone || t('common.none') },
            { key: 'admin_email', label: t('firms.adminEmail'), children: f.admin_email || t('common.none') },
          ]}
        />
      </Card>
      {f.provisioning_status === 'ready' && f.status === 'active' && <FirmOnboardingCard firmId={f.id} />}
      {f.provisioning_status === 'ready' && f.status !== 'deleted' && <FirmSupportCard firmId={f.id} />}
      {f.provisioning_status === 'ready' && <FirmOffboardingCard firm={f} />}
    </Space>
  );
}
