"""Nothing typed is lost when a session ends: a form saved after the session ended is kept for its user, on the
server, for an hour; after logging in again they get it back on its own page, filled in, to check and save or to
discard.

A form is kept when the ended session still names its user (the cookie is there, only its time ran out) and its
page can be shown again (the route answers GET); never the login and account forms, which hold passwords and
codes. The page is rendered afresh, with a new CSRF token, and the kept values are filled into it
(`formfill.fill_in`); saving it again is the user's own click. Only the user who typed it gets it back.
"""
import json
from datetime import datetime, timedelta

from flask import Blueprint, flash, g, redirect, request, session, url_for
from flask_login import current_user
from sqlalchemy import ForeignKey, String, Text, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db
from .formfill import fill_in
from .forms import ask_first
from .i18n import _
from .timeutil import utcnow

KEEP_FOR = timedelta(hours=1)
NEVER_KEPT_BLUEPRINTS = {"auth"}  # login, password and two-step forms: secrets are not stored
NEVER_KEPT_FIELDS = {"csrf_token"}
MAX_CHARACTERS = 200_000  # a form larger than any real one is not kept
IN_SESSION = "drafts"  # {path: draft id} of the logged-in user's kept forms, so other pages need no query

bp = Blueprint("drafts", __name__)


class Draft(db.Model):
    """A form its user saved after their session had ended: the fields as sent, for the page they came from."""
    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    endpoint: Mapped[str] = mapped_column(String(120))
    path: Mapped[str] = mapped_column(String(500))
    fields: Mapped[str] = mapped_column(Text)  # JSON: [[name, value], ...] in the order the browser sent them
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def field_list(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value in json.loads(self.fields)]


def _forget_expired():
    db.session.execute(delete(Draft).where(Draft.created_at < utcnow() - KEEP_FOR))


def keep(user_id: int | None) -> bool:
    """Called when a request comes in on an ended session: keep what it posts, for the user it belonged to."""
    rule = request.url_rule
    if (user_id is None or request.method != "POST" or rule is None or "GET" not in (rule.methods or ())
            or request.blueprint in NEVER_KEPT_BLUEPRINTS or len(request.path) > 500):
        return False
    fields = [(name, value) for name, value in request.form.items(multi=True)
              if name not in NEVER_KEPT_FIELDS and "password" not in name]
    text = json.dumps(fields, ensure_ascii=False)
    if not fields or len(text) > MAX_CHARACTERS:
        return False
    _forget_expired()
    db.session.execute(delete(Draft).where(Draft.user_id == user_id, Draft.path == request.path))
    db.session.add(Draft(user_id=user_id, endpoint=request.endpoint, path=request.path, fields=text))
    db.session.flush()
    return True


def after_login(user, next_url: str) -> str:
    """Where a fresh login goes: the page of the newest form this user had kept, else where they were going."""
    _forget_expired()
    drafts = db.session.scalars(select(Draft).where(Draft.user_id == user.id)
                                .order_by(Draft.created_at.desc(), Draft.id.desc())).all()
    if not drafts:
        return next_url
    session[IN_SESSION] = {draft.path: draft.id for draft in reversed(drafts)}
    return drafts[0].path


@bp.app_template_global()
def kept_form() -> Draft | None:
    """The form kept for this page and this user, to offer back; None on nearly every page, without a query."""
    if "kept_form" in g:
        return g.kept_form
    draft_id = session.get(IN_SESSION, {}).get(request.path) if current_user.is_authenticated else None
    draft = db.session.get(Draft, draft_id) if draft_id and request.method == "GET" else None
    if draft is not None and (draft.user_id != current_user.id or draft.created_at < utcnow() - KEEP_FOR):
        draft = None
    g.kept_form = draft
    return draft


def on_response(response):
    """Fill a kept form into its page; once the page is posted again the kept copy has done its work."""
    kept = session.get(IN_SESSION)
    if not kept or request.path not in kept or not current_user.is_authenticated:
        return response
    if request.method == "POST":
        _forget(kept.pop(request.path), saved=response.status_code < 400)
        session[IN_SESSION] = kept
    elif response.status_code == 200 and response.mimetype == "text/html" and kept_form() is not None:
        response.set_data(fill_in(response.get_data(as_text=True), request.path, kept_form().field_list)[0])
    return response


def _forget(draft_id, saved):
    if saved:  # a refused save is rolled back; the kept copy then expires with the hour
        db.session.execute(delete(Draft).where(Draft.id == draft_id, Draft.user_id == current_user.id))


@bp.route("/kept-forms/discard", methods=["POST"])
def discard():
    """The user does not want what they typed back: delete it, and show the form as it is saved now."""
    path = request.form.get("path", "")
    kept = session.get(IN_SESSION, {})
    if path not in kept:
        return redirect(url_for("cases.index"))
    question = ask_first(_("Are you sure you want to discard what you typed?"),
                         _("What you typed before your session ended is deleted and cannot be brought back; the form "
                           "then shows what is saved."), _("Yes, discard"), path)
    if question:
        return question
    db.session.execute(delete(Draft).where(Draft.id == kept.pop(path), Draft.user_id == current_user.id))
    session[IN_SESSION] = kept
    flash(_("What you typed before is discarded."), "info")
    return redirect(path)
