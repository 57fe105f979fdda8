"""Qt item models over plain records from the workspace (lazy, paged, sorted in SQL)."""
