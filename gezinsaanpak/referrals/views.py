"""Pages of the referrals area."""
from flask import Blueprint

bp = Blueprint("referrals", __name__)
