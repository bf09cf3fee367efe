/**
 * The disclosure API (公共收益公示): the ledger, split rules, the maintenance fund and
 * statements, as react-query hooks over the generated types. Every write answers with the
 * fresh record, which replaces the cached one.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api/client';
import { send } from '../complaints/api';
import type {
  FundBalance,
  FundMovement,
  Line,
  LineBody,
  PaginatedLines,
  PaginatedStatements,
  SplitRule,
  SplitRuleBody,
  StatementBody,
  StatementDetail,
  Verification,
} from './types';

interface Page<T> {
  count: number;
  results: T[];
}

export const disclosureKeys = {
  all: ['disclosure'] as const,
  lines: (estate: number, page: number) => ['disclosure', 'lines', estate, page] as const,
  rule: (estate: number) => ['disclosure', 'rule', estate] as const,
  fund: (estate: number) => ['disclosure', 'fund', estate] as const,
  statements: (estate: number) => ['disclosure', 'statements', estate] as const,
  statement: (id: number) => ['disclosure', 'statement', id] as const,
  statementLines: (id: number, page: number) => ['disclosure', 'statement', id, 'lines', page] as const,
};

export const PAGE_SIZE = 20;

export function useLines(estate: number | undefined, page: number) {
  return useQuery({
    queryKey: disclosureKeys.lines(estate ?? 0, page),
    queryFn: ({ signal }) => api.get<PaginatedLines>('disclosure/lines/', { estate, page, page_size: PAGE_SIZE }, signal),
    enabled: estate !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useSplitRule(estate: number | undefined) {
  return useQuery({
    queryKey: disclosureKeys.rule(estate ?? 0),
    queryFn: async ({ signal }) => {
      const page = await api.get<Page<SplitRule>>('disclosure/split-rules/', { estate }, signal);
      return page.results[0] ?? null;
    },
    enabled: estate !== undefined,
  });
}

export function useFund(estate: number | undefined) {
  return useQuery({
    queryKey: disclosureKeys.fund(estate ?? 0),
    queryFn: async ({ signal }) => {
      const [balance, movements] = await Promise.all([
        api.get<FundBalance>('disclosure/fund/balance/', { estate }, signal),
        api.get<Page<FundMovement>>('disclosure/fund/', { estate, page_size: 10 }, signal),
      ]);
      return { balance, movements: movements.results };
    },
    enabled: estate !== undefined,
  });
}

export function useStatements(estate: number | undefined) {
  return useQuery({
    queryKey: disclosureKeys.statements(estate ?? 0),
    queryFn: ({ signal }) => api.get<PaginatedStatements>('statements/', { estate, page_size: 50 }, signal),
    enabled: estate !== undefined,
  });
}

export function useStatement(id: number) {
  return useQuery({
    queryKey: disclosureKeys.statement(id),
    queryFn: ({ signal }) => api.get<StatementDetail>(`statements/${id}/`, undefined, signal),
  });
}

export function useStatementLines(id: number, page: number, enabled: boolean) {
  return useQuery({
    queryKey: disclosureKeys.statementLines(id, page),
    queryFn: ({ signal }) => api.get<PaginatedLines>(`statements/${id}/lines/`, { page, page_size: PAGE_SIZE }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Any ledger write: the lists and statements of the estate are read again. */
function useLedgerWrite<V, R>(write: (values: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: disclosureKeys.all }),
  });
}

export function useCreateLine() {
  return useLedgerWrite((body: LineBody) => api.post<Line>('disclosure/lines/', body));
}

export function usePostLine() {
  return useLedgerWrite((id: number) => api.post<Line>(`disclosure/lines/${id}/post/`));
}

export function useDeleteLine() {
  return useLedgerWrite((id: number) => request<void>(`disclosure/lines/${id}/`, { method: 'DELETE' }));
}

export function useReverseLine() {
  return useLedgerWrite(({ id, description }: { id: number; description: string }) =>
    api.post<Line>(`disclosure/lines/${id}/reverse/`, { description }),
  );
}

export function useSaveSplitRule(estate: number | undefined) {
  return useLedgerWrite((body: SplitRuleBody) =>
    request<SplitRule>(`disclosure/split-rules/${estate}/`, { method: 'PUT', body }),
  );
}

export function useCreateStatement() {
  return useLedgerWrite((body: StatementBody) => api.post<StatementDetail>('statements/', body));
}

/** A statement's own actions; the answer replaces the cached statement. */
export function useStatementAction(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: object }) => api.post<StatementDetail>(`statements/${id}/${path}`, body),
    onSuccess: (fresh) => {
      client.setQueryData(disclosureKeys.statement(id), fresh);
      void client.invalidateQueries({ queryKey: disclosureKeys.statements(fresh.estate) });
    },
  });
}

export function useVerify(id: number) {
  return useMutation({ mutationFn: () => api.post<Verification>(`statements/${id}/verify/`) });
}

/** A contract or receipt attached to a draft line (multipart); it becomes part of the line's hash. */
export function useAttach() {
  return useLedgerWrite(({ id, kind, file }: { id: number; kind: string; file: File }) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file);
    return send<unknown>(`disclosure/lines/${id}/attachments/`, form);
  });
}
