/**
 * The committee starts an inspection round on a phone: estate, template, area, then "start".
 * The round's idempotency key is made once (crypto.randomUUID) and kept in localStorage until the
 * server answers, so a retry after a lost reply opens the same round instead of a second one.
 */
import { useState } from 'react';
import { Alert, Button, Flex, Input, Select } from 'antd';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../app/errors';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PageTitle } from '../../components/PageTitle';
import { useT } from '../../i18n';
import { EstatePicker } from '../complaints/EstatePicker';
import { useCommonAreas } from '../estates/api';
import { startRound, useTemplates } from './api';
import { lineLabel } from './ui';

const PENDING = 'linli.supervision.startKey';

export function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function pendingKey(): string {
  const kept = localStorage.getItem(PENDING);
  if (kept) return kept;
  const key = newKey();
  localStorage.setItem(PENDING, key);
  return key;
}

export default function InspectPage() {
  const t = useT();
  const navigate = useNavigate();
  useDocumentTitle(t('supervision.inspect.title'));
  const [estate, setEstate] = useState<number | undefined>();
  const [template, setTemplate] = useState<number | undefined>();
  const [area, setArea] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const templates = useTemplates(estate);
  const areas = useCommonAreas(estate);
  const start = async () => {
    if (estate === undefined || template === undefined) return;
    setBusy(true);
    setProblem(null);
    try {
      const round = await startRound({ estate, template, area: area.trim(), key: pendingKey() });
      localStorage.removeItem(PENDING);
      void navigate(`/supervision/rounds/${round.id}`);
    } catch (error) {
      setProblem(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={12} style={{ maxWidth: 480 }}>
      <PageTitle>{t('supervision.inspect.title')}</PageTitle>
      <EstatePicker
        value={estate}
        onChange={(value) => {
          setEstate(value);
          setTemplate(undefined);
        }}
        testId="inspect-estate"
      />
      <Select<number>
        data-testid="inspect-template"
        aria-label={t('supervision.field.template')}
        placeholder={t('supervision.field.template')}
        value={template}
        loading={templates.isPending}
        onChange={setTemplate}
        size="large"
        options={(templates.data?.results ?? []).map((tpl) => ({
          value: tpl.id,
          label: `${lineLabel(t, tpl.service_line)} · ${tpl.name}`,
        }))}
      />
      <Input
        data-testid="inspect-area"
        list="inspect-area-names"
        size="large"
        placeholder={t('supervision.field.areaInput')}
        aria-label={t('supervision.field.areaInput')}
        value={area}
        maxLength={100}
        onChange={(e) => setArea(e.target.value)}
      />
      {/* the estate's named areas: a finding in one goes to the manager responsible for it */}
      <datalist id="inspect-area-names" data-testid="inspect-area-names">
        {(areas.data?.results ?? []).map((a) => (
          <option key={a.id} value={a.name} />
        ))}
      </datalist>
      {problem && <Alert type="error" showIcon title={problem} data-testid="inspect-error" />}
      <Button
        type="primary"
        size="large"
        block
        data-testid="inspect-start"
        disabled={estate === undefined || template === undefined}
        loading={busy}
        onClick={() => void start()}
      >
        {t('supervision.inspect.start')}
      </Button>
    </Flex>
  );
}
