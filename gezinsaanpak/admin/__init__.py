"""Functional administration: users and teams. Administrators see no family data."""
