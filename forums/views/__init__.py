"""Forum pages, by topic. Thin: objects come from selectors (404 for what the person may not
see), permissions from forums.permissions, every write is one service called through
participation.views.base (`ServiceFormView`, `ServiceActionView`, `run_service`), so a
service's refusal shows on the form with what was typed kept."""

from .directory import (
    CareStatusView,
    ForumCreateView,
    ForumDetailView,
    ForumEditView,
    ForumListView,
    ForumWorkersView,
)
from .joining import (
    ApplicationView,
    ApplicationWithdrawView,
    ApplyView,
    JoinView,
    LeaveView,
    MyForumsView,
    NominateView,
    NominationView,
    RequestsView,
)
from .meetings import (
    ActionAddView,
    ActionRaiseYouSaidView,
    ActionStatusView,
    AgendaItemAddView,
    MeetingCreateView,
    MeetingView,
    MinutesView,
)
from .members import MemberAddView, MembersView, MemberView
from .policy_items import PolicyItemListView, PolicyItemProposeView, PolicyItemRespondView
from .task_groups import TaskGroupCreateView, TaskGroupView
from .year import (
    AnnualReportListView,
    AnnualReportPdfView,
    AnnualReportPublishView,
    AnnualReportRecipientsView,
    AnnualReportRefreshView,
    AnnualReportSendView,
    AnnualReportStartView,
    AnnualReportView,
    AnnualReportWordsView,
    SharedReportPdfView,
    SharedReportView,
)

__all__ = [
    "ActionAddView",
    "ActionRaiseYouSaidView",
    "ActionStatusView",
    "AgendaItemAddView",
    "AnnualReportListView",
    "AnnualReportPdfView",
    "AnnualReportPublishView",
    "AnnualReportRecipientsView",
    "AnnualReportRefreshView",
    "AnnualReportSendView",
    "AnnualReportStartView",
    "AnnualReportView",
    "AnnualReportWordsView",
    "ApplicationView",
    "ApplicationWithdrawView",
    "ApplyView",
    "CareStatusView",
    "ForumCreateView",
    "ForumDetailView",
    "ForumEditView",
    "ForumListView",
    "ForumWorkersView",
    "JoinView",
    "LeaveView",
    "MeetingCreateView",
    "MeetingView",
    "MemberAddView",
    "MemberView",
    "MembersView",
    "MinutesView",
    "MyForumsView",
    "NominateView",
    "NominationView",
    "PolicyItemListView",
    "PolicyItemProposeView",
    "PolicyItemRespondView",
    "RequestsView",
    "SharedReportPdfView",
    "SharedReportView",
    "TaskGroupCreateView",
    "TaskGroupView",
]
