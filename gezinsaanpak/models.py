"""Every table of the application, imported in one place for Alembic and the tests."""
from .audit import AuditEvent  # noqa: F401
from .auth.changes import AccountChange  # noqa: F401
from .auth.models import Team, User  # noqa: F401
from .auth.throttle import LoginThrottle  # noqa: F401
from .cases.models import (  # noqa: F401
                           CheckIn,
                           Consent,
                           Contact,
                           CoordinatorAssignment,
                           Household,
                           HouseholdWorker,
                           Member,
                           Neighbourhood,
                           StageTransition,
)
from .drafts import Draft  # noqa: F401
from .erasures import Erasure  # noqa: F401
from .history import FieldChange  # noqa: F401
from .kept import CatalogueVersion  # noqa: F401
from .network.models import DebtHelp, NetworkStep, Partner, PartnerConsent, WarmHandover  # noqa: F401
from .plans.models import Action, Assessment, AssessmentScore, Domain, DomainDescriptor, Goal, GoalReview, Obstacle  # noqa: F401
from .referrals.models import Fund, Referral, ReferralChange  # noqa: F401
from .referrals.panic import PanicBudget, PanicSpending  # noqa: F401
from .reports.models import TargetGroup  # noqa: F401
from .runs import OperationRun  # noqa: F401
from .signals.models import ChecklistItem, Signal, SignalChange  # noqa: F401
