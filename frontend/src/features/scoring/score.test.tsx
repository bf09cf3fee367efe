import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderApp } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import { weightedSum } from './ScorePage';
import { estateScore, resident } from './testData';
import { DIMENSIONS } from './types';

const hidden = { n: null, suppressed: true, mean: null, distribution: null };
const suppressedResults = {
  survey: 7,
  min_group: 5,
  answers: 4,
  online: 4,
  paper: 0,
  dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, hidden])),
  buildings: [],
  comments: [],
};

const earlier = estateScore({
  id: 30,
  survey: 6,
  period_start: '2026-07-01',
  period_end: '2026-09-30',
  score: '68.20',
  weights_source: 'agreed',
});

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
  'GET scoring/scores/': () => page([earlier, estateScore()]),
  'GET scoring/surveys/7/results/': () => ({ body: suppressedResults }),
};

describe('the score pages', () => {
  it("shows the estate's latest score, that the defaults apply, the trend and every period", async () => {
    const { calls } = mockApi(common);
    renderApp('/scoring/scores', { me: resident });
    expect((await screen.findByTestId('scores-latest')).textContent).toContain('78.69');
    expect(calls.find((c) => c.path === 'scoring/scores/')?.query.get('estate')).toBe('1');
    expect(screen.getByTestId('scores-default').textContent).toBe('默认权重');
    expect(screen.getByTestId('scores-trend').getAttribute('aria-label')).toBe('评分趋势: 2026-07 68.2，2026-10 78.69');
    expect(screen.getByTestId('scores-latest-open').getAttribute('href')).toBe('/scoring/scores/40');
    expect(screen.getByTestId('scores-open-30').getAttribute('href')).toBe('/scoring/scores/30');
  });

  it('explains a score: method, default weights, every input with its counts, the sum, and how to verify', async () => {
    mockApi({ ...common, 'GET scoring/scores/40/': () => ({ body: estateScore() }) });
    renderApp('/scoring/scores/40', { me: resident });
    expect((await screen.findByTestId('score-value')).textContent).toContain('78.69');
    expect(screen.getByTestId('score-meta').textContent).toContain('计算方法 v1');
    expect(screen.getByTestId('score-weights-source').textContent).toBe('物业公司与业委会尚未共同签署权重，本期采用平台默认权重');
    expect(screen.getByTestId('score-no-supervision')).toBeTruthy();

    // a bar per input, or why it is left out
    expect(screen.getByTestId('score-input-complaint_response').textContent).toContain('66.67');
    expect(screen.getByTestId('score-input-inspection_pass').textContent).toContain('业主监督模块未启用，未计入');

    // the explanation: counts, formula, weight of every input, and the sum that makes the score
    const table = screen.getByTestId('explain-table');
    expect(within(table).getByText('平均分 r = 评分合计 ÷ 评分个数；得分 = (r − 1) ÷ 4 × 100')).toBeTruthy();
    const sat = screen.getByTestId('explain-counts-satisfaction').textContent;
    for (const part of ['线上问卷: 5', '纸质问卷: 1', '评分合计: 144', '评分个数: 36']) expect(sat).toContain(part);
    expect(screen.getByTestId('explain-counts-complaint_response').textContent).toContain('90% 响应用时（小时）: 3.00');
    expect(screen.getByTestId('explain-score-satisfaction').textContent).toBe('75.00');
    expect(screen.getByTestId('explain-score-rectification').textContent).toBe('业主监督模块未启用，未计入');
    expect(screen.getByTestId('explain-weight-satisfaction').textContent).toBe('40');
    expect(screen.getByTestId('explain-sum').textContent).toBe('Σ(权重 × 得分) = 5508.35；Σ权重 = 70；5508.35 ÷ 70 = 78.69');

    // how to verify: the export and the command
    const link = screen.getByTestId('score-export');
    expect(link.getAttribute('href')).toBe('/api/v1/scoring/scores/40/export/');
    expect(link.getAttribute('download')).toBe('score-40.json');
    expect(screen.getByTestId('score-verify-command').textContent).toBe('python3 tools/verify_score.py export.json');

    // the survey's dimensions, suppressed under five answers; the trend over both periods
    expect((await screen.findByTestId('results-suppressed')).textContent).toBe('少于5份，不显示');
    expect(screen.getByTestId('score-trend')).toBeTruthy();
  });

  it('says when both sides signed the weights and supervision is included', async () => {
    const signed = estateScore({ weights_source: 'agreed', supervision_included: true });
    mockApi({ ...common, 'GET scoring/scores/40/': () => ({ body: signed }) });
    renderApp('/scoring/scores/40', { me: resident });
    expect((await screen.findByTestId('score-weights-source')).textContent).toBe('本期采用物业公司与业委会共同签署的权重');
    expect(screen.queryByTestId('score-no-supervision')).toBeNull();
  });

  it('sums only the inputs that count, as the method does', () => {
    expect(weightedSum(estateScore())).toEqual({ weighted: '5508.35', weights: 70 });
    const zeroWeight = estateScore({ weights: { ...estateScore().weights, complaint_response: 0, satisfaction: 45 } });
    expect(weightedSum(zeroWeight)).toEqual({ weighted: '5550.00', weights: 70 });
  });
});
