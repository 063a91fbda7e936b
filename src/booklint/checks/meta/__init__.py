"""booklint itself (X): internal errors and suppression comments that name no rule."""
