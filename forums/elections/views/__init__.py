"""Elections pages: thin views that read through selectors and write through one service each.

- pages.py: the list, an election, setting one up, receipts and results;
- manage.py: a worker's page for one election, and one view per thing it lets them do;
- standing.py: standing and withdrawing;
- voting.py: the ballot paper and casting it (by account, or with a voting code);
- fast_vote.py: the logged-in fast path (a clean ballot without loading the voter);
- receipt.py: the receipt page, rendered once and filled in per ballot;
- stations.py: a polling station's pages.
"""
