"""The counting rule, on hand-worked examples (pure function, no database)."""

from forums.elections.counting import SeatGroup, Standing, count_seats, rank_topics

CARERS, DISABLED = 100, 200


def test_multi_seat_with_reserved_seats_hand_worked():
    """3 open seats, 1 seat kept for young carers, 1 for disabled young people.

    Votes: Asha 50, Ben 45 (young carer), Cara 40 (young carer), Dev 30, Ella 25, Finn 10
    (disabled), Gus 5.
    By hand:
    - young carers' seat first, from Ben and Cara: Ben (45).
    - disabled young people's seat, from Finn only: Finn (10), though 4 others have more.
    - 3 open seats from everyone else: Asha 50, Cara 40 (lost the carers' seat, wins an open
      one), Dev 30. Ella (25) and Gus (5) are not elected.
    """
    candidates = [
        Standing(1, 50),
        Standing(2, 45, CARERS),
        Standing(3, 40, CARERS),
        Standing(4, 30),
        Standing(5, 25),
        Standing(6, 10, DISABLED),
        Standing(7, 5),
    ]
    result = count_seats(
        candidates=candidates,
        open_seats=3,
        reserved=[SeatGroup(CARERS, 1), SeatGroup(DISABLED, 1)],
    )
    assert result.elected == [(2, CARERS), (6, DISABLED), (1, None), (3, None), (4, None)]
    assert result.tie is None
    assert result.vacant == {}


def test_kent_youth_county_council_shape_8_elected_and_12_community_seats():
    groups = [SeatGroup(10, 4), SeatGroup(20, 4), SeatGroup(30, 4)]
    candidates = [Standing(i, 100 - i) for i in range(1, 11)]  # 10 for open seats
    candidates += [Standing(100 + i, 50 - i, 10) for i in range(5)]  # 5 for group 10
    candidates += [Standing(200 + i, 40 - i, 20) for i in range(4)]  # exactly 4 for group 20
    candidates += [Standing(300 + i, 30 - i, 30) for i in range(2)]  # only 2 for group 30
    result = count_seats(candidates=candidates, open_seats=8, reserved=groups)
    by_group = {}
    for cid, group in result.elected:
        by_group.setdefault(group, []).append(cid)
    assert by_group[10] == [100, 101, 102, 103]
    assert by_group[20] == [200, 201, 202, 203]
    assert by_group[30] == [300, 301]
    assert result.vacant == {30: 2}
    # Open seats: the top 8 of everyone left, and 104 (lost in group 10, 46 votes) is not
    # among them because the open candidates 1-8 all have more.
    assert by_group[None] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert len(result.elected) == 18


def test_tie_for_the_last_open_seat_is_reported_not_decided():
    result = count_seats(
        candidates=[Standing(1, 10), Standing(2, 5), Standing(3, 5)], open_seats=2, reserved=[]
    )
    assert result.elected == [(1, None)]
    assert result.tie is not None
    assert result.tie.places == 1
    assert result.tie.candidate_ids == [2, 3]


def test_a_worker_settling_the_tie_decides_it():
    result = count_seats(
        candidates=[Standing(1, 10), Standing(2, 5), Standing(3, 5, won_tie=True)],
        open_seats=2,
        reserved=[],
    )
    assert result.elected == [(1, None), (3, None)]
    assert result.tie is None


def test_tie_in_a_reserved_seat_stops_the_count_there():
    result = count_seats(
        candidates=[Standing(1, 9), Standing(2, 4, CARERS), Standing(3, 4, CARERS)],
        open_seats=1,
        reserved=[SeatGroup(CARERS, 1)],
    )
    assert result.elected == []
    assert result.tie.seat_group_id == CARERS
    assert result.tie.candidate_ids == [2, 3]


def test_equal_votes_that_all_fit_are_not_a_tie():
    result = count_seats(
        candidates=[Standing(1, 5), Standing(2, 5), Standing(3, 1)], open_seats=2, reserved=[]
    )
    assert result.elected_ids == {1, 2}
    assert result.tie is None


def test_fewer_candidates_than_seats_leaves_seats_empty():
    result = count_seats(candidates=[Standing(1, 0)], open_seats=3, reserved=[])
    assert result.elected == [(1, None)]
    assert result.vacant == {None: 2}


def test_topics_are_ranked_and_equal_votes_share_a_place():
    assert rank_topics({1: 10, 2: 30, 3: 10, 4: 2}) == [
        (2, 30, 1),
        (1, 10, 2),
        (3, 10, 2),
        (4, 2, 4),
    ]


def test_receipt_codes_round_trip_through_the_number_the_database_keeps():
    from forums.elections.codes import new_receipt_code, receipt_number, receipt_text

    for _ in range(200):
        code = new_receipt_code()
        assert receipt_text(receipt_number(code)) == code
        assert receipt_number(code) < 2**63
    assert receipt_number("abcd-efgh-jkLM") == receipt_number("ABCDEFGHJKLM")
    assert receipt_number("ABCD-EFGH-JKL0") is None  # 0 is never in a code
    assert receipt_number("short") is None
