-- A repair records whether the asset was under warranty and the re-check result.
ALTER TABLE incidents ADD COLUMN under_warranty INTEGER;
ALTER TABLE incidents ADD COLUMN recheck TEXT NOT NULL DEFAULT '';
