"""Users, teams, roles, login, and the access policy every view uses."""
