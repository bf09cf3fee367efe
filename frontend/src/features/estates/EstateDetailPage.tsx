/**
 * One estate: a bar of sections (tabs) and the chosen one. The section is kept in the address
 * (`?tab=units`) so reload and back work. Sections the user cannot use are not offered; the API
 * scopes and enforces the rest. The bar wraps instead of scrolling, so every section stays one
 * tap away on a phone and in elder mode.
 */
import type { ReactNode } from 'react';
import { Button, Flex, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router';
import type { Me } from '../../api/types';
import { isApiError } from '../../api/client';
import { ButtonLink } from '../../app/ButtonLink';
import { hasAnyCapability, useMe } from '../../app/session';
import { FullPageSpinner, LoadError, NotFound } from '../../app/StatusPages';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useT, type MessageKey } from '../../i18n';
import { useEstate } from './api';
import { CommitteeTab } from './tabs/CommitteeTab';
import { CommonAreasTab } from './tabs/CommonAreasTab';
import { ImportTab } from './tabs/ImportTab';
import { JoinQrTab } from './tabs/JoinQrTab';
import { JoinRequestsTab } from './tabs/JoinRequestsTab';
import { OverviewTab } from './tabs/OverviewTab';
import { PeopleTab } from './tabs/PeopleTab';
import { StaffTab } from './tabs/StaffTab';
import { UnitsTab } from './tabs/UnitsTab';
import type { Estate } from './types';
import { fill } from '../../app/tokens';
import { PageTitle } from '../../components/PageTitle';

interface Section {
  key: string;
  label: MessageKey;
  /** Offered when the user has ANY of these; none means everyone who sees the estate. */
  capabilities?: readonly string[];
  when?: (estate: Estate) => boolean;
  render: (estate: Estate) => ReactNode;
}

export const SECTIONS: readonly Section[] = [
  { key: 'overview', label: 'estates.tab.overview', render: (e) => <OverviewTab estate={e} /> },
  { key: 'units', label: 'estates.tab.units', render: (e) => <UnitsTab estate={e} /> },
  { key: 'common-areas', label: 'estates.tab.commonAreas', render: (e) => <CommonAreasTab estate={e} /> },
  {
    key: 'people',
    label: 'estates.tab.people',
    capabilities: ['people.view', 'people.manage'],
    render: (e) => <PeopleTab estate={e} />,
  },
  {
    key: 'staff',
    label: 'estates.tab.staff',
    capabilities: ['estates.staff.assign', 'people.view'],
    render: (e) => <StaffTab estate={e} />,
  },
  { key: 'committee', label: 'estates.tab.committee', render: (e) => <CommitteeTab estate={e} /> },
  {
    key: 'join-requests',
    label: 'estates.tab.joinRequests',
    capabilities: ['estates.join.review'],
    render: (e) => <JoinRequestsTab estate={e} />,
  },
  { key: 'import', label: 'estates.tab.import', capabilities: ['estates.import'], render: (e) => <ImportTab estate={e} /> },
  {
    key: 'join-qr',
    label: 'estates.tab.joinQr',
    capabilities: ['estates.join.review'],
    when: (e) => !!e.join_code,
    render: (e) => <JoinQrTab estate={e} />,
  },
];

export function visibleSections(me: Pick<Me, 'capabilities'> | null | undefined, estate: Estate): Section[] {
  return SECTIONS.filter((s) => (!s.capabilities || hasAnyCapability(me, s.capabilities)) && (!s.when || s.when(estate)));
}

export default function EstateDetailPage() {
  const t = useT();
  const { id } = useParams();
  const estateId = Number(id);
  const { data: me } = useMe();
  const estate = useEstate(estateId);
  const [params, setParams] = useSearchParams();
  useDocumentTitle(estate.data?.name ?? t('estates.title'));

  if (!Number.isFinite(estateId)) return <NotFound />;
  if (estate.isPending) return <FullPageSpinner />;
  if (estate.isError) {
    if (isApiError(estate.error) && estate.error.status === 404) return <NotFound />;
    return <LoadError error={estate.error} onRetry={() => estate.refetch()} />;
  }

  const data = estate.data;
  const sections = visibleSections(me, data);
  const wanted = params.get('tab');
  const active = sections.find((s) => s.key === wanted) ?? sections[0];
  const place = [data.city, data.district, data.address].filter(Boolean).join(' · ');

  return (
    <Space orientation="vertical" size="middle" style={fill}>
      <div>
        <ButtonLink to="/estates" type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('estates.backToList')}
        </ButtonLink>
        <Flex align="center" gap={8} wrap>
          <PageTitle testId="estate-name">{data.name}</PageTitle>
          <Tag color="blue">{data.code}</Tag>
        </Flex>
        {place && <Typography.Text type="secondary">{place}</Typography.Text>}
      </div>
      <Flex role="tablist" aria-label={t('estates.sections')} wrap gap={8}>
        {sections.map((section) => {
          const selected = section.key === active.key;
          return (
            <Button
              key={section.key}
              role="tab"
              id={`estate-tab-${section.key}`}
              aria-selected={selected}
              aria-controls="estate-tabpanel"
              data-testid={`estate-tab-${section.key}`}
              type={selected ? 'primary' : 'default'}
              autoInsertSpace={false}
              onClick={() =>
                setParams(
                  (prev) => {
                    const next = new URLSearchParams(prev);
                    next.set('tab', section.key);
                    return next;
                  },
                  { replace: true },
                )
              }
            >
              {t(section.label)}
            </Button>
          );
        })}
      </Flex>
      <div
        role="tabpanel"
        id="estate-tabpanel"
        aria-labelledby={`estate-tab-${active.key}`}
        data-testid={`estate-panel-${active.key}`}
      >
        {active.render(data)}
      </div>
    </Space>
  );
}
