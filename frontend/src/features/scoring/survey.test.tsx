import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, renderApp, type FakeRequest } from '../../test/utils';
import { estate, page } from '../complaints/testData';
import { myUnit, resident, survey } from './testData';
import { DIMENSIONS } from './types';

const common = {
  'GET notifications/unread-count/': () => ({ body: { unread: 0 } }),
  'GET estates/': () => page([estate]),
  'GET me/home/': () => ({ body: [] }),
  'GET complaints/': () => page([]),
  'GET notices/': () => page([]),
};

const posts = (calls: FakeRequest[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path);

function rate(values: number[]) {
  DIMENSIONS.forEach((d, i) => fireEvent.click(screen.getByTestId(`survey-form-${d}-${values[i]}`)));
}

describe("the resident's survey", () => {
  it('puts an open survey on the home as a card that opens it, and no card when none is open', async () => {
    const { calls } = mockApi({ ...common, 'GET scoring/surveys/': () => page([survey()]) });
    const { router } = renderApp('/', { me: resident });
    const card = await screen.findByTestId('home-surveys');
    expect(within(card).getByText('阳光花园 2026 年第四季度物业服务满意度调查')).toBeTruthy();
    expect(calls.find((c) => c.path === 'scoring/surveys/')?.query.get('status')).toBe('open');
    fireEvent.click(screen.getByTestId('home-survey-answer-7'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/scoring/surveys/7'));
  });

  it('shows no survey card when no survey can be answered', async () => {
    mockApi({ ...common, 'GET scoring/surveys/': () => page([survey({ actions: [] })]) });
    renderApp('/', { me: resident });
    expect(await screen.findByTestId('home-open-requests')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('home-notices')).toBeNull());
    expect(screen.queryByTestId('home-surveys')).toBeNull();
  });

  it('answers the six dimensions in three steps, shows it was submitted, and changes it before the close', async () => {
    let answered = false;
    const { calls } = mockApi({
      ...common,
      'GET scoring/surveys/': () => page([survey({ id: 6, status: 'closed', actions: [], title: '第三季度调查' }), survey()]),
      'GET scoring/surveys/7/': () => ({ body: survey() }),
      'GET scoring/surveys/7/mine/': () => ({
        body: [myUnit({ answered, answered_by: answered ? 'owner' : null, answered_by_me: answered })],
      }),
      'POST scoring/surveys/7/answer/': () => {
        answered = true;
        return { body: { unit: 3, answered: true } };
      },
    });
    renderApp('/scoring/surveys', { me: resident });
    // step 1: the open survey comes first, with its big button
    fireEvent.click(await screen.findByTestId('survey-answer-7'));
    // step 2: rate
    expect(await screen.findByTestId('survey-form')).toBeTruthy();
    expect(screen.getByTestId('survey-unit').textContent).toBe('1-101 · 业主');
    rate([4, 3, 5, 2, 1, 4]);
    fireEvent.change(screen.getByTestId('survey-form-comment'), { target: { value: '  电梯维修太慢  ' } });
    // step 3: submit
    fireEvent.click(screen.getByTestId('survey-form-submit'));
    await waitFor(() => expect(posts(calls, 'scoring/surveys/7/answer/')).toHaveLength(1));
    expect(posts(calls, 'scoring/surveys/7/answer/')[0].body).toEqual({
      unit: 3,
      ratings: { overall: 4, cleaning: 3, security: 5, greening: 2, repairs: 1, service: 4 },
      comment: '电梯维修太慢',
    });
    expect((await screen.findByTestId('survey-submitted')).textContent).toBe('已提交，可在截止前修改');
    expect(screen.queryByTestId('survey-form')).toBeNull();

    // change: all six again, the new answer replaces the old one
    fireEvent.click(screen.getByTestId('survey-change'));
    expect(screen.getByTestId('survey-replaces')).toBeTruthy();
    expect(screen.getByTestId('survey-form-overall').getAttribute('data-value')).toBe('');
    rate([5, 5, 5, 5, 5, 5]);
    fireEvent.click(screen.getByTestId('survey-form-submit'));
    await waitFor(() => expect(posts(calls, 'scoring/surveys/7/answer/')).toHaveLength(2));
    expect(posts(calls, 'scoring/surveys/7/answer/')[1].body).toEqual({
      unit: 3,
      ratings: { overall: 5, cleaning: 5, security: 5, greening: 5, repairs: 5, service: 5 },
      comment: '',
    });
    expect(await screen.findByTestId('survey-submitted')).toBeTruthy();
  });

  it('sends nothing until all six are rated and says how many are missing', async () => {
    const { calls } = mockApi({
      ...common,
      'GET scoring/surveys/7/': () => ({ body: survey() }),
      'GET scoring/surveys/7/mine/': () => ({ body: [myUnit()] }),
    });
    renderApp('/scoring/surveys/7', { me: resident });
    fireEvent.click(await screen.findByTestId('survey-form-overall-4'));
    fireEvent.click(screen.getByTestId('survey-form-cleaning-4'));
    fireEvent.click(screen.getByTestId('survey-form-submit'));
    expect((await screen.findByTestId('survey-form-incomplete')).textContent).toContain('还有 4 项未评分');
    expect(screen.getByTestId('survey-form-security-missing').textContent).toBe('请为这一项打分');
    expect(posts(calls, 'scoring/surveys/7/answer/')).toHaveLength(0);
  });

  it('lets a resident with two homes pick one; an occupant whose owner answered cannot answer', async () => {
    const { calls } = mockApi({
      ...common,
      'GET scoring/surveys/7/': () => ({ body: survey() }),
      'GET scoring/surveys/7/mine/': () => ({
        body: [
          myUnit({ unit: 3, label: '1-101', voice: 'occupant', answered: true, answered_by: 'owner' }),
          myUnit({ unit: 8, label: '2-302', voice: 'owner' }),
        ],
      }),
      'POST scoring/surveys/7/answer/': () => ({ body: { unit: 8, answered: true } }),
    });
    renderApp('/scoring/surveys/7', { me: resident });
    // the home not yet answered is picked first
    expect((await screen.findByTestId('survey-unit')).getAttribute('data-value')).toBe('8');
    fireEvent.click(screen.getByTestId('survey-unit-3'));
    expect(screen.getByTestId('survey-owner-answered').textContent).toContain('本户业主已作答');
    expect(screen.queryByTestId('survey-form')).toBeNull();
    fireEvent.click(screen.getByTestId('survey-unit-8'));
    rate([3, 3, 3, 3, 3, 3]);
    fireEvent.click(screen.getByTestId('survey-form-submit'));
    await waitFor(() => expect(posts(calls, 'scoring/surveys/7/answer/')).toHaveLength(1));
    expect((posts(calls, 'scoring/surveys/7/answer/')[0].body as { unit: number }).unit).toBe(8);
  });

  it('works in elder mode: text ×1.5 and the ratings stay big buttons', async () => {
    window.localStorage.setItem('linli.elderMode', 'true');
    mockApi({
      ...common,
      'GET scoring/surveys/7/': () => ({ body: survey() }),
      'GET scoring/surveys/7/mine/': () => ({ body: [myUnit()] }),
    });
    renderApp('/scoring/surveys/7', { me: { ...resident, elder_mode: true } });
    const group = await screen.findByTestId('survey-form-overall');
    expect(document.documentElement.classList.contains('elder-mode')).toBe(true);
    expect(document.documentElement.style.fontSize).toBe('150%');
    expect(within(group).getAllByRole('radio')).toHaveLength(5);
    expect(screen.getByTestId('survey-form-submit').className).toContain('ant-btn-lg');
  });

  it('points to the score once the survey has closed, with no form', async () => {
    mockApi({ ...common, 'GET scoring/surveys/7/': () => ({ body: survey({ status: 'closed', actions: [], score: 31 }) }) });
    renderApp('/scoring/surveys/7', { me: resident });
    expect((await screen.findByTestId('survey-closed')).textContent).toContain('问卷已结束');
    expect(screen.getByTestId('survey-score').getAttribute('href')).toBe('/scoring/scores/31');
    expect(screen.queryByTestId('survey-answer')).toBeNull();
  });
});
