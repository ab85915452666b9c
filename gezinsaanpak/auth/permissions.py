"""Who may see what: the one access policy every view and operation uses.

A coach sees the households they coordinate or work on as co-worker; a team lead sees every household
of their team; an administrator manages users, teams and catalogues but sees no family data
(separation of duties); a policy officer sees the municipality's figures and no family data
either. Anyone else gets a 404, never a hint that the household exists.
"""
from ..errors import PermissionDenied


def _is_worker(user, household) -> bool:
    """Co-workers come with the household (`get_household_or_404` loads them in the same statement)."""
    return any(worker.user_id == user.id for worker in household.workers)


def can_view_household(user, household) -> bool:
    """Family data is visible to its coordinator, its co-workers and the team lead of its team."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.active:
        return False
    if user.role == "teamlead":
        return household.team_id == user.team_id
    if user.role == "coach":
        return household.coordinator_id == user.id or _is_worker(user, household)
    return False


def can_edit_household(user, household) -> bool:
    """Whoever may see a household works on it (there is no read-only family role yet), until it is erased: an
    erased (anonymised) file takes nothing new and no change, not even a reopening."""
    return can_view_household(user, household) and not household.is_anonymised


def can_hand_over(user, household) -> bool:
    """The coordinator hands a household over, or the team lead of its team reassigns it; not once erased."""
    return can_export_household(user, household) and not household.is_anonymised


def can_export_household(user, household) -> bool:
    """Everything held about a family (art. 15 AVG) is for its coordinator or the team lead of its team to hand
    to the family; after an erasure too, when it shows what is left."""
    if not can_view_household(user, household):
        return False
    return household.coordinator_id == user.id or user.role == "teamlead"


def can_manage_workers(user, household) -> bool:
    """Who else opens a family's file is its coordinator's decision, or the team lead's; a co-worker does not bring
    in more colleagues."""
    return can_hand_over(user, household)


def can_view_audit(user, household) -> bool:
    """Who opened a family's file is for the team lead of its team to review, not for colleagues."""
    return can_view_household(user, household) and user.role == "teamlead"


def can_extend_support(user, household) -> bool:
    """Support past the usual period needs the agreement of the team lead of the household's team."""
    return can_view_household(user, household) and user.role == "teamlead"


def can_erase_household(user, household) -> bool:
    """Erasing a family's file on its request (art. 17 AVG) is the team lead's decision, not the coach's."""
    return can_view_audit(user, household)


def can_administer(user) -> bool:
    """Administrators manage accounts, teams and catalogues; an inactive account does nothing."""
    return bool(user and user.is_authenticated and user.active and user.role == "admin")


def can_view_municipal_figures(user) -> bool:
    """The policy officer reports the municipality's figures to the council: counts, shares and the anonymised
    export, never a family's file (`can_view_household` refuses them)."""
    return bool(user and user.is_authenticated and user.active and user.role == "policy")


def require(allowed: bool) -> None:
    """Operations call this with a `can_...` answer: a refusal is an exception, never a silent no-op."""
    if not allowed:
        raise PermissionDenied()
