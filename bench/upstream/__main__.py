from bench.upstream.run import main

main()
