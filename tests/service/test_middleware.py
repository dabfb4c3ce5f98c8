from vraagbaak.service.limits import TokenBuckets


def test_a_client_gets_a_burst_then_waits_for_the_refill():
    buckets = TokenBuckets(rate=60)
    assert all(buckets.take("a", now=0.0) == 0 for _ in range(60))
    assert buckets.take("a", now=0.0) == 1.0  # one token a second at 60 a minute
    assert buckets.take("a", now=1.0) == 0
    assert buckets.take("b", now=1.0) == 0  # another client has its own bucket


def test_a_refused_request_does_not_use_a_token():
    buckets = TokenBuckets(rate=2)
    buckets.take("a", now=0.0), buckets.take("a", now=0.0)
    assert buckets.take("a", now=0.0) == 30.0
    assert buckets.take("a", now=15.0) == 15.0
    assert buckets.take("a", now=30.0) == 0


def test_the_number_of_buckets_is_bounded():
    buckets = TokenBuckets(rate=10, max_clients=3)
    for client in "abcde":
        buckets.take(client, now=0.0)
    assert list(buckets.buckets) == ["c", "d", "e"]
