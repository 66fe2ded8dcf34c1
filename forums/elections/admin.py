"""Admin: read-mostly. Ballot tables are left out on purpose: nobody browses the ballot box."""

from django.contrib import admin

from .models import Candidate, Constituency, Election, ReservedSeat, Topic


class ConstituencyInline(admin.TabularInline):
    model = Constituency
    extra = 0
    fields = ["name", "seats", "voters_group", "voters_area", "voter_min_age", "voter_max_age"]
    readonly_fields = fields
    can_delete = False


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "voting_opens_at", "voting_closes_at", "turnout"]
    list_filter = ["kind", "status"]
    search_fields = ["title"]
    inlines = [ConstituencyInline]
    # Status moves only through services (publish, close), never by editing here.
    readonly_fields = ["status", "turnout", "closed_at", "created_by", "created_at"]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "votes", "outcome"]
    list_filter = ["status", "outcome"]
    list_select_related = ["user", "constituency"]
    readonly_fields = ["status", "votes", "outcome", "won_tie", "reviewed_by", "reviewed_at"]


admin.site.register(ReservedSeat)
admin.site.register(Topic)
