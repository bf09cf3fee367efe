/**
 * The request form's state (plain React, no antd Form): its values, the errors under the fields
 * and the checks of ./rules.ts; a field is checked again as it changes, as antd's were.
 */
import { useCallback, useRef, useState } from 'react';
import { useT } from '../../../i18n';
import type { SubmitValues } from './model';
import { fieldError, type FormShape } from './rules';

export type FieldErrors = Partial<Record<keyof SubmitValues, string>>;

const INITIAL: SubmitValues = { emergency: false, place_type: 'unit' };
const ANY_SHAPE: FormShape = { hasHomes: true, manyEstates: true };

export function useSubmitForm() {
  const t = useT();
  const [values, setValues] = useState<SubmitValues>(INITIAL);
  const [errors, setErrors] = useState<FieldErrors>({});
  // the latest values, for the handlers called before the next render (defaults, then a click)
  const current = useRef(values);

  const set = useCallback(
    <K extends keyof SubmitValues>(name: K, value: SubmitValues[K], also: Partial<SubmitValues> = {}) => {
      const next = { ...current.current, ...also, [name]: value };
      current.current = next;
      setValues(next);
      setErrors((old) => {
        const updated = { ...old };
        // what the form's shape decides (is "where" asked, is there a choice of estates) never
        // fails a value just set: any shape will do here
        const message = fieldError(t, name, next, ANY_SHAPE);
        if (message) updated[name] = message;
        else delete updated[name];
        for (const other of Object.keys(also) as (keyof SubmitValues)[]) delete updated[other];
        return updated;
      });
    },
    [t],
  );

  /** Sets a value nobody chose yet (a default once the homes are known). */
  const setDefault = useCallback(<K extends keyof SubmitValues>(name: K, value: SubmitValues[K], force = false) => {
    if (!force && current.current[name] !== undefined) return;
    const next = { ...current.current, [name]: value };
    current.current = next;
    setValues(next);
  }, []);

  /** Checks `names`; their errors show; the names that failed come back. */
  const validate = (names: (keyof SubmitValues)[], shape: FormShape): (keyof SubmitValues)[] => {
    const failed: (keyof SubmitValues)[] = [];
    const updated = { ...errors };
    for (const name of names) {
      const message = fieldError(t, name, current.current, shape);
      if (message) {
        updated[name] = message;
        failed.push(name);
      } else delete updated[name];
    }
    setErrors(updated);
    return failed;
  };

  return { values, errors, set, setDefault, validate, setErrors };
}

export type SubmitForm = ReturnType<typeof useSubmitForm>;
