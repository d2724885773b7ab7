// A form's error as the clerk fixes it (issue 27): the fields it names stop being red
// as soon as they are edited, and the message goes once none is left. A "please fill
// in" error is re-worded to name only the fields still empty.
import type { ApiError } from './api';
import { t } from './i18n.svelte';

export type FormError = ApiError & { missing?: Record<string, string> };

/// The "please fill in: …" error for `missing`: field → label key.
export function missingError(missing: [string, string][]): FormError {
  return {
    code: 'invalid_input',
    message: t('form.missing', { fields: missing.map(([, label]) => t(label)).join('、') }),
    fields: missing.map(([f]) => f),
    missing: Object.fromEntries(missing),
  };
}

/// `error` once `field` has been edited.
export function fixField<E extends ApiError>(error: E | null, field: string): E | FormError | null {
  if (!error || !error.fields.includes(field)) return error;
  const fields = error.fields.filter((f) => f !== field);
  if (!fields.length) return null;
  const missing = (error as FormError).missing;
  if (missing) return missingError(fields.filter((f) => f in missing).map((f) => [f, missing[f]]));
  return { ...error, fields };
}
