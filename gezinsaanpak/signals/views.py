"""Pages of the signals area."""
from flask import Blueprint

bp = Blueprint("signals", __name__)
