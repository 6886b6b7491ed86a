-- The contributions' index by (project, business date) goes, in both generations. Dates arrive in
-- no order, so every batch of new contributions touched most of that index's pages, and the embedded
-- store writes a fresh copy of each page a commit touches: with it, a 10,000-row import projected in
-- 0.85-1.1 s, without it in 0.73-0.83 s, and left a store a sixth smaller (docs/performance.md). What
-- filtered by date (a list's from/to, the rule-4 recompute, a member's export) reads the project's
-- contributions through the (project, position) index instead and filters them as it goes.
DROP INDEX ix_contribution_date;
DROP INDEX ix2_contribution_date;
