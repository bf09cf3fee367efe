import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Firm } from '../../api/types';
import { errorMessage } from '../../app/errors';
import { useT } from '../../i18n';
import { activateFirm, firmQueryKey, firmsQueryKey, suspendFirm } from './api';

/** Suspend or activate a firm, then refresh every copy of it. */
export function useFirmAction() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, firm }: { kind: 'suspend' | 'activate'; firm: Firm }) =>
      kind === 'suspend' ? suspendFirm(firm.id) : activateFirm(firm.id),
    onSuccess: (firm, { kind }) => {
      queryClient.setQueryData(firmQueryKey(firm.id), firm);
      message.success(t(kind === 'suspend' ? 'firms.suspended' : 'firms.activated', { name: firm.name }));
      return queryClient.invalidateQueries({ queryKey: firmsQueryKey() });
    },
    onError: (error) => message.error(errorMessage(error, t)),
  });
}
