"""The poverty signalling checklist (data) and the signals coaches record from it."""
