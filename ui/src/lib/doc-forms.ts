// Which fields each document kind asks for, in the order a clerk fills them. The
// backend validates everything; this only decides what the form shows and marks.
import type { DocKind } from './api';

export type DocField =
  | 'person' | 'dept' | 'location' | 'due' | 'amount' | 'method' | 'reason'
  | 'vendor' | 'cause' | 'cause_category' | 'handling' | 'warranty' | 'recheck' | 'date' | 'notes';

export interface FieldSpec { field: DocField; required?: boolean; label?: string; options?: string[] }

export const DOC_FORMS: Partial<Record<DocKind, FieldSpec[]>> = {
  issue: [{ field: 'person', required: true, label: 'doc.f.issue_person' }, { field: 'dept', label: 'doc.f.issue_dept' }, { field: 'location' }],
  return: [{ field: 'location' }],
  transfer: [{ field: 'dept', required: true, label: 'doc.f.to_dept' }, { field: 'location', label: 'doc.f.to_location' }],
  loan: [{ field: 'person', required: true, label: 'doc.f.borrower' }, { field: 'due', required: true }],
  'loan-return': [],
  defect: [{ field: 'reason', required: true, label: 'doc.f.defect' }],
  'defect-clear': [{ field: 'handling' }],
  fault: [{ field: 'reason', required: true, label: 'doc.f.symptom' }],
  repair: [
    { field: 'method', options: ['in-house', 'vendor'], label: 'doc.f.repair_by' },
    { field: 'vendor' },
    { field: 'amount', label: 'doc.f.cost' },
    { field: 'cause' },
    { field: 'cause_category', options: ['', 'quality', 'human', 'other'] },
    { field: 'handling' },
    { field: 'warranty', options: ['', 'yes', 'no'] },
    { field: 'recheck' },
  ],
  scrap: [{ field: 'reason', required: true, label: 'doc.f.scrap_reason' }],
  dispose: [{ field: 'method', required: true, options: ['sale', 'destroy'], label: 'doc.f.dispose_method' }, { field: 'amount', label: 'doc.f.proceeds' }],
  'write-off': [{ field: 'method', required: true, options: ['sold', 'destroyed', 'lost', 'stolen'], label: 'doc.f.writeoff_reason' }],
};

/// Kinds a clerk starts from the ledger's selection, in menu order.
export const SELECTION_KINDS: DocKind[] = ['issue', 'return', 'transfer', 'loan', 'loan-return', 'fault', 'repair', 'scrap', 'dispose', 'write-off'];

/// Kinds listed on the documents page.
export const LIST_KINDS: DocKind[] = ['issue', 'return', 'transfer', 'loan', 'loan-return', 'defect', 'defect-clear', 'fault', 'repair', 'scrap', 'dispose', 'write-off', 'void'];
