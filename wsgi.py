"""Entry point for gunicorn: `gunicorn wsgi:app`."""
from gezinsaanpak import create_app

app = create_app()
