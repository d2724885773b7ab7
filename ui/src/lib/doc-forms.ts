// Which fields each document kind asks for: generated from crates/api/src/forms.rs, the
// one definition (the backend validates everything; this only decides what the form
// shows and marks).
import type { DocKind } from './api';

export { DOC_FORMS } from '../generated/api';
export type { DocField, FieldSpec } from '../generated/api';

/// Kinds a clerk starts from the ledger's selection, in menu order.
export const SELECTION_KINDS: DocKind[] = ['issue', 'return', 'transfer', 'loan', 'loan-return', 'fault', 'repair', 'scrap', 'dispose', 'write-off'];

/// Kinds listed on the documents page.
export const LIST_KINDS: DocKind[] = ['issue', 'return', 'transfer', 'loan', 'loan-return', 'defect', 'defect-clear', 'fault', 'repair', 'scrap', 'dispose', 'write-off', 'void', 'value-change'];
