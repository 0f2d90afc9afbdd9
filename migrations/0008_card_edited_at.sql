-- Migration 0008: when a card was last renewed or edited (NULL: never). The day-after follow-up goes out
-- "unless the card was renewed or edited since" the expired notice (contract). active_from could not say
-- that alone: confirming and resubscribing move it too, so a card confirmed on its expiry day after the
-- notice hour got no follow-up at all. Cards stored before this have NULL: treated as never edited.
ALTER TABLE cards ADD COLUMN edited_at INTEGER;
