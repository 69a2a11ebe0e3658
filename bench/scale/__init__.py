"""Scale benchmark: one batch of real image-to-3D tasks through the cluster with one
worker process, then with two; the ratio of throughputs."""
