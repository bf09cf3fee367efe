import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderApp, type FakeRequest } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import { committee, manager, survey } from './testData';
import { DIMENSIONS, type SurveyResults } from './types';

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
};

const posts = (calls: FakeRequest[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path);

/** Opens an antd Select (found by its test id) and picks the option with this text. */
async function choose(testId: string, text: string) {
  const combobox = within(await screen.findByTestId(testId)).getByRole('combobox');
  fireEvent.mouseDown(combobox);
  const option = await waitFor(() => {
    const found = [...document.querySelectorAll('.ant-select-item-option')].find(
      (el) => el.textContent === text && !el.closest('.ant-select-dropdown-hidden'),
    );
    if (!found) throw new Error(`no option ${text}`);
    return found;
  });
  fireEvent.click(option);
}

function dims(block: (d: string) => object) {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, block(d)])) as SurveyResults['dimensions'];
}

const hidden = { n: null, suppressed: true, mean: null, distribution: null };

describe('running a survey', () => {
  it('lets the firm draft a survey from the template, then opens it', async () => {
    const { calls } = mockApi({
      ...common,
      'GET scoring/surveys/': () => page([]),
      'POST scoring/surveys/': () => ({ status: 201, body: survey({ id: 11, status: 'draft', actions: ['edit'] }) }),
      'GET scoring/surveys/11/': () => ({ body: survey({ id: 11, status: 'draft', actions: ['edit'] }) }),
    });
    const { router } = renderApp('/scoring/surveys', { me: manager });
    expect(await screen.findByTestId('surveys-none')).toBeTruthy();
    expect(calls.find((c) => c.path === 'scoring/surveys/')?.query.get('estate')).toBe('1');
    fireEvent.click(await screen.findByTestId('survey-draft'));
    expect((await screen.findAllByTestId('survey-template'))[0].textContent).toContain('总体、保洁、安保、绿化、维修、客服');
    fireEvent.change(screen.getByTestId('survey-draft-start'), { target: { value: '2027-01-01' } });
    fireEvent.click(screen.getByTestId('survey-draft-save'));
    await waitFor(() => expect(posts(calls, 'scoring/surveys/')).toHaveLength(1));
    expect(posts(calls, 'scoring/surveys/')[0].body).toEqual({
      estate: 1,
      period_start: '2027-01-01',
      period_end: null,
      title: '',
    });
    await waitFor(() => expect(router.state.location.pathname).toBe('/scoring/surveys/11'));
  });

  it('lets the firm edit its draft but not open it; on an open survey it gets no answer, paper entry or close', async () => {
    let current = survey({ status: 'draft', actions: ['edit'] });
    const { calls } = mockApi({
      ...common,
      'GET scoring/surveys/7/': () => ({ body: current }),
      'PATCH scoring/surveys/7/': () => ({ body: current }),
    });
    const { unmount } = renderApp('/scoring/surveys/7', { me: manager });
    expect(await screen.findByTestId('survey-waiting')).toBeTruthy();
    expect(screen.queryByTestId('survey-open')).toBeNull();
    fireEvent.change(screen.getByTestId('survey-edit-title'), { target: { value: '2026 年第四季度满意度调查' } });
    fireEvent.change(screen.getByTestId('survey-edit-end'), { target: { value: '2026-12-15' } });
    fireEvent.click(screen.getByTestId('survey-edit-save'));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
        title: '2026 年第四季度满意度调查',
        period_end: '2026-12-15',
      }),
    );
    unmount();

    current = survey({ actions: [] });
    renderApp('/scoring/surveys/7', { me: manager });
    expect(await screen.findByTestId('survey-remind')).toBeTruthy();
    expect(screen.getByTestId('survey-answered').textContent).toBe('12 户已作答');
    for (const id of ['survey-answer', 'survey-paper', 'survey-close', 'survey-rates', 'survey-edit'])
      expect(screen.queryByTestId(id)).toBeNull();
    expect(calls.some((c) => c.path.endsWith('/mine/') || c.path.endsWith('/response-rates/'))).toBe(false);
  });

  it("lets the committee review and open the firm's draft", async () => {
    const { calls } = mockApi({
      ...common,
      'GET scoring/surveys/7/': () => ({ body: survey({ status: 'draft', actions: ['open'] }) }),
      'POST scoring/surveys/7/open/': () => ({ body: survey() }),
    });
    renderApp('/scoring/surveys/7', { me: committee });
    expect((await screen.findByTestId('survey-template')).textContent).toContain('每项 1–5 分');
    expect(screen.queryByTestId('survey-edit')).toBeNull();
    fireEvent.click(screen.getByTestId('survey-open'));
    fireEvent.click(await screen.findByTestId('survey-open-confirm'));
    await waitFor(() => expect(posts(calls, 'scoring/surveys/7/open/')).toHaveLength(1));
    expect(await screen.findByText('问卷已开启')).toBeTruthy();
  });

  it('shows the committee the rate per building, reminds, enters a paper form and closes', async () => {
    const open = survey({ actions: ['close', 'paper', 'remind'], last_reminder_at: '2026-11-20T02:00:00Z', reminders_sent: 1 });
    const { calls } = mockApi({
      ...common,
      'GET scoring/surveys/7/': () => ({ body: open }),
      'GET scoring/surveys/7/response-rates/': () => ({
        body: {
          survey: 7,
          units: 40,
          answered: 12,
          rate: '30.00',
          buildings: [
            { building: 1, name: '1', units: 20, answered: 10, rate: '50.00' },
            { building: 2, name: '2', units: 20, answered: 2, rate: '10.00' },
          ],
        },
      }),
      'POST scoring/surveys/7/remind/': () => ({ body: { reminded: 3 } }),
      'GET buildings/': () => page([{ id: 1, name: '1' }]),
      'GET units/': () => page([{ id: 31, building: 1, building_name: '1', number: '101', estate: 1 }]),
      'POST scoring/surveys/7/paper/': () => ({ status: 201, body: { unit: 31, answered: true } }),
      'POST scoring/surveys/7/close/': () => ({ body: survey({ status: 'closed', actions: [], score: 40 }) }),
    });
    renderApp('/scoring/surveys/7', { me: committee });
    expect((await screen.findByTestId('survey-rates-total')).textContent).toBe('全小区 12 / 40 户，参与率 30%');
    const rates = screen.getByTestId('survey-rates');
    expect(within(rates).getByText('10 / 20 户')).toBeTruthy();
    expect(screen.getByTestId('survey-rate-2').textContent).toContain('10%');
    expect(screen.getByTestId('survey-last-reminder').textContent).toContain('已提醒 1 次');

    fireEvent.click(screen.getByTestId('survey-remind'));
    expect(await screen.findByText('已提醒 3 位住户')).toBeTruthy();
    expect(posts(calls, 'scoring/surveys/7/remind/')).toHaveLength(1);

    // a paper form needs a home first
    expect((screen.getByTestId('paper-form-submit') as HTMLButtonElement).disabled).toBe(true);
    await choose('paper-unit', '1-101');
    DIMENSIONS.forEach((d) => fireEvent.click(screen.getByTestId(`paper-form-${d}-2`)));
    fireEvent.change(screen.getByTestId('paper-form-comment'), { target: { value: '纸质：保洁一般' } });
    fireEvent.click(screen.getByTestId('paper-form-submit'));
    await waitFor(() => expect(posts(calls, 'scoring/surveys/7/paper/')).toHaveLength(1));
    expect(posts(calls, 'scoring/surveys/7/paper/')[0].body).toEqual({
      unit: 31,
      ratings: { overall: 2, cleaning: 2, security: 2, greening: 2, repairs: 2, service: 2 },
      comment: '纸质：保洁一般',
    });
    expect(await screen.findByText('纸质问卷已录入')).toBeTruthy();
    expect(posts(calls, 'scoring/surveys/7/answer/')).toHaveLength(0);

    fireEvent.click(screen.getByTestId('survey-close'));
    fireEvent.click(await screen.findByTestId('survey-close-confirm'));
    await waitFor(() => expect(posts(calls, 'scoring/surveys/7/close/')).toHaveLength(1));
  });

  it('offers only units matching what was typed while the unit search is on its way', async () => {
    let answer: (() => void) | undefined;
    const searched = new Promise<void>((resolve) => (answer = resolve));
    const unit = (id: number, number: string) => ({ id, building: 1, building_name: '1', number, estate: 1 });
    const { calls } = mockApi({
      ...common,
      'GET scoring/surveys/7/': () => ({ body: survey({ actions: ['paper'] }) }),
      'GET scoring/surveys/7/response-rates/': () => ({
        body: { survey: 7, units: 2, answered: 0, rate: '0.00', buildings: [] },
      }),
      'GET buildings/': () => page([{ id: 1, name: '1' }]),
      'GET units/': async (req) => {
        if (!req.query.get('search')) return page([unit(31, '101'), unit(32, '102')]);
        await searched; // the server has not answered the search yet
        return page([unit(32, '102')]);
      },
    });
    renderApp('/scoring/surveys/7', { me: committee });
    const combobox = within(await screen.findByTestId('paper-unit')).getByRole('combobox');
    fireEvent.mouseDown(combobox);
    const shown = () =>
      [...document.querySelectorAll('.ant-select-item-option')]
        .filter((el) => !el.closest('.ant-select-dropdown-hidden'))
        .map((el) => el.textContent);
    await waitFor(() => expect(shown()).toEqual(['1-101', '1-102']));
    fireEvent.change(combobox, { target: { value: '1-102' } });
    // before the search is even sent (250 ms pause after typing), and while it is answered
    await waitFor(() => expect(shown()).toEqual(['1-102']));
    await waitFor(() => expect(calls.some((c) => c.path === 'units/' && c.query.get('search') === '102')).toBe(true));
    expect(shown()).toEqual(['1-102']);
    answer?.();
    await waitFor(() => expect(calls.filter((c) => c.path === 'units/')).toHaveLength(2));
    expect(calls.find((c) => c.query.get('search') === '102')?.query.get('building')).toBe('1');
    await waitFor(() => expect(shown()).toEqual(['1-102']));
  });

  it('speaks English with plural counts when the user chose English', async () => {
    window.localStorage.setItem('linli.locale', 'en');
    mockApi({ ...common, 'GET scoring/surveys/7/': () => ({ body: survey({ actions: [], answered_units: 1 }) }) });
    renderApp('/scoring/surveys/7', { me: { ...manager, language: 'en' } });
    expect((await screen.findByTestId('survey-answered')).textContent).toBe('1 household has answered');
    expect(screen.getByTestId('survey-remind').textContent).toBe('Remind those who have not answered');
    expect(screen.getByTestId('survey-status').textContent).toBe('Open');
  });

  it('says why a reminder was refused', async () => {
    mockApi({
      ...common,
      'GET scoring/surveys/7/': () => ({ body: survey({ actions: ['remind'] }) }),
      'POST scoring/surveys/7/remind/': () => ({
        status: 409,
        body: { code: 'reminder_too_soon', detail: '每周最多提醒一次。' },
      }),
    });
    renderApp('/scoring/surveys/7', { me: committee });
    fireEvent.click(await screen.findByTestId('survey-remind'));
    expect((await screen.findByTestId('survey-control-error')).textContent).toContain('每周最多提醒一次');
  });
});

describe('the results of a closed survey', () => {
  const closed = survey({ status: 'closed', actions: [], score: 40 });

  it('shows the firm nothing but "少于5份，不显示" under five answers', async () => {
    mockApi({
      ...common,
      'GET scoring/surveys/7/': () => ({ body: closed }),
      'GET scoring/surveys/7/results/': () => ({
        body: {
          survey: 7,
          min_group: 5,
          answers: 4,
          online: 3,
          paper: 1,
          dimensions: dims(() => hidden),
          buildings: [{ building: 1, name: '1', n: null, suppressed: true, dimensions: dims(() => hidden) }],
          comments: [],
        },
      }),
    });
    renderApp('/scoring/surveys/7', { me: manager });
    expect((await screen.findByTestId('results-suppressed')).textContent).toBe('少于5份，不显示');
    expect(screen.getByTestId('results-counts').textContent).toBe('共 4 份：线上 3 份，纸质 1 份');
    expect(screen.queryByTestId('results-dimensions')).toBeNull();
    expect(within(screen.getByTestId('results-buildings')).getByText('少于5份，不显示')).toBeTruthy();
    expect(screen.queryByTestId('survey-control')).toBeNull();
  });

  it('shows the mean and the 1–5 spread of each dimension from five answers on', async () => {
    const shown = (d: string) => ({
      n: 6,
      suppressed: false,
      mean: d === 'repairs' ? '2.50' : '4.17',
      distribution: [0, 1, 0, 2, 3],
    });
    mockApi({
      ...common,
      'GET scoring/surveys/7/': () => ({ body: closed }),
      'GET scoring/surveys/7/results/': () => ({
        body: {
          survey: 7,
          min_group: 5,
          answers: 6,
          online: 6,
          paper: 0,
          dimensions: dims(shown),
          buildings: [
            { building: 1, name: '1', n: 6, suppressed: false, dimensions: dims(shown) },
            { building: 2, name: '2', n: null, suppressed: true, dimensions: dims(() => hidden) },
          ],
          comments: ['电梯太慢'],
        },
      }),
    });
    renderApp('/scoring/surveys/7', { me: manager });
    const repairs = await screen.findByTestId('results-dim-repairs');
    expect(repairs.textContent).toContain('维修');
    expect(repairs.textContent).toContain('2.5');
    expect(screen.getByTestId('results-dist-overall').getAttribute('data-counts')).toBe('0,1,0,2,3');
    expect(screen.queryByTestId('results-suppressed')).toBeNull();
    expect(screen.getByTestId('results-comments').textContent).toContain('电梯太慢');
    expect(screen.getByTestId('survey-score').getAttribute('href')).toBe('/scoring/scores/40');
  });
});
