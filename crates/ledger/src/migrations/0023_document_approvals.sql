-- Approvals (issue 20): a document of a kind that needs approval (setting
-- `approval.<kind>` = on) waits as 待审批 with state 'pending'; the assets it names are
-- kept in pending_transfer_lines (the assets of a document that has not moved anything
-- yet) and nothing in the ledger changes until an approver with approve_documents, who
-- is not the applicant, approves it. One row per held document; the decision is filled
-- in once and never changed. (IF NOT EXISTS: the schema tests replay it on ledgers that have it.)
CREATE TABLE IF NOT EXISTS document_approvals (
    document_id  INTEGER PRIMARY KEY REFERENCES documents(id),
    applicant_id INTEGER NOT NULL REFERENCES users(id),
    applied_at   TEXT NOT NULL,
    decision     TEXT CHECK (decision IS NULL OR decision IN ('approved', 'rejected')),
    decided_by   INTEGER REFERENCES users(id),
    decided_at   TEXT,
    reason       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX IF NOT EXISTS document_approvals_open ON document_approvals(applied_at) WHERE decision IS NULL;
