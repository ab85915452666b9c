"""The home visit: one screen that logs the visit, the signals seen and the goal reviews, saved together."""
