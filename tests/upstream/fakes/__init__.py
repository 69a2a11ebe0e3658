"""Local fakes of the providers meshforge forwards to, each following the provider's
published API (paths, bodies, statuses, error shapes), run as real processes:
`python -m tests.upstream.fakes --provider tripo --port 8123 --key tsk_test`."""
