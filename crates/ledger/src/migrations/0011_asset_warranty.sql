-- Where an asset was bought (供应商) and until when its supplier repairs it free (保修截止),
-- for the card's warranty group and the warranty-expiring reminder.
ALTER TABLE assets ADD COLUMN supplier TEXT NOT NULL DEFAULT '';
ALTER TABLE assets ADD COLUMN warranty_until TEXT;
CREATE INDEX assets_warranty_until ON assets(warranty_until) WHERE warranty_until IS NOT NULL;
