"""Households from trust building to aftercare: members, consent, coordinator, stages, contacts."""
