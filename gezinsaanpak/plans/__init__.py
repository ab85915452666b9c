"""Bridge and Child Bridge assessments, goals with actions and reviews, and the family plan."""
