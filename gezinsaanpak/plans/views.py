"""Pages of the plans area."""
from flask import Blueprint

bp = Blueprint("plans", __name__)
