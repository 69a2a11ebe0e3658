"""Scale benchmark: the same image-to-3D batch through the cluster with 1 and 2 workers."""

from bench.scale.run import main

main()
