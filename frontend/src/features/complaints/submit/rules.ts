import { useT, type MessageKey } from '../../../i18n';

/** "Please choose <field>": the rule of the big choices. */
export function useChoiceRule() {
  const t = useT();
  return (field: MessageKey) => ({ required: true, message: t('complaints.validation.choose', { field: t(field) }) });
}
