-- When posts must carry a solved proof-of-work challenge: 'off', 'always', or
-- 'attack' (only while the thread receives comments fast).
ALTER TABLE sites ADD COLUMN challenge TEXT NOT NULL DEFAULT 'off' CHECK (challenge IN ('off', 'always', 'attack'));
