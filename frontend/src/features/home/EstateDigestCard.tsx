/**
 * "小区公示" on the resident's home, one card per estate where they have a home: the estate's
 * latest published public-income statement (period, income, expenses, balance, when it was
 * published, a link to it) and its latest published service score (with the change since the
 * score before, and a link to the page that explains it). Nothing for an estate with neither.
 *
 * Plain markup (src/app/plain/), no antd: it is on the resident's first screen. Its reads are
 * the existing lists (a resident gets only their own estates' published rows) and, for the
 * figures, the statement itself under the statement page's own cache key, so opening the
 * statement from here draws it at once.
 */
import { useQuery } from '@tanstack/react-query';
import { PlainButtonLink, PlainCard, PlainTag } from '../../app/plain/parts';
import { colour, space } from '../../app/tokens';
import { useLocale, useT, type Locale, type TFunction } from '../../i18n';
import { formatDate, formatMoney, formatNumber } from '../../i18n/format';
import type { Statement } from '../disclosure/types';
import type { EstateScore } from '../scoring/types';
import { latestScoresQuery, latestStatement, publishedStatementsQuery, statementQuery } from './queries';

/** "2026 年 9 月", "2026 年第三季度", else "2026/09/03 至 2026/10/02": a calendar month or
 * quarter is said as people say it. Dates are ISO days ("2026-07-01"). */
export function periodLabel(t: TFunction, locale: Locale, start: string, end: string): string {
  const [ys, ms, ds] = start.split('-').map(Number);
  const [ye, me, de] = end.split('-').map(Number);
  const lastDay = new Date(Date.UTC(ye, me, 0)).getUTCDate();
  if (ys === ye && ds === 1 && de === lastDay) {
    if (ms === me) return t('home.period.month', { year: String(ys), month: String(ms) });
    if (me - ms === 2 && ms % 3 === 1) return t('home.period.quarter', { year: String(ys), quarter: String((ms + 2) / 3) });
  }
  return t('home.period.range', { start: formatDate(start, locale), end: formatDate(end, locale) });
}

/** The latest score's change since the one before, in points (2 decimals); null when either
 * has no score or there is no earlier one. */
export function scoreChange(latest: EstateScore, previous: EstateScore | undefined): number | null {
  if (!previous || latest.score === null || previous.score === null) return null;
  return Math.round((Number(latest.score) - Number(previous.score)) * 100) / 100;
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div style={{ flex: '1 1 6.5em', minWidth: 0 }}>
      <span className="p-muted" style={{ display: 'block', fontSize: '0.9em' }}>
        {label}
      </span>
      <strong data-testid={testId} style={{ fontSize: '1.1em', whiteSpace: 'nowrap' }}>
        {value}
      </strong>
    </div>
  );
}

function StatementPart({ statement }: { statement: Statement }) {
  const t = useT();
  const locale = useLocale();
  const detail = useQuery(statementQuery(statement.id));
  const summary = detail.data?.summary;
  const money = (value: string | undefined) => formatMoney(value ?? '0', locale);
  const id = statement.estate;
  return (
    <div data-testid={`home-statement-${id}`} style={{ display: 'flex', flexDirection: 'column', gap: space.sm }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: space.sm }}>
        <strong>{t('home.digest.statement')}</strong>
        <span data-testid={`home-statement-period-${id}`}>
          {periodLabel(t, locale, statement.period_start, statement.period_end)}
        </span>
      </div>
      {summary?.income_total !== undefined && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: space.sm }}>
          <Figure label={t('home.digest.income')} value={money(summary.income_total)} testId={`home-statement-income-${id}`} />
          <Figure label={t('home.digest.expense')} value={money(summary.expense_total)} testId={`home-statement-expense-${id}`} />
          <Figure label={t('home.digest.net')} value={money(summary.net)} testId={`home-statement-net-${id}`} />
        </div>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: space.sm }}>
        <PlainTag colour="green" testId={`home-statement-status-${id}`}>
          {t('disclosure.status.published')}
        </PlainTag>
        <span className="p-muted" data-testid={`home-statement-published-${id}`}>
          {t('home.digest.publishedOn', { date: formatDate(statement.published_at, locale) })}
        </span>
      </div>
      <PlainButtonLink to={`/disclosure/statements/${statement.id}`} block testId={`home-statement-open-${id}`}>
        {t('home.digest.openStatement')}
      </PlainButtonLink>
    </div>
  );
}

function ScorePart({ latest, previous }: { latest: EstateScore; previous?: EstateScore }) {
  const t = useT();
  const locale = useLocale();
  const change = scoreChange(latest, previous);
  const id = latest.estate;
  return (
    <div data-testid={`home-digest-score-${id}`} style={{ display: 'flex', flexDirection: 'column', gap: space.sm }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: space.sm }}>
        <strong>{t('home.digest.score')}</strong>
        <span data-testid={`home-digest-score-period-${id}`}>
          {periodLabel(t, locale, latest.period_start, latest.period_end)}
        </span>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: space.sm }}>
        {latest.score === null ? (
          <span className="p-muted" data-testid={`home-digest-score-value-${id}`}>
            {t('home.digest.noScoreValue')}
          </span>
        ) : (
          <strong data-testid={`home-digest-score-value-${id}`} style={{ fontSize: '1.5em' }}>
            {t('home.digest.scoreValue', { score: latest.score })}
          </strong>
        )}
        {change !== null && (
          <span className="p-muted" data-testid={`home-digest-score-change-${id}`}>
            {change > 0
              ? t('home.digest.scoreUp', { delta: formatNumber(change, locale) })
              : change < 0
                ? t('home.digest.scoreDown', { delta: formatNumber(-change, locale) })
                : t('home.digest.scoreSame')}
          </span>
        )}
      </div>
      <PlainButtonLink to={`/scoring/scores/${latest.id}`} block testId={`home-digest-score-open-${id}`}>
        {t('home.digest.openScore')}
      </PlainButtonLink>
    </div>
  );
}

/** One estate's card; `named` when the resident has homes in more than one estate. */
export function EstateDigestCard({ estate, name, named }: { estate: number; name: string; named: boolean }) {
  const t = useT();
  const statements = useQuery(publishedStatementsQuery(estate));
  const scores = useQuery(latestScoresQuery(estate));
  const statement = latestStatement(statements.data?.results ?? []);
  const [latest, previous] = scores.data?.results ?? [];
  if (!statement && !latest) return null;
  return (
    <PlainCard
      title={named ? t('home.digest.titleOf', { estate: name }) : t('home.digest.title')}
      testId={`home-digest-${estate}`}
    >
      <div style={{ display: 'flex', flexDirection: 'column', gap: space.md }}>
        {statement && <StatementPart statement={statement} />}
        {statement && latest && <div style={{ borderTop: `1px solid ${colour.fill}` }} />}
        {latest && <ScorePart latest={latest} previous={previous} />}
      </div>
    </PlainCard>
  );
}
