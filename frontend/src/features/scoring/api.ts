/**
 * Service scoring (服务评分): surveys (the firm drafts, the committee opens and closes, residents
 * answer for their household), results, response rates, weights both sides sign, published
 * scores with their export, alerts and the portfolio. react-query hooks over the generated types.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from '../../api/client';
import type {
  AnswerRequest,
  AnswerResult,
  EstateScore,
  MyUnit,
  PaginatedSurveys,
  Portfolio,
  ResponseRates,
  ScoreAlert,
  Survey,
  SurveyResults,
  WeightAgreement,
  Weights,
  WeightsInForce,
} from './types';

interface Page<T> {
  count: number;
  next?: string | null;
  previous?: string | null;
  results: T[];
}

export const scoringKeys = {
  all: ['scoring'] as const,
  surveys: (estate: number | undefined, status: string | undefined) => ['scoring', 'surveys', estate ?? 0, status ?? ''] as const,
  survey: (id: number) => ['scoring', 'survey', id] as const,
  mine: (id: number) => ['scoring', 'survey', id, 'mine'] as const,
  results: (id: number) => ['scoring', 'survey', id, 'results'] as const,
  rates: (id: number) => ['scoring', 'survey', id, 'rates'] as const,
  scores: (estate: number | undefined) => ['scoring', 'scores', estate ?? 0] as const,
  score: (id: number) => ['scoring', 'score', id] as const,
  weights: (estate: number) => ['scoring', 'weights', estate] as const,
  current: (estate: number) => ['scoring', 'weights', estate, 'current'] as const,
  alerts: ['scoring', 'alerts'] as const,
  portfolio: ['scoring', 'portfolio'] as const,
};

export function useSurveys(estate: number | undefined, status?: string, enabled = true) {
  return useQuery({
    queryKey: scoringKeys.surveys(estate, status),
    queryFn: ({ signal }) => api.get<PaginatedSurveys>('scoring/surveys/', { estate, status, page_size: 50 }, signal),
    enabled,
  });
}

export function useSurvey(id: number) {
  return useQuery({
    queryKey: scoringKeys.survey(id),
    queryFn: ({ signal }) => api.get<Survey>(`scoring/surveys/${id}/`, undefined, signal),
  });
}

export function useMyUnits(id: number, enabled: boolean) {
  return useQuery({
    queryKey: scoringKeys.mine(id),
    queryFn: ({ signal }) => api.get<MyUnit[]>(`scoring/surveys/${id}/mine/`, undefined, signal),
    enabled,
  });
}

export function useResults(id: number, enabled: boolean) {
  return useQuery({
    queryKey: scoringKeys.results(id),
    queryFn: ({ signal }) => api.get<SurveyResults>(`scoring/surveys/${id}/results/`, undefined, signal),
    enabled,
  });
}

export function useResponseRates(id: number, enabled: boolean) {
  return useQuery({
    queryKey: scoringKeys.rates(id),
    queryFn: ({ signal }) => api.get<ResponseRates>(`scoring/surveys/${id}/response-rates/`, undefined, signal),
    enabled,
  });
}

function useScoringMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: scoringKeys.all }),
  });
}

export function useAnswer(id: number) {
  return useScoringMutation((body: AnswerRequest) => api.post<AnswerResult>(`scoring/surveys/${id}/answer/`, body));
}

export function usePaperAnswer(id: number) {
  return useScoringMutation((body: AnswerRequest) => api.post<AnswerResult>(`scoring/surveys/${id}/paper/`, body));
}

export function useSurveyAction(id: number) {
  return useScoringMutation((action: 'open' | 'close') => api.post<Survey>(`scoring/surveys/${id}/${action}/`));
}

export function useRemind(id: number) {
  return useScoringMutation(() => api.post<{ reminded: number }>(`scoring/surveys/${id}/remind/`));
}

export interface DraftForm {
  estate: number;
  period_start: string;
  period_end: string | null;
  title: string;
}

export function useDraftSurvey() {
  return useScoringMutation((form: DraftForm) => api.post<Survey>('scoring/surveys/', form));
}

export function useUpdateSurvey(id: number) {
  return useScoringMutation((form: { title?: string; period_end?: string }) => api.patch<Survey>(`scoring/surveys/${id}/`, form));
}

export function useScores(estate: number | undefined) {
  return useQuery({
    queryKey: scoringKeys.scores(estate),
    queryFn: ({ signal }) => api.get<Page<EstateScore>>('scoring/scores/', { estate, page_size: 50 }, signal),
    enabled: estate !== undefined,
  });
}

export function useScore(id: number) {
  return useQuery({
    queryKey: scoringKeys.score(id),
    queryFn: ({ signal }) => api.get<EstateScore>(`scoring/scores/${id}/`, undefined, signal),
  });
}

/** The export's address (a download: the browser saves score-<id>.json). */
export function exportUrl(id: number): string {
  return buildUrl(`scoring/scores/${id}/export/`);
}

export function useWeightsInForce(estate: number | undefined) {
  return useQuery({
    queryKey: scoringKeys.current(estate ?? 0),
    queryFn: ({ signal }) => api.get<WeightsInForce>('scoring/weights/current/', { estate }, signal),
    enabled: estate !== undefined,
  });
}

export function useWeightHistory(estate: number | undefined) {
  return useQuery({
    queryKey: scoringKeys.weights(estate ?? 0),
    queryFn: ({ signal }) => api.get<Page<WeightAgreement>>('scoring/weights/', { estate, page_size: 50 }, signal),
    enabled: estate !== undefined,
  });
}

export function useProposeWeights() {
  return useScoringMutation((body: { estate: number; weights: Weights }) => api.post<WeightAgreement>('scoring/weights/', body));
}

export function useSignWeights() {
  return useScoringMutation((id: number) => api.post<WeightAgreement>(`scoring/weights/${id}/sign/`));
}

export function useAlerts() {
  return useQuery({
    queryKey: scoringKeys.alerts,
    queryFn: ({ signal }) => api.get<Page<ScoreAlert>>('scoring/alerts/', { page_size: 50 }, signal),
  });
}

/** An improvement plan: the firm reports it done, the committee confirms it or sends it back. */
export function usePlanReport(id: number) {
  return useScoringMutation((body: { note: string }) => api.post<ScoreAlert>(`scoring/alerts/${id}/report/`, body));
}

export function usePlanConfirm(id: number) {
  return useScoringMutation(() => api.post<ScoreAlert>(`scoring/alerts/${id}/confirm/`));
}

export function usePlanSendBack(id: number) {
  return useScoringMutation((body: { reason: string }) => api.post<ScoreAlert>(`scoring/alerts/${id}/send-back/`, body));
}

export function usePortfolio() {
  return useQuery({
    queryKey: scoringKeys.portfolio,
    queryFn: ({ signal }) => api.get<Portfolio>('scoring/portfolio/', undefined, signal),
  });
}
