-- Shows: the live state and timeline of each show (pins, sales, stock,
-- claims, promo codes, giveaways). Filled in by the show-state work.
SELECT 1;
