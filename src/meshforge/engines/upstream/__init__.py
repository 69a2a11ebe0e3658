"""Models served by forwarding to a hosted provider (Siray or another meshforge, Tripo,
Meshy): one module per provider's HTTP API, the engine that lists them, and their errors.
The forwarding itself (submit once, poll, download) runs in worker/forwarding.py."""
