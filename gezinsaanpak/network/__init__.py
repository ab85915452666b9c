"""The family's network: the people and organisations involved, consent to share per partner, warm handovers
to another organisation and the debt-help route."""
from flask import Blueprint

bp = Blueprint("network", __name__)
