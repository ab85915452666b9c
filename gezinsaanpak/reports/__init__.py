"""Team lead insight: caseload, reach against the national ambitions, outcomes, and the monitoring export."""
