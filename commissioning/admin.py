"""Read-only views for administrators: every change goes through the services."""

from django.contrib import admin

from .models import Bid, Candidate, Clarification, Decision, Recruitment, Round


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Round)
class RoundAdmin(ReadOnly):
    list_display = ["title", "stage", "bids_close_at"]


@admin.register(Bid)
class BidAdmin(ReadOnly):
    list_display = ["round", "organisation", "status", "submitted_at"]


@admin.register(Clarification)
class ClarificationAdmin(ReadOnly):
    list_display = ["round", "status", "asked_at"]


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ["round", "chosen", "decided_at"]


@admin.register(Recruitment)
class RecruitmentAdmin(ReadOnly):
    list_display = ["title", "status", "erase_after", "candidates_erased_at"]


@admin.register(Candidate)
class CandidateAdmin(ReadOnly):
    list_display = ["recruitment", "label", "shortlisted", "erased_at"]
